import ItemBankFormat
@_exported import ItemBankVocabulary

// The field's enumerations (`ItemType`, `ItemStatus`, `SkillStatus`, `Genealogy`, `ResponseFormat`,
// `Tolerances`) live in ItemBankVocabulary, re-exported here so that `import ItemBankRuntime` keeps offering
// them; the views decode them from their stable codes (`init?(code:)`).

/// An interactive page shown in a frame: https URL, frame title, height in CSS pixels (nil: player default).
public struct ItemEmbed: Hashable, Sendable {
    public var url: String
    public var title: String
    public var height: Int?
}

/// A media file of an item: path relative to the bank's media folder, and its text (alt text of an
/// illustration, title of an attachment).
public struct ItemMedia: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case illustration, attachment
    }
    public var kind: Kind
    public var source: String
    public var text: String?
    /// For an illustration: shown for decoration only (empty alt text is then correct).
    public var isDecorative: Bool
}

/// 2PL parameters of an item: discrimination a (> 0), difficulty b (logits).
public struct ItemCalibration: Hashable, Sendable {
    public var discrimination: Double
    public var difficulty: Double
}

/// Tolerances of a typed response.
@available(*, deprecated, renamed: "Tolerances", message: "one type for the model and the runtime (ItemBankVocabulary)")
public typealias ResponseTolerances = Tolerances

/// An area of the framework.
public struct AreaView: Sendable {
    let bank: Bank
    public let index: Int
    var record: Int { bank.areas.record(index) }
    public var code: String { bank.string(at: record + Layout.Area.code) ?? "" }
    public var title: String { bank.string(at: record + Layout.Area.title) ?? "" }
    public var competences: [CompetenceView] {
        let first = Int(bank.storage.u32(record + Layout.Area.firstCompetence))
        let count = Int(bank.storage.u32(record + Layout.Area.competenceCount))
        return (0..<min(count, bank.competences.count)).compactMap { bank.competence(at: first + $0) }
    }
}

/// A competence (`1.1`).
public struct CompetenceView: Sendable {
    let bank: Bank
    public let index: Int
    var record: Int { bank.competences.record(index) }
    public var code: String { bank.string(at: record + Layout.Competence.code) ?? "" }
    public var title: String { bank.string(at: record + Layout.Competence.title) ?? "" }
    public var description: String? { bank.string(at: record + Layout.Competence.description) }
    public var area: AreaView? { bank.area(at: Int(bank.storage.u32(record + Layout.Competence.area))) }
    /// Skills of the competence, in tube order then level.
    public var skills: [SkillView] {
        range(Layout.Competence.firstSkill, Layout.Competence.skillCount, limit: bank.skills.count).compactMap(
            bank.skill(at:))
    }
    /// Items of the competence (contiguous in the bank: sorted by skill, then id).
    public var items: ItemCollection {
        ItemCollection(
            bank: bank, range: range(Layout.Competence.firstItem, Layout.Competence.itemCount, limit: bank.items.count))
    }
    /// Skills of this competence at a level (1–8).
    public func skills(level: Int) -> SkillList { bank.skills(ofCompetence: index, level: level) }

    /// The competence's θ table (THLV, docs/bank-format.md §6.20): element L − 1 is the ability θ
    /// (logits) from which a learner is at level L, for levels 1…k; nil when the bank stores no tables or
    /// none for this competence. Once ``Bank/verify(_:)`` passed, the values are finite, strictly
    /// increasing, and k ≤ the open maximum level.
    public var thetaLevels: [Double]? {
        guard let section = bank.thetaLevels, section.contains(index) else { return nil }
        var thresholds: [Double] = []
        for level in 1...BankFormat.levelCount {
            let theta = bank.storage.f64(section.record(index) + Layout.ThetaLevels.threshold(level: level))
            if theta.isNaN { break }
            thresholds.append(theta)
        }
        return thresholds.isEmpty ? nil : thresholds
    }

    private func range(_ firstField: Int, _ countField: Int, limit: Int) -> Range<Int> {
        clampedRange(
            first: bank.storage.u32(record + firstField), count: bank.storage.u32(record + countField), limit: limit)
    }
}

/// A tube (`@rechercheWeb`).
public struct TubeView: Sendable {
    let bank: Bank
    public let index: Int
    var record: Int { bank.tubes.record(index) }
    public var name: String { bank.string(at: record + Layout.Tube.name) ?? "" }
    public var title: String { bank.string(at: record + Layout.Tube.title) ?? "" }
    public var competence: CompetenceView? {
        bank.competence(at: Int(bank.storage.u32(record + Layout.Tube.competence)))
    }
    /// Skills of the tube, by increasing level.
    public var skills: [SkillView] {
        clampedRange(
            first: bank.storage.u32(record + Layout.Tube.firstSkill),
            count: bank.storage.u32(record + Layout.Tube.skillCount),
            limit: bank.skills.count
        ).compactMap(bank.skill(at:))
    }
}

/// A skill (`@rechercheWeb3`).
public struct SkillView: Sendable {
    let bank: Bank
    public let index: Int
    var record: Int { bank.skills.record(index) }
    public var name: String { bank.string(at: record + Layout.Skill.name) ?? "" }
    public var description: String? { bank.string(at: record + Layout.Skill.description) }
    /// 1–8.
    public var level: Int { Int(bank.storage.u8(record + Layout.Skill.level)) }
    public var status: SkillStatus {
        SkillStatus(code: bank.storage.u8(record + Layout.Skill.status)) ?? .obsolete
    }
    public var tube: TubeView? { bank.tube(at: Int(bank.storage.u32(record + Layout.Skill.tube))) }
    public var competence: CompetenceView? {
        bank.competence(at: Int(bank.storage.u32(record + Layout.Skill.competence)))
    }
    /// Pix the skill is worth when validated: `min(4, 8 / N)`, N being the skills of its (competence,
    /// level) cell that count; 0 for a skill that does not count (not active, no validated item, or above
    /// the framework's open maximum level ``Bank/maxLevel``). Stored at build time (format 1.1, section
    /// `SKPX`); computed from the framework for a 1.0 bank. A skill above the open maximum is worth 0
    /// whatever a bank built before that rule stores. Rule: ``SkillPix``, notes/pix-domain.md "Scoring".
    public var pix: Double {
        guard isOpen else { return 0 }
        if let section = bank.skillPix, section.contains(index) {
            return bank.storage.f64(section.record(index))
        }
        return computedPix
    }

    /// The skill's level is at most the framework's open maximum level (1–8): the journey serves it and
    /// it is worth pix. A skill above it is prepared for a level not open yet.
    public var isOpen: Bool { level <= bank.maxLevel }

    /// The pix recomputed from the framework and the items (what verification compares `SKPX` with).
    var computedPix: Double { computedPix(countingLevelsAboveMax: false) }

    /// The pix of the rule without the open maximum (what banks built before it store for a skill above
    /// the open maximum; verification accepts it there, ``pix`` reads 0).
    func computedPix(countingLevelsAboveMax: Bool) -> Double {
        guard countsForPix, countingLevelsAboveMax || isOpen, let competence = competence else { return 0 }
        let cellSize = bank.skills(ofCompetence: competence.index, level: level).filter(\.countsForPix).count
        return SkillPix.value(cellSize: cellSize)
    }

    /// Active, with at least one validated item (the level is checked by the callers).
    var countsForPix: Bool { status == .active && items.contains { $0.status == .validated } }

    /// Items measuring this skill, sorted by id. No allocation.
    public var items: ItemCollection {
        ItemCollection(
            bank: bank,
            range: clampedRange(
                first: bank.storage.u32(record + Layout.Skill.firstItem),
                count: bank.storage.u32(record + Layout.Skill.itemCount),
                limit: bank.items.count))
    }
}

/// A contiguous run of items (those of a skill, of a competence, or all). Random access, no allocation.
public struct ItemCollection: RandomAccessCollection, Sendable {
    let bank: Bank
    let range: Range<Int>
    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }
    public subscript(position: Int) -> ItemView { ItemView(bank: bank, index: range.lowerBound + position) }
}

/// One item of the bank.
public struct ItemView: Sendable {
    let bank: Bank
    /// Position of the item in the bank (items are sorted by skill, then id).
    public let index: Int
    var record: Int { bank.items.record(index) }

    public var id: String { bank.string(at: record + Layout.Item.id) ?? "" }
    /// BCP 47 language of the content.
    public var language: String { bank.string(at: record + Layout.Item.language) ?? "" }
    /// The stem as an XHTML fragment of the item format's markup subset.
    public var stem: String { bank.string(at: record + Layout.Item.stem) ?? "" }
    /// The stem as plain text.
    public var stemText: String { bank.string(at: record + Layout.Item.stemPlain) ?? "" }
    public var solution: String? { bank.string(at: record + Layout.Item.solution) }
    /// For a variant, the id of its prototype.
    public var prototypeID: String? { bank.string(at: record + Layout.Item.prototype) }
    public var skill: SkillView? { bank.skill(at: Int(bank.storage.u32(record + Layout.Item.skill))) }
    public var type: ItemType {
        ItemType(code: bank.storage.u8(record + Layout.Item.type)) ?? .qcu
    }
    public var status: ItemStatus {
        ItemStatus(code: bank.storage.u8(record + Layout.Item.status)) ?? .obsolete
    }
    var flags: UInt8 { bank.storage.u8(record + Layout.Item.flags) }
    public var isFocusable: Bool { flags & Layout.Item.flagFocusable != 0 }
    public var shufflesChoices: Bool { flags & Layout.Item.flagShuffle != 0 }
    /// Time allowed in seconds, nil when untimed.
    public var timer: Int? {
        let value = Int(bank.storage.u32(record + Layout.Item.timer))
        return value == 0 ? nil : value
    }
    /// 2PL calibration, nil when the item is not calibrated.
    public var calibration: ItemCalibration? {
        guard flags & Layout.Item.flagCalibrated != 0 else { return nil }
        return ItemCalibration(
            discrimination: bank.storage.f64(bank.discriminations.record(index)),
            difficulty: bank.storage.f64(bank.difficulties.record(index)))
    }

    /// The choices of a qcu / qcm, in document order (numbered from 1). No allocation.
    public var choices: RecordCollection<ChoiceView> {
        RecordCollection(
            bank: bank,
            range: clampedRange(
                first: bank.storage.u32(record + Layout.Item.firstChoice),
                count: bank.storage.u32(record + Layout.Item.choiceCount), limit: bank.choices.count))
    }

    /// 1-based positions of the keys among the choices.
    public var keyPositions: [Int] { choices.enumerated().filter { $0.element.isKey }.map { $0.offset + 1 } }

    /// The responses of a qroc / qrocm, in document order. No allocation.
    public var responses: RecordCollection<ResponseView> {
        RecordCollection(
            bank: bank,
            range: clampedRange(
                first: bank.storage.u32(record + Layout.Item.firstResponse),
                count: bank.storage.u32(record + Layout.Item.responseCount), limit: bank.responses.count))
    }

    /// Answer groups of a qrocm-dep: each group's accepted answers.
    public var answerGroups: [[String]] {
        clampedRange(
            first: bank.storage.u32(record + Layout.Item.firstGroup),
            count: bank.storage.u32(record + Layout.Item.groupCount),
            limit: bank.groups.count
        ).map { group in
            let groupRecord = bank.groups.record(group)
            return bank.answerTexts(
                first: bank.storage.u32(groupRecord + Layout.Group.firstAnswer),
                count: bank.storage.u32(groupRecord + Layout.Group.answerCount))
        }
    }

    /// Tolerances of the answer groups of a qrocm-dep.
    public var groupTolerances: Tolerances {
        Tolerances(code: bank.storage.u8(record + Layout.Item.groupTolerances))
    }

    /// Number of distinct right answers a qrocm-dep requires; nil means "one per response".
    public var requiredAnswerCount: Int? {
        let value = Int(bank.storage.u32(record + Layout.Item.requiredCount))
        return value == 0 ? nil : value
    }

    public var genealogy: Genealogy {
        Genealogy(code: bank.storage.u8(record + Layout.Item.genealogy)) ?? .prototype
    }

    /// Version of a prototype, nil when not given.
    public var version: Int? {
        let value = Int(bank.storage.u32(record + Layout.Item.version))
        return value == 0 ? nil : value
    }

    /// Locales the item is served in; empty means its ``language``.
    public var locales: [String] {
        (bank.string(at: record + Layout.Item.locales) ?? "").split(separator: " ").map(String.init)
    }

    public var embed: ItemEmbed? {
        guard let url = bank.string(at: record + Layout.Item.embedURL) else { return nil }
        let height = Int(bank.storage.u32(record + Layout.Item.embedHeight))
        return ItemEmbed(
            url: url, title: bank.string(at: record + Layout.Item.embedTitle) ?? "", height: height == 0 ? nil : height)
    }

    /// Illustration first, then attachments, in document order.
    public var media: [ItemMedia] {
        clampedRange(
            first: bank.storage.u32(record + Layout.Item.firstMedia),
            count: bank.storage.u32(record + Layout.Item.mediaCount),
            limit: bank.media.count
        ).map { index in
            let media = bank.media.record(index)
            return ItemMedia(
                kind: bank.storage.u8(media + Layout.Media.kind) == 0 ? .illustration : .attachment,
                source: bank.string(at: media + Layout.Media.path) ?? "",
                text: bank.string(at: media + Layout.Media.text),
                isDecorative: bank.storage.u8(media + Layout.Media.flags) & Layout.Media.flagDecorative != 0)
        }
    }

    /// The illustration, nil when none.
    public var illustration: ItemMedia? { media.first { $0.kind == .illustration } }
}

/// A view of one record of a table, made from the bank and the record's index.
public protocol RecordView: Sendable {
    init(bank: Bank, index: Int)
}

/// A contiguous run of records (the choices or responses of an item). Random access, no allocation.
public struct RecordCollection<Element: RecordView>: RandomAccessCollection, Sendable {
    let bank: Bank
    let range: Range<Int>
    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }
    public subscript(position: Int) -> Element { Element(bank: bank, index: range.lowerBound + position) }
}

/// One choice of a qcu / qcm.
public struct ChoiceView: RecordView {
    let bank: Bank
    let index: Int
    public init(bank: Bank, index: Int) {
        self.bank = bank
        self.index = index
    }
    var record: Int { bank.choices.record(index) }
    /// The choice's text as an XHTML fragment.
    public var text: String { bank.string(at: record + Layout.Choice.text) ?? "" }
    public var id: String? { bank.string(at: record + Layout.Choice.id) }
    public var isKey: Bool { bank.storage.u8(record + Layout.Choice.flags) & Layout.Choice.flagKey != 0 }
}

/// One response of a qroc / qrocm.
public struct ResponseView: RecordView {
    let bank: Bank
    let index: Int
    public init(bank: Bank, index: Int) {
        self.bank = bank
        self.index = index
    }
    var record: Int { bank.responses.record(index) }
    public var id: String { bank.string(at: record + Layout.Response.id) ?? "" }
    public var label: String? { bank.string(at: record + Layout.Response.label) }
    public var isDropdown: Bool { bank.storage.u8(record + Layout.Response.kind) == 1 }
    /// Input format of a typed response; nil for a drop-down.
    public var responseFormat: ResponseFormat? {
        guard !isDropdown else { return nil }
        return ResponseFormat(code: bank.storage.u8(record + Layout.Response.format))
    }
    /// Input format's name (`short`, `words`, `sentence`, `paragraph`, `number`); nil for a drop-down.
    /// The same as ``responseFormat``'s raw value.
    public var format: String? { responseFormat?.rawValue }
    public var tolerances: Tolerances {
        Tolerances(code: bank.storage.u8(record + Layout.Response.tolerances))
    }
    public var acceptedAnswers: [String] {
        bank.answerTexts(
            first: bank.storage.u32(record + Layout.Response.firstAnswer),
            count: bank.storage.u32(record + Layout.Response.answerCount))
    }
    /// Options of a drop-down (empty for a typed response).
    public var options: [String] {
        bank.answerTexts(
            first: bank.storage.u32(record + Layout.Response.firstOption),
            count: bank.storage.u32(record + Layout.Response.optionCount))
    }
}

extension Bank {
    func answerTexts(first: UInt32, count: UInt32) -> [String] {
        clampedRange(first: first, count: count, limit: answers.count).map {
            string(at: answers.record($0) + Layout.Answer.text) ?? ""
        }
    }
}

/// `first ..< first + count`, clamped to `0 ..< limit` (a corrupt record gives an empty or short range).
@inline(__always) func clampedRange(first: UInt32, count: UInt32, limit: Int) -> Range<Int> {
    let start = min(Int(first), limit)
    let end = min(start + Int(count), limit)
    return start..<end
}

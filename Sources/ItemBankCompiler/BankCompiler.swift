import Foundation
import ItemBankFormat
import ItemBankModel

/// Why a bank cannot be compiled. The linter reports these first; the compiler checks again so that it
/// never writes a bank with dangling references.
public struct CompileError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Compiles decoded sources into the bytes of a compiled bank (format 1.1, docs/bank-format.md).
///
/// Deterministic: the output depends only on the sources' content. Skills follow the framework's
/// document order (sorted by level inside a tube); items are sorted by skill, then by id (NFC bytes);
/// nothing depends on file enumeration order, hashing order, locale, time or machine.
public enum BankCompiler {
    /// - Throws: ``CompileError`` when the framework is missing, an item's skill is unknown, two items
    ///   share an id, a competence's θ table is unusable (`framework.theta-levels`), or a count does not
    ///   fit the format's 32-bit fields.
    public static func compile(_ sources: BankSources) throws -> [UInt8] {
        assemble(try sections(of: sources))
    }

    /// A section to write: id, payload (unpadded), record size (0: not records), flags.
    public struct Section: Sendable {
        public var id: SectionID
        public var payload: [UInt8]
        public var recordSize: Int
        public var flags: UInt32

        public init(
            id: SectionID, payload: [UInt8], recordSize: Int, flags: UInt32 = BankFormat.SectionEntry.mustUnderstand
        ) {
            self.id = id
            self.payload = payload
            self.recordSize = recordSize
            self.flags = flags
        }
    }

    /// The sections of format 1.1 for these sources, in file order.
    /// - Throws: ``CompileError``, as ``compile(_:)``.
    public static func sections(of sources: BankSources) throws -> [Section] {
        guard let framework = sources.framework else { throw CompileError(message: "the framework did not load") }
        var pool = StringPool()

        // Framework tables.
        var areas = ByteWriter()
        var competences = ByteWriter()
        var thematics = ByteWriter()
        var tubes = ByteWriter()
        var skillRecords: [(skill: Skill, tube: Int, competence: Int)] = []
        var competenceSkillRanges: [(first: Int, count: Int)] = []
        var tubeIndex = 0
        var thematicIndex = 0
        var competenceIndex = 0
        for area in framework.areas {
            areas.strRef(pool.add(area.code))
            areas.strRef(pool.add(area.title))
            areas.u32(UInt32(competenceIndex))
            areas.u32(UInt32(area.competences.count))
            for competence in area.competences {
                let firstSkill = skillRecords.count
                for thematic in competence.thematics {
                    thematics.strRef(pool.add(thematic.id))
                    thematics.strRef(pool.add(thematic.title))
                    thematics.u32(UInt32(competenceIndex))
                    thematics.u32(UInt32(tubeIndex))
                    thematics.u32(UInt32(thematic.tubes.count))
                    thematics.zeros(4)
                    for tube in thematic.tubes {
                        let sortedSkills = tube.skills.sorted {
                            $0.level != $1.level
                                ? $0.level < $1.level
                                : StringPool.normalized($0.name).utf8.lexicographicallyPrecedes(
                                    StringPool.normalized($1.name).utf8)
                        }
                        tubes.strRef(pool.add(tube.name))
                        tubes.strRef(pool.add(tube.title))
                        tubes.strRef(pool.add(tube.description))
                        tubes.u32(UInt32(thematicIndex))
                        tubes.u32(UInt32(competenceIndex))
                        tubes.u32(UInt32(skillRecords.count))
                        tubes.u32(UInt32(sortedSkills.count))
                        for skill in sortedSkills {
                            skillRecords.append((skill, tubeIndex, competenceIndex))
                        }
                        tubeIndex += 1
                    }
                    thematicIndex += 1
                }
                competenceSkillRanges.append((firstSkill, skillRecords.count - firstSkill))
                competenceIndex += 1
            }
        }

        var skillIndexByName: [String: Int] = [:]
        for (index, record) in skillRecords.enumerated() where skillIndexByName[record.skill.name] == nil {
            skillIndexByName[record.skill.name] = index
        }

        // Items, sorted by (skill index, id bytes).
        var seenIDs: Set<String> = []
        // Sorted as (skill, source position, stored id): the items themselves are not moved by the sort.
        var keyed: [(skill: Int, source: Int, storedID: [UInt8])] = []
        for (position, item) in sources.items.enumerated() {
            guard let skill = skillIndexByName[item.skill] else {
                throw CompileError(
                    message: "\(item.location.path): item \(item.id) measures unknown skill \(item.skill)")
            }
            guard seenIDs.insert(item.id).inserted else {
                throw CompileError(message: "\(item.location.path): duplicate item id \(item.id)")
            }
            keyed.append((skill, position, Array(StringPool.normalized(item.id).utf8)))
        }
        // Ids are ordered as they are stored: NFC UTF-8 bytes.
        keyed.sort { lhs, rhs in
            lhs.skill != rhs.skill ? lhs.skill < rhs.skill : lhs.storedID.lexicographicallyPrecedes(rhs.storedID)
        }
        // Items of skill s are keyed[first ..< first + count]; an empty range starts at its insertion point.
        var itemsBySkill: [(first: Int, count: Int)] = Array(repeating: (0, 0), count: skillRecords.count)
        for entry in keyed { itemsBySkill[entry.skill].count += 1 }
        var running = 0
        for skill in itemsBySkill.indices {
            itemsBySkill[skill].first = running
            running += itemsBySkill[skill].count
        }
        // Items of a competence are contiguous because skills are grouped by competence.
        func itemRange(skills range: (first: Int, count: Int)) -> (first: Int, count: Int) {
            let first = range.first < itemsBySkill.count ? itemsBySkill[range.first].first : keyed.count
            let count = itemsBySkill[range.first..<(range.first + range.count)].reduce(0) { $0 + $1.count }
            return (first, count)
        }

        competenceIndex = 0
        thematicIndex = 0
        for (areaIndex, area) in framework.areas.enumerated() {
            for competence in area.competences {
                let skillRange = competenceSkillRanges[competenceIndex]
                let items = itemRange(skills: skillRange)
                competences.strRef(pool.add(competence.code))
                competences.strRef(pool.add(competence.title))
                competences.strRef(pool.add(competence.description))
                competences.u32(UInt32(areaIndex))
                competences.u32(UInt32(thematicIndex))
                competences.u32(UInt32(competence.thematics.count))
                competences.u32(UInt32(skillRange.first))
                competences.u32(UInt32(skillRange.count))
                competences.u32(UInt32(items.first))
                competences.u32(UInt32(items.count))
                competences.zeros(4)
                thematicIndex += competence.thematics.count
                competenceIndex += 1
            }
        }

        var skills = ByteWriter()
        for (index, record) in skillRecords.enumerated() {
            skills.strRef(pool.add(record.skill.name))
            skills.strRef(pool.add(record.skill.description))
            skills.strRef(pool.add(record.skill.id))
            skills.u32(UInt32(record.tube))
            skills.u32(UInt32(record.competence))
            skills.u8(UInt8(clamping: record.skill.level))
            skills.u8(code(record.skill.status.rawValue, in: Codes.skillStatuses))
            skills.zeros(2)
            skills.u32(UInt32(itemsBySkill[index].first))
            skills.u32(UInt32(itemsBySkill[index].count))
            skills.zeros(4)
        }

        // Pix per skill (format 1.1): active skills with a validated item, at or below the open maximum
        // level, share their cell's 8 pix.
        var skillHasValidatedItem = Array(repeating: false, count: skillRecords.count)
        for entry in keyed where sources.items[entry.source].status == .validated {
            skillHasValidatedItem[entry.skill] = true
        }
        var skillPix = ByteWriter()
        let pixInputs = skillRecords.enumerated().map { index, record in
            SkillPix.Input(
                competence: record.competence, level: record.skill.level,
                isActive: record.skill.status == .active && skillHasValidatedItem[index],
                maxLevel: framework.maxLevel)
        }
        for value in SkillPix.values(pixInputs) { skillPix.f64(value) }

        // Skills by (competence, level): CSR offsets then indices.
        var byLevel = ByteWriter()
        var levelLists: [[Int]] = []
        for range in competenceSkillRanges {
            for level in 1...BankFormat.levelCount {
                levelLists.append(
                    (range.first..<(range.first + range.count)).filter { skillRecords[$0].skill.level == level })
            }
        }
        running = 0
        byLevel.u32(0)
        for list in levelLists {
            running += list.count
            byLevel.u32(UInt32(running))
        }
        for list in levelLists { for skill in list { byLevel.u32(UInt32(skill)) } }

        // Items and their parts.
        var items = ByteWriter()
        var choices = ByteWriter()
        var responses = ByteWriter()
        var answers = ByteWriter()
        var groups = ByteWriter()
        var media = ByteWriter()
        var discriminations = ByteWriter()
        var difficulties = ByteWriter()
        var choiceCount = 0
        var responseCount = 0
        var answerCount = 0
        var groupCount = 0
        var mediaCount = 0
        func addAnswers(_ list: [AcceptedAnswer]) -> (first: Int, count: Int) {
            let first = answerCount
            for answer in list {
                answers.strRef(pool.add(answer.text))
                answerCount += 1
            }
            return (first, list.count)
        }
        for (itemIndex, entry) in keyed.enumerated() {
            let item = sources.items[entry.source]
            let firstChoice = choiceCount
            for choice in item.choices {
                choices.strRef(pool.add(choice.text.markup))
                choices.strRef(pool.add(choice.id))
                choices.u8(choice.isKey ? Layout.Choice.flagKey : 0)
                choices.zeros(7)
                choiceCount += 1
            }
            let firstResponse = responseCount
            for response in item.responses {
                responses.strRef(pool.add(response.id))
                responses.strRef(pool.add(response.label))
                responses.strRef(pool.add(response.placeholder))
                responses.u32(UInt32(itemIndex))
                let accepted = addAnswers(response.acceptedAnswers)
                var options = (first: answerCount, count: 0)
                switch response.kind {
                case .text(let format, let tolerances):
                    responses.u8(0)
                    responses.u8(code(format.rawValue, in: Codes.responseFormats))
                    responses.u8(tolerances.rawValue)
                case .dropdown(let list):
                    responses.u8(1)
                    responses.u8(0)
                    responses.u8(0)
                    options = addAnswers(list)
                }
                responses.zeros(1)
                responses.u32(UInt32(accepted.first))
                responses.u32(UInt32(accepted.count))
                responses.u32(UInt32(options.first))
                responses.u32(UInt32(options.count))
                responseCount += 1
            }
            let firstGroup = groupCount
            for group in item.answerGroups?.groups ?? [] {
                let range = addAnswers(group.acceptedAnswers)
                groups.u32(UInt32(range.first))
                groups.u32(UInt32(range.count))
                groupCount += 1
            }
            let firstMedia = mediaCount
            if let illustration = item.illustration {
                media.strRef(pool.add(illustration.source))
                media.strRef(pool.add(illustration.alternative))
                media.u8(0)
                media.u8(illustration.isDecorative ? Layout.Media.flagDecorative : 0)
                media.zeros(6)
                mediaCount += 1
            }
            for attachment in item.attachments {
                media.strRef(pool.add(attachment.source))
                media.strRef(pool.add(attachment.title))
                media.u8(1)
                media.zeros(7)
                mediaCount += 1
            }
            var flags: UInt8 = 0
            if item.isFocusable { flags |= Layout.Item.flagFocusable }
            if item.shufflesChoices { flags |= Layout.Item.flagShuffle }
            if item.calibration != nil { flags |= Layout.Item.flagCalibrated }
            items.strRef(pool.add(item.id))
            items.strRef(pool.add(item.language))
            items.strRef(pool.add(item.stem.markup))
            items.strRef(pool.add(item.stem.plain))
            items.strRef(pool.add(item.solution?.markup))
            items.strRef(pool.add(item.prototype))
            items.u32(UInt32(entry.skill))
            items.u8(code(item.type.rawValue, in: Codes.itemTypes))
            items.u8(code(item.status.rawValue, in: Codes.itemStatuses))
            items.u8(code(item.genealogy.rawValue, in: Codes.genealogies))
            items.u8(flags)
            items.u32(UInt32(clamping: item.timer ?? 0))
            items.u32(UInt32(clamping: item.version ?? 0))
            items.u32(UInt32(firstChoice))
            items.u32(UInt32(item.choices.count))
            items.u32(UInt32(firstResponse))
            items.u32(UInt32(item.responses.count))
            items.u32(UInt32(firstGroup))
            items.u32(UInt32(item.answerGroups?.groups.count ?? 0))
            items.u8(item.answerGroups?.tolerances.rawValue ?? 0)
            items.zeros(3)
            items.u32(UInt32(clamping: item.answerGroups?.count ?? 0))
            items.u32(UInt32(firstMedia))
            items.u32(UInt32(mediaCount - firstMedia))
            items.strRef(pool.add(item.embed?.url))
            items.strRef(pool.add(item.embed?.title))
            items.u32(UInt32(clamping: item.embed?.height ?? 0))
            items.zeros(4)
            items.strRef(item.locales.isEmpty ? .none : pool.add(item.locales.joined(separator: " ")))
            discriminations.f64(item.calibration?.discrimination ?? .nan)
            difficulties.f64(item.calibration?.difficulty ?? .nan)
        }

        // Item id index: item positions sorted by id bytes.
        var idIndex = ByteWriter()
        let order = keyed.indices.sorted { keyed[$0].storedID.lexicographicallyPrecedes(keyed[$1].storedID) }
        for position in order { idIndex.u32(UInt32(position)) }

        var meta = ByteWriter()
        meta.strRef(pool.add(sources.manifest.id))
        meta.strRef(pool.add(sources.manifest.version))
        meta.strRef(pool.add(sources.manifest.title))
        meta.strRef(pool.add(sources.manifest.language))
        meta.strRef(pool.add(framework.id))
        meta.strRef(pool.add(framework.version))
        meta.strRef(pool.add(framework.title))
        meta.u8(UInt8(clamping: framework.maxLevel))
        meta.zeros(7)
        meta.strRef(pool.add(framework.language))
        meta.strRef(pool.add(sources.manifest.description))
        meta.strRef(
            sources.manifest.locales.isEmpty ? .none : pool.add(sources.manifest.locales.joined(separator: " ")))
        meta.zeros(8)

        guard pool.bytes.count < Int(UInt32.max), keyed.count < Int(BankFormat.none), answerCount < Int(BankFormat.none)
        else { throw CompileError(message: "the bank is too large for format 1 (32-bit offsets)") }

        var strings = ByteWriter()
        strings.append(pool.bytes)
        let sections: [(SectionID, ByteWriter, Int)] = [
            (.meta, meta, 0),
            (.strings, strings, 0),
            (.areas, areas, Layout.Area.size),
            (.competences, competences, Layout.Competence.size),
            (.thematics, thematics, Layout.Thematic.size),
            (.tubes, tubes, Layout.Tube.size),
            (.skills, skills, Layout.Skill.size),
            (.items, items, Layout.Item.size),
            (.choices, choices, Layout.Choice.size),
            (.responses, responses, Layout.Response.size),
            (.answers, answers, Layout.Answer.size),
            (.groups, groups, Layout.Group.size),
            (.media, media, Layout.Media.size),
            (.itemIDIndex, idIndex, 4),
            (.skillsByLevel, byLevel, 4),
            (.discriminations, discriminations, 8),
            (.difficulties, difficulties, 8),
        ]
        var optional = [
            // Optional (format 1.1): a 1.0 reader skips it.
            Section(id: .skillPix, payload: skillPix.bytes, recordSize: 8, flags: 0)
        ]
        if let thetaLevels = try thetaLevelsSection(framework) {
            optional.append(
                Section(id: .thetaLevels, payload: thetaLevels, recordSize: Layout.ThetaLevels.size, flags: 0))
        }
        return sections.map { Section(id: $0.0, payload: $0.1.bytes, recordSize: $0.2) } + optional
    }

    /// The THLV payload (docs/bank-format.md §6.20): per competence (COMP order), the θ of levels 1…8, NaN
    /// past the table's last level or for a competence without a table; nil when no competence has a table.
    /// - Throws: ``CompileError`` when a table is unusable (`framework.theta-levels` reports why).
    static func thetaLevelsSection(_ framework: Framework) throws -> [UInt8]? {
        let competences = framework.competences
        guard competences.contains(where: { $0.thetaLevels != nil }) else { return nil }
        var writer = ByteWriter()
        for competence in competences {
            var thetas: [Double] = []
            if let table = competence.thetaLevels {
                guard let ordered = table.orderedThetas(maxLevel: min(framework.maxLevel, BankFormat.levelCount))
                else {
                    throw CompileError(
                        message:
                            "\(table.location.path): the θ table of competence \(competence.code) is not usable (see framework.theta-levels)"
                    )
                }
                thetas = ordered
            }
            for level in 1...BankFormat.levelCount {
                writer.f64(level <= thetas.count ? thetas[level - 1] : .nan)
            }
        }
        return writer.bytes
    }

    /// Lays out header, section table, sections (8-aligned, zero-padded) and trailer.
    /// Lays out header, section table, sections (8-aligned, zero-padded) and trailer: the bytes of a bank.
    public static func assemble(_ sections: [Section]) -> [UInt8] {
        var file = ByteWriter()
        file.append(BankFormat.magic)
        file.u16(BankFormat.majorVersion)
        file.u16(BankFormat.minorVersion)
        file.u16(0)  // minimum reader minor
        file.u16(UInt16(BankFormat.headerSize))
        file.u64(0)  // flags
        file.u64(0)  // file size, patched
        file.u32(UInt32(sections.count))
        file.u32(UInt32(BankFormat.sectionEntrySize))
        file.u64(UInt64(BankFormat.headerSize))
        file.zeros(BankFormat.headerSize - file.count)
        let tableOffset = file.count
        file.zeros(sections.count * BankFormat.sectionEntrySize)
        file.align()
        for (index, section) in sections.enumerated() {
            let offset = file.count
            file.append(section.payload)
            let entry = tableOffset + index * BankFormat.sectionEntrySize
            file.patch32(section.id.raw, at: entry + BankFormat.SectionEntry.id)
            file.patch32(section.flags, at: entry + BankFormat.SectionEntry.flags)
            file.patch64(UInt64(offset), at: entry + BankFormat.SectionEntry.offset)
            file.patch64(UInt64(section.payload.count), at: entry + BankFormat.SectionEntry.length)
            file.patch32(UInt32(section.recordSize), at: entry + BankFormat.SectionEntry.recordSize)
            file.patch32(CRC32C.checksum(section.payload), at: entry + BankFormat.SectionEntry.crc)
            file.align()
        }
        let trailerOffset = file.count
        file.patch64(UInt64(trailerOffset + BankFormat.trailerSize), at: BankFormat.Header.fileSize)
        let contentDigest = file.bytes.withUnsafeBytes {
            SHA256Digest.hash(UnsafeRawBufferPointer(rebasing: $0[BankFormat.headerSize..<trailerOffset]))
        }
        file.patch(contentDigest, at: BankFormat.Header.contentDigest)
        let headerCRC = file.bytes.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<BankFormat.Header.headerCRC]))
        }
        file.patch32(headerCRC, at: BankFormat.Header.headerCRC)
        let fileDigest = file.bytes.withUnsafeBytes { SHA256Digest.hash($0) }
        file.append(fileDigest)
        file.append(BankFormat.endMagic)
        return file.bytes
    }

    private static func code(_ value: String, in table: [String]) -> UInt8 {
        UInt8(table.firstIndex(of: value) ?? 0)
    }
}

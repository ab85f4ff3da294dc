/// What changed between two compiled banks: the framework (areas, competences, tubes, skills) and the
/// items (by id, with the fields that changed). Computed from the banks alone, without sources.
public struct BankDiff: Hashable, Sendable, Codable {
    /// One added, removed or changed entry.
    public struct Change: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable {
            case added, removed, changed
        }
        public var kind: Kind
        /// `area`, `competence`, `tube`, `skill` or `item`.
        public var entity: String
        /// The entry's key: area or competence code, tube or skill name, item id.
        public var key: String
        /// For a change: the fields that differ, in a fixed order (`title`, `status`, `stem`, `keys`,
        /// a competence's `thetaLevels`…).
        public var fields: [String]
        /// For a change: field -> "old -> new" for short values (titles, statuses, levels, calibrations, θ
        /// tables).
        public var details: [String: String]

        public init(kind: Kind, entity: String, key: String, fields: [String] = [], details: [String: String] = [:]) {
            self.kind = kind
            self.entity = entity
            self.key = key
            self.fields = fields
            self.details = details
        }
    }

    /// Framework changes: areas, then competences, tubes and skills; inside each, removed, added, changed.
    public var framework: [Change]
    /// Item changes: removed, added, then changed, each sorted by id.
    public var items: [Change]
    /// Items present in both banks with identical content.
    public var unchangedItemCount: Int

    /// Whether the two banks have the same framework and items.
    public var isEmpty: Bool { framework.isEmpty && items.isEmpty }

    /// The fields an item change can name, in the order they are listed.
    public static let itemFields = [
        "skill", "type", "status", "stem", "choices", "keys", "responses", "accepted answers", "calibration", "media",
        "solution", "settings",
    ]

    /// This diff without the item fields in `ignored` (names of ``itemFields``): a changed item whose
    /// every differing field is ignored counts as unchanged. Used to compare what a format can carry
    /// (`itembank diff --ignore status,calibration` after a QTI round trip).
    public func ignoringItemFields(_ ignored: Set<String>) -> BankDiff {
        var kept: [Change] = []
        var unchanged = unchangedItemCount
        for change in items {
            guard change.kind == .changed else {
                kept.append(change)
                continue
            }
            var change = change
            change.fields.removeAll { ignored.contains($0) }
            for field in ignored { change.details[field] = nil }
            if change.fields.isEmpty { unchanged += 1 } else { kept.append(change) }
        }
        return BankDiff(framework: framework, items: kept, unchangedItemCount: unchanged)
    }

    /// Compares two banks.
    public static func between(_ old: Bank, _ new: Bank) -> BankDiff {
        var framework: [Change] = []
        framework += compare(
            "area", old.allAreas.map { ($0.code, ["title": $0.title]) },
            new.allAreas.map { ($0.code, ["title": $0.title]) })
        // A competence's θ table (THLV) compares as its thresholds joined by spaces, "none" without one.
        func competenceFields(_ competence: CompetenceView) -> [String: String] {
            [
                "title": competence.title, "area": competence.area?.code ?? "",
                "thetaLevels": competence.thetaLevels?.map { String($0) }.joined(separator: " ") ?? "none",
            ]
        }
        framework += compare(
            "competence", old.allCompetences.map { ($0.code, competenceFields($0)) },
            new.allCompetences.map { ($0.code, competenceFields($0)) })
        framework += compare(
            "tube", old.allTubes.map { ($0.name, ["title": $0.title, "competence": $0.competence?.code ?? ""]) },
            new.allTubes.map { ($0.name, ["title": $0.title, "competence": $0.competence?.code ?? ""]) })
        func skillFields(_ skill: SkillView) -> [String: String] {
            [
                "status": skill.status.rawValue, "level": String(skill.level), "tube": skill.tube?.name ?? "",
                "description": skill.description ?? "",
            ]
        }
        framework += compare(
            "skill", old.allSkills.map { ($0.name, skillFields($0)) }, new.allSkills.map { ($0.name, skillFields($0)) })

        let oldItems = Dictionary(
            old.allItems.map { ($0.id, ItemContent($0)) }, uniquingKeysWith: { first, _ in first })
        let newItems = Dictionary(
            new.allItems.map { ($0.id, ItemContent($0)) }, uniquingKeysWith: { first, _ in first })
        var items: [Change] = []
        var unchanged = 0
        for id in oldItems.keys.sorted() where newItems[id] == nil {
            items.append(Change(kind: .removed, entity: "item", key: id))
        }
        for id in newItems.keys.sorted() where oldItems[id] == nil {
            items.append(Change(kind: .added, entity: "item", key: id))
        }
        for id in oldItems.keys.sorted() {
            guard let before = oldItems[id], let after = newItems[id] else { continue }
            let (fields, details) = before.differences(from: after)
            if fields.isEmpty {
                unchanged += 1
            } else {
                items.append(Change(kind: .changed, entity: "item", key: id, fields: fields, details: details))
            }
        }
        return BankDiff(framework: framework, items: items, unchangedItemCount: unchanged)
    }

    /// Compares keyed entries: removed, added, then changed (fields sorted), each sorted by key.
    private static func compare(
        _ entity: String, _ old: [(String, [String: String])], _ new: [(String, [String: String])]
    )
        -> [Change]
    {
        let before = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new, uniquingKeysWith: { first, _ in first })
        var changes: [Change] = []
        for key in before.keys.sorted() where after[key] == nil {
            changes.append(Change(kind: .removed, entity: entity, key: key))
        }
        for key in after.keys.sorted() where before[key] == nil {
            changes.append(Change(kind: .added, entity: entity, key: key))
        }
        for key in before.keys.sorted() {
            guard let old = before[key], let new = after[key] else { continue }
            let fields = old.keys.sorted().filter { old[$0] != new[$0] }
            if !fields.isEmpty {
                var details: [String: String] = [:]
                for field in fields where field != "description" {
                    details[field] = "\(old[field] ?? "") -> \(new[field] ?? "")"
                }
                changes.append(Change(kind: .changed, entity: entity, key: key, fields: fields, details: details))
            }
        }
        return changes
    }
}

/// The comparable content of an item, field by field.
private struct ItemContent: Equatable {
    var skill: String
    var type: String
    var status: String
    var stem: String
    var choices: [String]
    var keys: [Int]
    var responses: [String]
    var acceptedAnswers: [[String]]
    var calibration: String
    var media: [String]
    var solution: String
    var settings: String

    init(_ item: ItemView) {
        skill = item.skill?.name ?? ""
        type = item.type.rawValue
        status = item.status.rawValue
        stem = item.stem
        choices = item.choices.map(\.text)
        keys = item.keyPositions
        responses = item.responses.map { response in
            "\(response.id) \(response.format ?? "dropdown") \(response.tolerances.rawValue) \(response.options)"
        }
        acceptedAnswers =
            item.responses.map(\.acceptedAnswers) + item.answerGroups
            + [["groups: \(item.groupTolerances.rawValue) \(item.requiredAnswerCount ?? 0)"]]
        calibration = item.calibration.map { "a=\($0.discrimination) b=\($0.difficulty)" } ?? "none"
        media =
            item.media.map { "\($0.kind.rawValue) \($0.source) \($0.text ?? "") \($0.isDecorative)" }
            + [item.embed.map { "embed \($0.url) \($0.title) \($0.height ?? 0)" } ?? ""]
        solution = item.solution ?? ""
        settings =
            "\(item.genealogy.rawValue) \(item.prototypeID ?? "") \(item.version ?? 0) \(item.timer ?? 0) "
            + "\(item.isFocusable) \(item.shufflesChoices) \(item.language) \(item.locales)"
    }

    /// Names of the fields that differ (fixed order), and "old -> new" for the short ones.
    func differences(from other: ItemContent) -> ([String], [String: String]) {
        var fields: [String] = []
        var details: [String: String] = [:]
        func check(_ name: String, _ differs: Bool, _ detail: String? = nil) {
            guard differs else { return }
            fields.append(name)
            if let detail { details[name] = detail }
        }
        check("skill", skill != other.skill, "\(skill) -> \(other.skill)")
        check("type", type != other.type, "\(type) -> \(other.type)")
        check("status", status != other.status, "\(status) -> \(other.status)")
        check("stem", stem != other.stem)
        check("choices", choices != other.choices)
        check("keys", keys != other.keys, "\(keys) -> \(other.keys)")
        check("responses", responses != other.responses)
        check("accepted answers", acceptedAnswers != other.acceptedAnswers)
        check("calibration", calibration != other.calibration, "\(calibration) -> \(other.calibration)")
        check("media", media != other.media)
        check("solution", solution != other.solution)
        check("settings", settings != other.settings)
        return (fields, details)
    }
}

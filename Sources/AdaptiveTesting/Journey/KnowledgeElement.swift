import Foundation
import ItemBankRuntime

/// What a learner is known to master, skill by skill: Pix's *knowledge element* (notes/pix-domain.md).
///
/// A knowledge element is *direct* when the learner answered an item of the skill, *inferred* when a
/// direct answer on another skill of the same tube implied it (a right answer validates the easier
/// skills of the tube, a wrong one invalidates the harder ones).
///
/// Skills and items are named (`@rechercheWeb3`, an item id), not indexed, so a learner's knowledge
/// survives a new version of the bank.
public struct KnowledgeElement: Codable, Hashable, Sendable {
    /// Validated (the learner masters the skill) or invalidated.
    public enum Status: String, Codable, Hashable, Sendable {
        case validated, invalidated
    }

    /// Answered directly, or inferred from an answer on another skill of the tube.
    public enum Source: String, Codable, Hashable, Sendable {
        case direct, inferred
    }

    /// Skill name, for example `@rechercheWeb3`.
    public var skill: String
    public var status: Status
    public var source: Source
    /// The item answered: the item of the skill for a direct element, the item whose answer implied it
    /// for an inferred one.
    public var item: String
    /// When the answer was recorded.
    public var date: Date

    public init(skill: String, status: Status, source: Source, item: String, date: Date) {
        self.skill = skill
        self.status = status
        self.source = source
        self.item = item
        self.date = date
    }
}

/// An ability θ measured by an IRT form (a Pix campaign or v3 certification form) and kept in the
/// learner's profile: the latest measure of each form.
public struct MeasuredAbility: Codable, Hashable, Sendable {
    /// The form that measured it: `pix-campaign` or `pix-certification`.
    public var form: String
    /// The final estimate θ (logits) and its standard error (logits).
    public var theta: Double
    public var standardError: Double
    /// When the form ended (its last answer).
    public var date: Date

    public init(form: String, theta: Double, standardError: Double, date: Date) {
        self.form = form
        self.theta = theta
        self.standardError = standardError
        self.date = date
    }
}

/// A learner's knowledge across the framework: the input and output of every step of the journey
/// (positioning, training, certification). Codable as JSON; at most one element per skill.
public struct LearnerProfile: Codable, Hashable, Sendable {
    /// Knowledge elements, at most one per skill, in the order they were recorded.
    public private(set) var knowledge: [KnowledgeElement]
    /// Items the learner answered (positioning and training), in order: a certification avoids them.
    public private(set) var answeredItems: [String]
    /// The latest ability measured by each IRT form, at most one per form, in the order recorded; absent
    /// from the JSON when empty (profiles written before IRT forms existed read the same).
    public private(set) var abilities: [MeasuredAbility] = []

    /// A profile from elements (the last element of a skill wins, in the order of last occurrence) and
    /// answered items (duplicates dropped). Linear in the input size.
    public init(knowledge: [KnowledgeElement] = [], answeredItems: [String] = []) {
        var seenSkills: Set<String> = []
        var latest: [KnowledgeElement] = []
        for element in knowledge.reversed() where seenSkills.insert(element.skill).inserted {
            latest.append(element)
        }
        self.knowledge = latest.reversed()
        var seenItems: Set<String> = []
        self.answeredItems = answeredItems.filter { seenItems.insert($0).inserted }
    }

    private enum CodingKeys: String, CodingKey {
        case knowledge, answeredItems, abilities
    }

    /// Decodes a profile; duplicates are resolved as by ``init(knowledge:answeredItems:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            knowledge: try container.decode([KnowledgeElement].self, forKey: .knowledge),
            answeredItems: try container.decodeIfPresent([String].self, forKey: .answeredItems) ?? [])
        for ability in try container.decodeIfPresent([MeasuredAbility].self, forKey: .abilities) ?? [] {
            record(ability)
        }
    }

    /// Encodes `knowledge`, `answeredItems`, and `abilities` when there is one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(knowledge, forKey: .knowledge)
        try container.encode(answeredItems, forKey: .answeredItems)
        if !abilities.isEmpty { try container.encode(abilities, forKey: .abilities) }
    }

    /// The element of a skill, if any.
    public func element(skill: String) -> KnowledgeElement? { knowledge.first { $0.skill == skill } }

    /// Adds an element, replacing the skill's previous one (a skill re-asked in training).
    public mutating func record(_ element: KnowledgeElement) {
        knowledge.removeAll { $0.skill == element.skill }
        knowledge.append(element)
    }

    /// Adds an answered item (once).
    public mutating func recordAnswered(item: String) {
        if !answeredItems.contains(item) { answeredItems.append(item) }
    }

    /// Records an IRT form's measure, replacing the form's previous one.
    public mutating func record(_ ability: MeasuredAbility) {
        abilities.removeAll { $0.form == ability.form }
        abilities.append(ability)
    }

    /// The profile with the knowledge elements replaced, answered items and abilities kept (duplicates
    /// resolved as by ``init(knowledge:answeredItems:)``).
    public func replacingKnowledge(_ knowledge: [KnowledgeElement]) -> LearnerProfile {
        var profile = LearnerProfile(knowledge: knowledge, answeredItems: answeredItems)
        profile.abilities = abilities
        return profile
    }
}

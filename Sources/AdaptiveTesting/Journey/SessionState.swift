import Foundation
import ItemBankRuntime

/// The whole state of a positioning or training session: a value a stateless service stores between
/// requests (Codable; compact JSON: records are arrays, skills and items are bank indices).
///
/// A state is bound to one bank (the first 16 bytes of its content SHA-256); the engine refuses a
/// state made on another bank with ``JourneyError/otherBank(expected:found:)``.
public struct SessionState: Codable, Hashable, Sendable {
    /// Positioning (one competence) or training (competences the learner chose).
    public enum Kind: String, Codable, Hashable, Sendable {
        case positioning, training
    }

    /// One recorded answer.
    public struct Answer: Hashable, Sendable {
        /// Item index in the bank.
        public var item: Int
        public var outcome: AnswerOutcome
        /// Seconds since 1970-01-01T00:00:00Z.
        public var time: Double
    }

    /// One knowledge element of a target skill (prior ones included).
    public struct Element: Hashable, Sendable {
        /// Skill index in the bank.
        public var skill: Int
        public var status: KnowledgeElement.Status
        public var source: KnowledgeElement.Source
        /// Item index whose answer made (or implied) the element.
        public var item: Int
        /// Seconds since 1970-01-01T00:00:00Z.
        public var time: Double
        /// True when the element was recorded in this session.
        public var isNew: Bool
    }

    public internal(set) var kind: Kind
    /// Bank tag: hex of the first 16 bytes of the bank's content SHA-256.
    public internal(set) var bank: String
    /// Locale the session serves.
    public internal(set) var locale: String
    /// Target competences (bank indices).
    public internal(set) var competences: [Int]
    /// Seed of the deterministic picks (for example derived from the assessment id).
    public internal(set) var seed: UInt64
    /// Answers of this session, in order.
    public internal(set) var answers: [Answer]
    /// Knowledge of the target skills: prior elements, then this session's.
    public internal(set) var knowledge: [Element]
    /// Items answered before this session (avoided while others remain).
    public internal(set) var previouslyAnswered: [Int]
    /// Training: invalidated elements recorded before this time (seconds since 1970) may be re-asked.
    public internal(set) var retryBefore: Double?

    /// The element of a skill, if any.
    func element(of skill: Int) -> Element? {
        knowledge.last { $0.skill == skill }
    }
}

extension SessionState {
    private enum Key: String, CodingKey {
        case kind = "k", bank = "b", locale = "l", competences = "c", seed = "s", answers = "a"
        case knowledge = "e", previouslyAnswered = "p", retryBefore = "r"
    }

    static let outcomes: [AnswerOutcome] = [.ok, .ko, .skipped, .timedOut, .focusedOut]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        bank = try container.decode(String.self, forKey: .bank)
        locale = try container.decode(String.self, forKey: .locale)
        competences = try container.decode([Int].self, forKey: .competences)
        seed = try container.decode(UInt64.self, forKey: .seed)
        previouslyAnswered = try container.decodeIfPresent([Int].self, forKey: .previouslyAnswered) ?? []
        retryBefore = try container.decodeIfPresent(Double.self, forKey: .retryBefore)
        // Answers: [item, outcome code, time].
        answers = try container.decode([[Double]].self, forKey: .answers).map { row in
            guard row.count == 3, let item = Int(exactly: row[0]), let code = Int(exactly: row[1]),
                Self.outcomes.indices.contains(code)
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .answers, in: container, debugDescription: "an answer is [item, outcome 0–4, time]")
            }
            return Answer(item: item, outcome: Self.outcomes[code], time: row[2])
        }
        // Elements: [skill, flags (1 validated, 2 inferred, 4 new), item, time].
        knowledge = try container.decode([[Double]].self, forKey: .knowledge).map { row in
            guard row.count == 4, let skill = Int(exactly: row[0]), let flags = Int(exactly: row[1]),
                (0..<8).contains(flags), let item = Int(exactly: row[2])
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .knowledge, in: container,
                    debugDescription: "a knowledge element is [skill, flags 0–7, item, time]")
            }
            return Element(
                skill: skill, status: flags & 1 != 0 ? .validated : .invalidated,
                source: flags & 2 != 0 ? .inferred : .direct, item: item, time: row[3], isNew: flags & 4 != 0)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(bank, forKey: .bank)
        try container.encode(locale, forKey: .locale)
        try container.encode(competences, forKey: .competences)
        try container.encode(seed, forKey: .seed)
        try container.encode(
            answers.map { [Double($0.item), Double(Self.outcomes.firstIndex(of: $0.outcome) ?? 1), $0.time] },
            forKey: .answers)
        try container.encode(
            knowledge.map { element in
                let flags =
                    (element.status == .validated ? 1 : 0) | (element.source == .inferred ? 2 : 0)
                    | (element.isNew ? 4 : 0)
                return [Double(element.skill), Double(flags), Double(element.item), element.time]
            }, forKey: .knowledge)
        if !previouslyAnswered.isEmpty { try container.encode(previouslyAnswered, forKey: .previouslyAnswered) }
        try container.encodeIfPresent(retryBefore, forKey: .retryBefore)
    }
}

/// The state of one examinee's IRT test: a value type that a stateless service can encode (JSON),
/// store and decode between two requests. It holds no reference to the pool: the same
/// ``CATEngine`` (same pool and settings) must serve the whole session.
///
/// Encoded: the items given and the answers, the estimator's log-likelihood and estimate, the items
/// set aside by Sympson–Hetter and the random state. The bookkeeping the content rules read (used
/// tubes, skills, visited competences…) is rebuilt from the items given after decoding.
public struct CATSession: Hashable, Sendable, Codable {
    /// Items given, in order (pool indices).
    public internal(set) var administered: [Int]
    /// Whether each answer was right (same order).
    public internal(set) var responses: [Bool]
    /// The estimator's state.
    public internal(set) var estimator: EstimatorState
    /// Items set aside by Sympson–Hetter in this session (never given to this examinee).
    public internal(set) var setAside: [Int]
    /// The random state (randomesque and geometric picks, Sympson–Hetter draws).
    public internal(set) var random: SplitMix64
    /// Derived bookkeeping, rebuilt after decoding (not encoded).
    var book = Book()

    enum CodingKeys: String, CodingKey {
        case administered, responses, estimator, setAside, random
    }

    /// Current estimate and error.
    public var estimate: AbilityEstimate { estimator.estimate }
    /// Number of answers.
    public var answerCount: Int { administered.count }

    /// Bit sets and counts that make the content rules O(1) to test.
    struct Book: Hashable, Sendable {
        /// False for the empty book of a decoded session.
        var isPrepared = false
        var used: IRTBitSet
        var setAside: IRTBitSet
        var tubeUsed: IRTBitSet
        var skillUsed: IRTBitSet
        /// Competences answered after the warm-up.
        var visited: IRTBitSet
        var unusedPerCompetence: [Int32]
        var unusedCount: Int
        /// Unused items that pass the uniqueness rule.
        var uniquenessPassing: Int
        /// Unused items of competences not visited.
        var visitPassing: Int
        /// Unused items of forced competences not visited.
        var forcedPassing: Int

        init(
            used: IRTBitSet, setAside: IRTBitSet, tubeUsed: IRTBitSet, skillUsed: IRTBitSet, visited: IRTBitSet,
            unusedPerCompetence: [Int32], unusedCount: Int, uniquenessPassing: Int, visitPassing: Int,
            forcedPassing: Int
        ) {
            isPrepared = true
            self.used = used
            self.setAside = setAside
            self.tubeUsed = tubeUsed
            self.skillUsed = skillUsed
            self.visited = visited
            self.unusedPerCompetence = unusedPerCompetence
            self.unusedCount = unusedCount
            self.uniquenessPassing = uniquenessPassing
            self.visitPassing = visitPassing
            self.forcedPassing = forcedPassing
        }

        /// The empty book of a decoded session.
        init() {
            self.init(
                used: IRTBitSet(count: 0), setAside: IRTBitSet(count: 0), tubeUsed: IRTBitSet(count: 0),
                skillUsed: IRTBitSet(count: 0), visited: IRTBitSet(count: 0), unusedPerCompetence: [], unusedCount: 0,
                uniquenessPassing: 0, visitPassing: 0, forcedPassing: 0)
            isPrepared = false
        }
    }
}

/// A fixed-size bit set.
struct IRTBitSet: Hashable, Sendable {
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (max(0, count) + 63) / 64) }

    @inline(__always)
    subscript(position: Int) -> Bool {
        get { words[position >> 6] & (1 << UInt64(position & 63)) != 0 }
        set {
            if newValue {
                words[position >> 6] |= 1 << UInt64(position & 63)
            } else {
                words[position >> 6] &= ~(1 << UInt64(position & 63))
            }
        }
    }
}

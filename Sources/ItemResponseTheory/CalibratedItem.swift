import Foundation

/// One item as the IRT engine sees it: its 2PL calibration and its place in the framework.
///
/// The 2PL model (Birnbaum 1968), as Pix uses it, without the 1.7 scaling constant:
/// P(right | θ) = 1 / (1 + e^(−a·(θ − b))), θ and b in logits.
public struct CalibratedItem: Hashable, Sendable, Codable {
    /// Discrimination a (> 0, finite).
    public var discrimination: Double
    /// Difficulty b (logits, finite).
    public var difficulty: Double
    /// Index of the item's competence (0-based, for example in the bank's competence table), nil when
    /// unknown; used by the content rules.
    public var competence: Int?
    /// Index of the item's tube, nil when unknown.
    public var tube: Int?
    /// Index of the item's skill, nil when unknown.
    public var skill: Int?

    public init(discrimination: Double, difficulty: Double, competence: Int? = nil, tube: Int? = nil, skill: Int? = nil)
    {
        self.discrimination = discrimination
        self.difficulty = difficulty
        self.competence = competence
        self.tube = tube
        self.skill = skill
    }

    /// Probability of a right answer at ability `theta` (logits).
    public func probability(at theta: Double) -> Double {
        logistic(discrimination * (theta - difficulty))
    }

    /// Fisher information a²·P·(1 − P) at `theta`.
    public func information(at theta: Double) -> Double {
        fisherInformation(discrimination: discrimination, difficulty: difficulty, theta: theta)
    }
}

/// Fisher information of a 2PL item, a²·P·Q. P·Q = e / (1 + e)² with e = exp(−|a·(θ − b)|): one
/// exponential, symmetric, no cancellation in 1 − P when P is near 1.
@inlinable
func fisherInformation(discrimination a: Double, difficulty b: Double, theta: Double) -> Double {
    let e = exp(-abs(a * (theta - b)))
    let onePlus = 1 + e
    return a * a * e / (onePlus * onePlus)
}

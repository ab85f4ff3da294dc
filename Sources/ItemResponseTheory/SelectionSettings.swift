/// Content rules of an IRT form, applied as filters before maximum-information selection. Each
/// filter is dropped when it would leave no eligible item, in this priority order: uniqueness, visit
/// every competence, forced competences, competence gap (then the exposure ceiling, see
/// ``ExposureControl``). Pix applies the same rules in the same order
/// (`FlashAssessmentAlgorithm*Rule`); Pix's "one item per skill" has no fallback (the test ends when it
/// empties the pool), here it falls back like the others.
public struct ContentRules: Hashable, Sendable, Codable {
    /// At most one item of each…
    public enum Uniqueness: String, Hashable, Sendable, Codable {
        /// No restriction (an item is never given twice in a session anyway).
        case none
        /// …skill (Pix's "non-answered skills" rule).
        case skill
        /// …tube (Pix's `limitToOneQuestionPerTube`).
        case tube
    }

    public var uniqueness: Uniqueness
    /// Prefer items of competences not yet visited after the warm-up, until every competence of the
    /// pool is visited (Pix's `enablePassageByAllCompetences`).
    public var visitEveryCompetence: Bool
    /// Competences (pool indices) to visit first: while one of them has no answer after the warm-up,
    /// only items of those not yet visited are eligible (Pix's `forcedCompetences`).
    public var forcedCompetences: [Int]
    /// Answers at the start that the two rules above ignore (Pix's `warmUpLength`).
    public var warmUpLength: Int
    /// No item of the competences of the last n answers (Pix's `challengesBetweenSameCompetence`);
    /// 0 for none.
    public var competenceGap: Int

    public init(
        uniqueness: Uniqueness = .none, visitEveryCompetence: Bool = false, forcedCompetences: [Int] = [],
        warmUpLength: Int = 0, competenceGap: Int = 0
    ) {
        self.uniqueness = uniqueness
        self.visitEveryCompetence = visitEveryCompetence
        self.forcedCompetences = forcedCompetences
        self.warmUpLength = warmUpLength
        self.competenceGap = competenceGap
    }

    /// No content rule.
    public static let none = ContentRules()
}

/// Exposure control: how the item is picked among the most informative eligible ones, an optional
/// exposure ceiling, and Sympson–Hetter.
public struct ExposureControl: Hashable, Sendable, Codable {
    /// How the item is picked among the best eligible items.
    public enum Pick: Hashable, Sendable, Codable {
        /// The most informative item (ties: lower pool index).
        case best
        /// One of the `count` most informative, uniformly (Kingsbury & Zara 1989, "randomesque").
        case randomesque(count: Int)
        /// Among the `count` most informative (in order), the first with probability `probability`,
        /// else recursively among the rest; the last one when only one is left. Pix: count 5,
        /// probability 0.51 (`binaryTreeRandom`, `defaultProbabilityToPickChallenge` 51 %).
        case geometric(count: Int, probability: Double)
    }

    /// An exposure ceiling: items given to a share ≥ `rate` of the examinees are skipped, unless
    /// nothing else is left (lowest-priority filter).
    public struct Ceiling: Hashable, Sendable, Codable {
        /// Largest exposure rate, in (0, 1].
        public var rate: Double
        /// The denominator of the rate: nil for "the examinees so far" (the current one included; the
        /// cat-500 README's rule), or the size of the population the ceiling applies to (a campaign,
        /// a simulation): an item is then skipped once given to `rate × population` examinees.
        public var population: Int?

        public init(rate: Double, population: Int? = nil) {
            self.rate = rate
            self.population = population
        }
    }

    public var pick: Pick
    public var ceiling: Ceiling?
    /// Apply Sympson–Hetter (1985): a selected item is administered with probability k_j (the pool's
    /// ``ItemPool/exposureParameters``), else set aside for the rest of the session and the
    /// selection goes on. Needs a pool with parameters.
    public var sympsonHetter: Bool

    public init(pick: Pick = .best, ceiling: Ceiling? = nil, sympsonHetter: Bool = false) {
        self.pick = pick
        self.ceiling = ceiling
        self.sympsonHetter = sympsonHetter
    }

    /// No exposure control: always the most informative item.
    public static let none = ExposureControl()
    /// Pix: one of the 5 best, the first with probability 51 %, recursively.
    public static let pix = ExposureControl(pick: .geometric(count: 5, probability: 0.51))

    /// How many best candidates the pick needs.
    var candidateCount: Int {
        switch pick {
        case .best: return 1
        case .randomesque(let count): return count
        case .geometric(let count, _): return count
        }
    }
}

/// When a session ends.
public struct StoppingRule: Hashable, Sendable, Codable {
    /// A confidence interval θ̂ ± z·SE that must lie inside one band between consecutive cut scores.
    public struct Classification: Hashable, Sendable, Codable {
        /// Cut scores (logits), increasing: the band boundaries (for example Pix's level boundaries).
        public var cuts: [Double]
        /// z of the interval (1.96 for 95 %).
        public var z: Double

        public init(cuts: [Double], z: Double = 1.96) {
            self.cuts = cuts
            self.z = z
        }
    }

    /// No stop (other than the maximum) before this many answers.
    public var minimumLength: Int
    /// Stop at this many answers.
    public var maximumLength: Int
    /// Stop when the standard error is below this (logits), nil for none.
    public var standardError: Double?
    /// Stop when the confidence interval lies in one band, nil for none.
    public var classification: Classification?

    public init(
        minimumLength: Int = 0, maximumLength: Int, standardError: Double? = nil, classification: Classification? = nil
    ) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.standardError = standardError
        self.classification = classification
    }

    /// Exactly `length` answers.
    public static func fixedLength(_ length: Int) -> StoppingRule {
        StoppingRule(minimumLength: length, maximumLength: length)
    }
}

/// Why a session ended.
public enum StopReason: String, Hashable, Sendable, Codable {
    /// The maximum length is reached.
    case maximumLength = "maximum-length"
    /// The standard error is below the threshold.
    case standardError = "standard-error"
    /// The confidence interval lies inside one band.
    case classification
    /// No item is left to give.
    case poolExhausted = "pool-exhausted"
}

/// Everything an IRT form needs besides its items.
public struct CATSettings: Hashable, Sendable, Codable {
    public var estimator: EstimatorSettings
    /// The estimate before any answer (logits): 0 for campaigns, −3 for Pix's v3 certification.
    public var startTheta: Double
    public var content: ContentRules
    public var exposure: ExposureControl
    public var stopping: StoppingRule

    public init(
        estimator: EstimatorSettings, startTheta: Double = 0, content: ContentRules = .none,
        exposure: ExposureControl = .none, stopping: StoppingRule
    ) {
        self.estimator = estimator
        self.startTheta = startTheta
        self.content = content
        self.exposure = exposure
        self.stopping = stopping
    }

    /// The cat-500 reference configuration: start at 0, maximum Fisher information, EAP with N(0, 1) on
    /// 61 points on [−4, 4], fixed length, no exposure control.
    public static func reference(length: Int = 20) -> CATSettings {
        CATSettings(estimator: .reference, stopping: .fixedLength(length))
    }
}

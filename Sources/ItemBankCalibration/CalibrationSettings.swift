/// The item response model fitted.
public enum CalibrationModel: String, Sendable, CaseIterable, Codable {
    /// Two-parameter logistic: P(right | θ) = 1 / (1 + e^(−a·(θ − b))), one a and one b per item.
    case twoPL = "2pl"
    /// One-parameter logistic: one discrimination a common to every item, one b per item (the Rasch model
    /// up to the scale of θ).
    case onePL = "1pl"
}

/// Prior distributions of MAP-EM (Mislevy 1986): the M-step maximises the expected log-likelihood plus
/// the log prior density, which keeps barely identified items (sparse adaptive data) finite.
public struct CalibrationPrior: Sendable, Equatable, Codable {
    /// Mean of log a (lognormal prior on the discrimination).
    public var logDiscriminationMean: Double
    /// Standard deviation of log a.
    public var logDiscriminationSD: Double
    /// Mean of the normal prior on the difficulty b (logits).
    public var difficultyMean: Double
    /// Standard deviation of the normal prior on b (logits).
    public var difficultySD: Double

    public init(
        logDiscriminationMean: Double, logDiscriminationSD: Double, difficultyMean: Double, difficultySD: Double
    ) {
        self.logDiscriminationMean = logDiscriminationMean
        self.logDiscriminationSD = logDiscriminationSD
        self.difficultyMean = difficultyMean
        self.difficultySD = difficultySD
    }

    /// The default: a ~ lognormal(0, 0.5), b ~ N(0, 2²). Weak on well-answered items (a sample of a few
    /// hundred responses outweighs it), decisive only on items the data barely identify.
    public static let `default` = CalibrationPrior(
        logDiscriminationMean: 0, logDiscriminationSD: 0.5, difficultyMean: 0, difficultySD: 2)
}

/// Settings of a calibration (marginal maximum likelihood by EM, Bock & Aitkin 1981).
public struct CalibrationSettings: Sendable, Equatable {
    /// The model (default 2PL).
    public var model: CalibrationModel = .twoPL
    /// Number of quadrature points, evenly spaced on [−`quadratureRange`, `quadratureRange`] (default 61).
    public var quadraturePoints: Int = 61
    /// Half-width of the quadrature grid, in logits (default 6).
    public var quadratureRange: Double = 6
    /// Priors (MAP-EM); nil for plain maximum likelihood. Default `CalibrationPrior.default`.
    public var prior: CalibrationPrior? = .default
    /// Convergence: EM stops when no item parameter moved more than this in a cycle (default 1e-4).
    public var tolerance: Double = 1e-4
    /// Cycle limit (default 500); reaching it is reported as not converged.
    public var maxCycles: Int = 500
    /// Items with fewer responses than this are not estimated (listed as too few responses). Default 1.
    public var minResponses: Int = 1
    /// Compute standard errors (cross-product, XPD). Default true.
    public var standardErrors: Bool = true
    /// Parallel tasks of the E-step (persons split in contiguous blocks, reduced in a fixed order, so
    /// the result does not depend on the number of cores). Default 2.
    public var tasks: Int = 2

    public init() {}
}

/// A calibration held fixed: an anchor item (linking).
public struct AnchorParameters: Sendable, Equatable {
    /// Discrimination a.
    public var discrimination: Double
    /// Difficulty b (logits).
    public var difficulty: Double

    public init(discrimination: Double, difficulty: Double) {
        self.discrimination = discrimination
        self.difficulty = difficulty
    }
}

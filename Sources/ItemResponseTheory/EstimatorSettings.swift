/// The θ points on which the posterior is computed.
public struct AbilityGrid: Hashable, Sendable, Codable {
    /// How the points are placed.
    public enum Spacing: String, Hashable, Sendable, Codable {
        /// θ_k = lower + k·step, each point computed directly.
        case linear
        /// θ_0 = lower, θ_(k+1) = θ_k + step in floating point, as Pix's `lodash.range(-9, 9 + 18/80,
        /// 18/80)` builds its samples (the points drift by a few ulps from the exact ones; Pix-compatible
        /// mode reproduces them).
        case accumulated
    }

    /// First point (logits).
    public var lower: Double
    /// Last point (logits).
    public var upper: Double
    /// Number of points (≥ 2).
    public var points: Int
    public var spacing: Spacing

    public init(lower: Double, upper: Double, points: Int, spacing: Spacing = .linear) {
        self.lower = lower
        self.upper = upper
        self.points = points
        self.spacing = spacing
    }

    /// 61 points on [−4, 4]: the cat-500 reference configuration (and catsim's, catR's default).
    public static let reference = AbilityGrid(lower: -4, upper: 4, points: 61)
    /// Pix's 81 points on [−9, 9] (step 18/80), accumulated as Pix does.
    public static let pix = AbilityGrid(lower: -9, upper: 9, points: 81, spacing: .accumulated)

    /// Spacing between points (logits).
    public var step: Double { (upper - lower) / Double(points - 1) }

    /// The points, in increasing order.
    public var values: [Double] {
        switch spacing {
        case .linear:
            return (0..<points).map { lower + Double($0) * step }
        case .accumulated:
            var values = [Double]()
            values.reserveCapacity(points)
            var theta = lower
            for _ in 0..<points {
                values.append(theta)
                theta += step
            }
            return values
        }
    }
}

/// The prior of the EAP estimator.
public enum AbilityPrior: Hashable, Sendable, Codable {
    /// A fixed normal prior N(mean, standardDeviation²), the standard choice (Bock & Mislevy 1982).
    case normal(mean: Double, standardDeviation: Double)
    /// Pix's prior: a normal of this variance centred, at each answer, on the previous estimate
    /// (the start θ for the first answer). Not a Bayesian update (the data count again through the
    /// moving centre), but what Pix's flash algorithm computes.
    case recentred(variance: Double)
}

/// Pix's variation rule: an estimate moves from the previous one by at most `fraction` × |previous|
/// (or by `fraction` when |previous| < `fraction`), for the answers of index ≤ `untilAnswer` (0-based,
/// the index of the first answer of the step).
public struct VariationCap: Hashable, Sendable, Codable {
    public var fraction: Double
    public var untilAnswer: Int

    public init(fraction: Double, untilAnswer: Int) {
        self.fraction = fraction
        self.untilAnswer = untilAnswer
    }
}

/// Settings of the EAP estimator (Bock & Mislevy 1982, "Adaptive EAP estimation of ability in a
/// microcomputer environment"): posterior mean on a grid; the standard error is the posterior
/// standard deviation.
public struct EstimatorSettings: Hashable, Sendable, Codable {
    public var grid: AbilityGrid
    public var prior: AbilityPrior
    /// Subtracted from the posterior variance before the square root (Pix: (9/80)²/12, a
    /// Sheppard-like correction for the grid's class interval); 0 for the plain posterior SD.
    public var varianceCorrection: Double
    /// Pix's capping of each step's change, nil for none.
    public var variationCap: VariationCap?
    /// Pix's "double measure": answers of index < this value are counted by pairs, each pair
    /// contributing (f₁ + f₂) / 2 to the likelihood (f = P or 1 − P). 0 for none.
    public var doubleMeasuresUntil: Int
    /// Standard error reported before any answer; nil for the prior's standard deviation on the grid.
    public var initialStandardError: Double?

    public init(
        grid: AbilityGrid, prior: AbilityPrior, varianceCorrection: Double = 0, variationCap: VariationCap? = nil,
        doubleMeasuresUntil: Int = 0, initialStandardError: Double? = nil
    ) {
        self.grid = grid
        self.prior = prior
        self.varianceCorrection = varianceCorrection
        self.variationCap = variationCap
        self.doubleMeasuresUntil = doubleMeasuresUntil
        self.initialStandardError = initialStandardError
    }

    /// The cat-500 reference: N(0, 1) prior on 61 points on [−4, 4], posterior SD as the error.
    public static let reference = EstimatorSettings(
        grid: .reference, prior: .normal(mean: 0, standardDeviation: 1))

    /// Pix's flash estimator: 81 points on [−9, 9], prior N(previous estimate, 1.5), error
    /// √(posterior variance − (9/80)²/12), error 5 before any answer; no capping, no double measure
    /// (both are options of Pix's configuration: set ``variationCap`` and ``doubleMeasuresUntil``).
    public static let pix = EstimatorSettings(
        grid: .pix, prior: .recentred(variance: 1.5), varianceCorrection: (9.0 / 80) * (9.0 / 80) / 12,
        initialStandardError: 5)
}

import Foundation

/// An ability estimate: θ (logits) and its standard error (logits).
public struct AbilityEstimate: Hashable, Sendable, Codable {
    public var theta: Double
    public var standardError: Double

    public init(theta: Double, standardError: Double) {
        self.theta = theta
        self.standardError = standardError
    }
}

/// The estimator's part of a session: the likelihood on the grid and the current estimate.
/// Updating it with one answer costs O(grid points), whatever the number of answers.
///
/// The likelihood is kept as scaled values: log L(θ_k) = log(`likelihood[k]`) + `logScale`. One answer
/// multiplies every value by P or 1 − P; when the largest value falls below 2⁻⁶⁰⁰ all are rescaled
/// (exactly, by a power of two) and the factor goes into `logScale`, so nothing underflows however
/// long the test. This is the log-likelihood of the textbook incremental EAP without a logarithm per
/// grid point.
public struct EstimatorState: Hashable, Sendable, Codable {
    /// L(θ_k) / 2^(`logScale` / log 2), one value per grid point; the largest is in [2⁻⁶⁰⁰, 1].
    var likelihood: [Double]
    /// log of the common factor of ``likelihood`` (natural log, a multiple of 600 log 2).
    var logScale: Double
    /// Likelihood before the first answer of a pending pair (double measure); same size, or empty.
    var pairBase: [Double]
    var pairBaseScale: Double
    /// First answer of a pair whose second answer has not come yet (double measure).
    var pending: PendingAnswer?
    /// Current estimate and error.
    public internal(set) var estimate: AbilityEstimate
    /// Answers counted.
    public internal(set) var answerCount: Int

    struct PendingAnswer: Hashable, Sendable, Codable {
        var discrimination: Double
        var difficulty: Double
        var correct: Bool
        /// The estimate before the pair.
        var previous: Double
    }

    /// log L(θ_k): the log-likelihood at each grid point (−∞ where it underflowed).
    public var logLikelihood: [Double] { likelihood.map { log($0) + logScale } }
}

/// EAP on a grid with an incremental posterior: one answer multiplies the likelihood at every grid
/// point by P or 1 − P (O(points), no allocation), then the posterior mean and SD are one pass over
/// the grid.
///
/// With ``EstimatorSettings/pix`` it reproduces Pix's `flash.js` (`getEstimatedLevelAndErrorRate`)
/// on a replayed history, capping and double measure included; Pix recomputes the whole history at
/// every answer (O(answers × points)), this estimator keeps the likelihood instead.
public struct AbilityEstimator: Sendable {
    public let settings: EstimatorSettings
    /// The grid points.
    public let points: [Double]
    /// Fixed prior: log density at each point up to a constant; empty for the re-centred prior.
    let logPrior: [Double]
    /// Fixed prior: exp(logPrior − max logPrior); empty for the re-centred prior.
    let prior: [Double]
    /// 1 / (2 × variance) of the re-centred prior (0 for the fixed prior).
    let recentredScale: Double
    /// Estimate and error before any answer with a fixed prior.
    let priorEstimate: AbilityEstimate

    /// Below this largest value the likelihood is rescaled.
    static let rescaleThreshold = 0x1p-600
    static let rescaleFactor = 0x1p600
    static let logRescaleFactor = 600 * log(2.0)

    /// - Throws: ``CATError`` `.invalidSetting` for a grid of fewer than 2 or more than 100,000 points
    ///   or a non-finite or empty range, a prior SD or variance that is not finite and > 0, a negative
    ///   or non-finite variance correction, a cap fraction that is not finite and > 0, or a negative
    ///   double-measure count.
    public init(settings: EstimatorSettings) throws(CATError) {
        let grid = settings.grid
        guard grid.points >= 2, grid.points <= 100_000, grid.lower.isFinite, grid.upper.isFinite,
            grid.lower < grid.upper
        else {
            throw CATError(.invalidSetting, "grid of \(grid.points) points on [\(grid.lower), \(grid.upper)]")
        }
        guard settings.varianceCorrection >= 0, settings.varianceCorrection.isFinite else {
            throw CATError(.invalidSetting, "variance correction \(settings.varianceCorrection)")
        }
        if let cap = settings.variationCap, !(cap.fraction > 0 && cap.fraction.isFinite) {
            throw CATError(.invalidSetting, "variation cap \(cap.fraction) is not a finite number > 0")
        }
        guard settings.doubleMeasuresUntil >= 0 else {
            throw CATError(.invalidSetting, "double measures until \(settings.doubleMeasuresUntil)")
        }
        if let initial = settings.initialStandardError, !(initial >= 0 && initial.isFinite) {
            throw CATError(.invalidSetting, "initial standard error \(initial)")
        }
        self.settings = settings
        points = grid.values
        switch settings.prior {
        case .normal(let mean, let deviation):
            guard mean.isFinite, deviation > 0, deviation.isFinite else {
                throw CATError(.invalidSetting, "normal prior N(\(mean), \(deviation)²)")
            }
            let logPrior = points.map { -($0 - mean) * ($0 - mean) / (2 * deviation * deviation) }
            let top = logPrior.max() ?? 0
            self.logPrior = logPrior
            prior = logPrior.map { exp($0 - top) }
            recentredScale = 0
        case .recentred(let variance):
            guard variance > 0, variance.isFinite else {
                throw CATError(.invalidSetting, "re-centred prior variance \(variance)")
            }
            logPrior = []
            prior = []
            recentredScale = 1 / (2 * variance)
        }
        var centre = 0.0
        if case .normal(let mean, _) = settings.prior { centre = mean }
        let moments = AbilityEstimator.moments(
            likelihood: [Double](repeating: 1, count: points.count), points: points, prior: prior,
            logPrior: logPrior, recentredScale: recentredScale, centre: centre)
        priorEstimate = AbilityEstimate(theta: moments.mean, standardError: moments.variance.squareRoot())
    }

    /// The state before any answer: estimate `startTheta`, error ``EstimatorSettings/initialStandardError``
    /// (or the prior's SD on the grid). With the re-centred prior, `startTheta` is also the centre of
    /// the prior for the first answer (Pix: 0 for campaigns, −3 for v3 certification).
    public func initialState(startTheta: Double) -> EstimatorState {
        var state = EstimatorState(
            likelihood: [Double](repeating: 1, count: points.count), logScale: 0, pairBase: [], pairBaseScale: 0,
            pending: nil, estimate: AbilityEstimate(theta: startTheta, standardError: 0), answerCount: 0)
        if settings.doubleMeasuresUntil > 0 { state.pairBase = state.likelihood }
        switch settings.prior {
        case .normal:
            state.estimate.standardError = settings.initialStandardError ?? priorEstimate.standardError
        case .recentred(let variance):
            state.estimate.standardError = settings.initialStandardError ?? variance.squareRoot()
        }
        return state
    }

    /// Whether `state` has this estimator's shape and sane values (a decoded session may not).
    public func accepts(_ state: EstimatorState) -> Bool {
        state.likelihood.count == points.count
            && (settings.doubleMeasuresUntil == 0 || state.pairBase.count == points.count)
            && state.likelihood.allSatisfy { $0 >= 0 && $0 <= 1 } && state.likelihood.contains { $0 > 0 }
            && state.estimate.theta.isFinite && state.logScale.isFinite && state.answerCount >= 0
    }

    /// Adds one answer to item (a, b): right when `correct`. O(points), no allocation.
    public func update(_ state: inout EstimatorState, discrimination a: Double, difficulty b: Double, correct: Bool) {
        let answerIndex = state.answerCount
        if let pending = state.pending {
            // Second answer of a pair: replace the provisional single measure of the first one.
            var top = 0.0
            state.likelihood.withUnsafeMutableBufferPointer { likelihood in
                state.pairBase.withUnsafeBufferPointer { base in
                    points.withUnsafeBufferPointer { points in
                        for k in 0..<points.count {
                            let first = probability(
                                pending.correct, x: pending.discrimination * (points[k] - pending.difficulty))
                            let second = probability(correct, x: a * (points[k] - b))
                            let value = base[k] * ((first + second) / 2)
                            likelihood[k] = value
                            top = max(top, value)
                        }
                    }
                }
            }
            state.logScale = state.pairBaseScale
            state.pending = nil
            AbilityEstimator.rescaleIfNeeded(&state, top: top)
            summarize(&state, previous: pending.previous, answerIndex: answerIndex - 1)
        } else {
            let previous = state.estimate.theta
            if answerIndex < settings.doubleMeasuresUntil {
                state.pairBase.withUnsafeMutableBufferPointer { base in
                    state.likelihood.withUnsafeBufferPointer { likelihood in
                        for k in 0..<likelihood.count { base[k] = likelihood[k] }
                    }
                }
                state.pairBaseScale = state.logScale
                state.pending = EstimatorState.PendingAnswer(
                    discrimination: a, difficulty: b, correct: correct, previous: previous)
            }
            var top = 0.0
            state.likelihood.withUnsafeMutableBufferPointer { likelihood in
                points.withUnsafeBufferPointer { points in
                    let count = points.count
                    // f_k = 1 / (1 + e_k), e_k = exp(−y_k), y = ±a(θ − b): on an equally spaced grid
                    // e_(k+1) = e_k · exp(∓a·h), two exponentials per answer instead of one per point.
                    let sign = correct ? 1.0 : -1.0
                    let first = sign * a * (points[0] - b)
                    let last = sign * a * (points[count - 1] - b)
                    if abs(first) < 600, abs(last) < 600 {
                        var e = exp(-first)
                        let ratio = exp(-(last - first) / Double(count - 1))
                        for k in 0..<count {
                            let value = likelihood[k] / (1 + e)
                            likelihood[k] = value
                            top = max(top, value)
                            e *= ratio
                        }
                    } else {
                        for k in 0..<count {
                            let value = likelihood[k] * probability(correct, x: a * (points[k] - b))
                            likelihood[k] = value
                            top = max(top, value)
                        }
                    }
                }
            }
            AbilityEstimator.rescaleIfNeeded(&state, top: top)
            summarize(&state, previous: previous, answerIndex: answerIndex)
        }
        state.answerCount += 1
    }

    /// Multiplies the likelihood by 2⁶⁰⁰ (exact) while its largest value is below 2⁻⁶⁰⁰.
    private static func rescaleIfNeeded(_ state: inout EstimatorState, top: Double) {
        var top = top
        while top > 0, top < rescaleThreshold {
            state.likelihood.withUnsafeMutableBufferPointer { likelihood in
                for k in 0..<likelihood.count { likelihood[k] *= rescaleFactor }
            }
            state.logScale -= logRescaleFactor
            top *= rescaleFactor
        }
    }

    /// Posterior mean (capped if the settings say so) and error from the likelihood.
    func summarize(_ state: inout EstimatorState, previous: Double, answerIndex: Int) {
        let moments = AbilityEstimator.moments(
            likelihood: state.likelihood, points: points, prior: prior, logPrior: logPrior,
            recentredScale: recentredScale, centre: previous)
        let mean = moments.mean
        var variance = moments.variance
        var theta = mean
        if let cap = settings.variationCap, cap.untilAnswer >= answerIndex {
            let gap =
                (-cap.fraction < previous && previous < cap.fraction) ? cap.fraction : abs(previous * cap.fraction)
            theta = mean > previous ? min(mean, previous + gap) : max(mean, previous - gap)
            // The error is taken about the (capped) estimate, as Pix does.
            variance += (mean - theta) * (mean - theta)
        }
        state.estimate = AbilityEstimate(
            theta: theta, standardError: max(0, variance - settings.varianceCorrection).squareRoot())
    }

    /// Posterior mean and variance on the grid: weights = likelihood × prior (fixed, or
    /// exp(−(θ − centre)² × `recentredScale`)), one pass; moments about `centre` (the previous
    /// estimate, close to the mean), which keeps the variance free of cancellation. When every weight
    /// underflows (a prior far narrower than the likelihood's support), the sums are taken again in
    /// the log domain.
    static func moments(
        likelihood: [Double], points: [Double], prior: [Double], logPrior: [Double], recentredScale scale: Double,
        centre: Double
    ) -> (mean: Double, variance: Double) {
        likelihood.withUnsafeBufferPointer { likelihood in
            points.withUnsafeBufferPointer { points in
                prior.withUnsafeBufferPointer { prior in
                    logPrior.withUnsafeBufferPointer { logPrior in
                        let fixed = prior.count == points.count
                        @inline(__always) func weight(_ k: Int) -> Double {
                            if fixed { return likelihood[k] * prior[k] }
                            let distance = points[k] - centre
                            return likelihood[k] * exp(-distance * distance * scale)
                        }
                        @inline(__always) func logWeight(_ k: Int) -> Double {
                            let logPriorValue: Double
                            if fixed {
                                logPriorValue = logPrior[k]
                            } else {
                                let distance = points[k] - centre
                                logPriorValue = -distance * distance * scale
                            }
                            return log(likelihood[k]) + logPriorValue
                        }
                        // Moments about the previous estimate (near the mean: no cancellation).
                        let origin = centre
                        let count = points.count
                        var s0 = 0.0
                        var s1 = 0.0
                        var s2 = 0.0
                        let reach = max(abs(points[0] - centre), abs(points[count - 1] - centre))
                        if !fixed, reach * reach * scale < 600 {
                            // Re-centred prior g_k = exp(−s·d_k²), d_k = θ_k − centre, by recurrence on the
                            // equally spaced grid: g_(k+1) = g_k·q_k, q_(k+1) = q_k·exp(−2s·h²).
                            let step = (points[count - 1] - points[0]) / Double(count - 1)
                            let start = points[0] - centre
                            var g = exp(-scale * start * start)
                            var q = exp(-scale * (2 * start * step + step * step))
                            let r = exp(-2 * scale * step * step)
                            for k in 0..<count {
                                let w = likelihood[k] * g
                                let offset = points[k] - origin
                                s0 += w
                                s1 += w * offset
                                s2 += w * offset * offset
                                g *= q
                                q *= r
                            }
                        } else {
                            for k in 0..<count {
                                let w = weight(k)
                                let offset = points[k] - origin
                                s0 += w
                                s1 += w * offset
                                s2 += w * offset * offset
                            }
                        }
                        if !(s0 > 0 && s0.isFinite) {
                            // Every weight underflowed: the same sums in the log domain.
                            var top = -Double.infinity
                            for k in 0..<points.count { top = max(top, logWeight(k)) }
                            s0 = 0
                            s1 = 0
                            s2 = 0
                            for k in 0..<points.count {
                                let w = exp(logWeight(k) - top)
                                let offset = points[k] - origin
                                s0 += w
                                s1 += w * offset
                                s2 += w * offset * offset
                            }
                        }
                        guard s0 > 0, s0.isFinite else { return (centre, 0) }
                        let shift = s1 / s0
                        return (origin + shift, max(0, s2 / s0 - shift * shift))
                    }
                }
            }
        }
    }

    /// Replays a history from scratch: the estimate after each answer.
    /// - Parameters:
    ///   - answers: (item, right) in the order given.
    ///   - startTheta: the estimate before any answer (and first prior centre for the re-centred prior).
    public func replay(_ answers: [(item: CalibratedItem, correct: Bool)], startTheta: Double) -> [AbilityEstimate] {
        var state = initialState(startTheta: startTheta)
        return answers.map { answer in
            update(
                &state, discrimination: answer.item.discrimination, difficulty: answer.item.difficulty,
                correct: answer.correct)
            return state.estimate
        }
    }
}

/// P (right) or 1 − P (wrong) for P = logistic(x).
@inline(__always)
func probability(_ correct: Bool, x: Double) -> Double {
    logistic(correct ? x : -x)
}

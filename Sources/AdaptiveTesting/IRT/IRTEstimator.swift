import Foundation

/// An ability estimate: θ (logits) and its standard error (logits).
public struct IRTEstimate: Hashable, Sendable, Codable {
    public var theta: Double
    public var standardError: Double

    public init(theta: Double, standardError: Double) {
        self.theta = theta
        self.standardError = standardError
    }
}

/// The estimator's part of a session: the log-likelihood on the grid and the current estimate.
/// Updating it with one answer costs O(grid points), whatever the number of answers.
public struct IRTEstimatorState: Hashable, Sendable, Codable {
    /// Σ log f(answer | θ_k) over the answers, one value per grid point.
    var logLikelihood: [Double]
    /// Log-likelihood before the first answer of a pending pair (double measure); same size, or empty.
    var pairBase: [Double]
    /// First answer of a pair whose second answer has not come yet (double measure).
    var pending: PendingAnswer?
    /// Current estimate and error.
    public internal(set) var estimate: IRTEstimate
    /// Answers counted.
    public internal(set) var answerCount: Int

    struct PendingAnswer: Hashable, Sendable, Codable {
        var discrimination: Double
        var difficulty: Double
        var correct: Bool
        /// The estimate before the pair.
        var previous: Double
    }
}

/// EAP on a grid with an incremental log-posterior: one answer adds log P or log(1 − P) at every
/// grid point (O(points), no allocation), then the posterior mean and SD are one pass over the grid.
///
/// With ``IRTEstimatorSettings/pix`` it reproduces Pix's `flash.js` (`getEstimatedLevelAndErrorRate`)
/// on a replayed history, capping and double measure included; Pix recomputes the whole history at
/// every answer (O(answers × points)), this estimator keeps the log-likelihood instead.
public struct IRTEstimator: Sendable {
    public let settings: IRTEstimatorSettings
    /// The grid points.
    public let points: [Double]
    /// log prior at each point up to a constant (fixed prior), empty for the re-centred prior.
    let logPrior: [Double]
    /// 1 / (2 × variance) of the re-centred prior (0 for the fixed prior).
    let recentredScale: Double
    /// Estimate and error before any answer with a fixed prior.
    let priorEstimate: IRTEstimate

    /// - Throws: ``IRTError`` `.invalidSetting` for a grid of fewer than 2 or more than 100,000 points
    ///   or a non-finite or empty range, a prior SD or variance that is not finite and > 0, a negative
    ///   or non-finite variance correction, a cap fraction that is not finite and > 0, or a negative
    ///   double-measure count.
    public init(settings: IRTEstimatorSettings) throws(IRTError) {
        let grid = settings.grid
        guard grid.points >= 2, grid.points <= 100_000, grid.lower.isFinite, grid.upper.isFinite,
            grid.lower < grid.upper
        else {
            throw IRTError(.invalidSetting, "grid of \(grid.points) points on [\(grid.lower), \(grid.upper)]")
        }
        guard settings.varianceCorrection >= 0, settings.varianceCorrection.isFinite else {
            throw IRTError(.invalidSetting, "variance correction \(settings.varianceCorrection)")
        }
        if let cap = settings.variationCap, !(cap.fraction > 0 && cap.fraction.isFinite) {
            throw IRTError(.invalidSetting, "variation cap \(cap.fraction) is not a finite number > 0")
        }
        guard settings.doubleMeasuresUntil >= 0 else {
            throw IRTError(.invalidSetting, "double measures until \(settings.doubleMeasuresUntil)")
        }
        if let initial = settings.initialStandardError, !(initial >= 0 && initial.isFinite) {
            throw IRTError(.invalidSetting, "initial standard error \(initial)")
        }
        self.settings = settings
        points = grid.values
        switch settings.prior {
        case .normal(let mean, let deviation):
            guard mean.isFinite, deviation > 0, deviation.isFinite else {
                throw IRTError(.invalidSetting, "normal prior N(\(mean), \(deviation)²)")
            }
            logPrior = points.map { -($0 - mean) * ($0 - mean) / (2 * deviation * deviation) }
            recentredScale = 0
        case .recentred(let variance):
            guard variance > 0, variance.isFinite else {
                throw IRTError(.invalidSetting, "re-centred prior variance \(variance)")
            }
            logPrior = []
            recentredScale = 1 / (2 * variance)
        }
        let moments = IRTEstimator.moments(
            logLikelihood: [Double](repeating: 0, count: points.count), points: points, logPrior: logPrior,
            recentredScale: recentredScale, centre: 0)
        priorEstimate = IRTEstimate(theta: moments.mean, standardError: moments.variance.squareRoot())
    }

    /// The state before any answer: estimate `startTheta`, error ``IRTEstimatorSettings/initialStandardError``
    /// (or the prior's SD on the grid). With the re-centred prior, `startTheta` is also the centre of
    /// the prior for the first answer (Pix: 0 for campaigns, −3 for v3 certification).
    public func initialState(startTheta: Double) -> IRTEstimatorState {
        var state = IRTEstimatorState(
            logLikelihood: [Double](repeating: 0, count: points.count), pairBase: [], pending: nil,
            estimate: IRTEstimate(theta: startTheta, standardError: 0), answerCount: 0)
        if settings.doubleMeasuresUntil > 0 { state.pairBase = state.logLikelihood }
        switch settings.prior {
        case .normal:
            state.estimate.standardError = settings.initialStandardError ?? priorEstimate.standardError
        case .recentred(let variance):
            state.estimate.standardError = settings.initialStandardError ?? variance.squareRoot()
        }
        return state
    }

    /// Whether `state` has this estimator's shape (a decoded session may not).
    public func accepts(_ state: IRTEstimatorState) -> Bool {
        state.logLikelihood.count == points.count
            && (settings.doubleMeasuresUntil == 0 || state.pairBase.count == points.count)
            && state.estimate.theta.isFinite && state.answerCount >= 0
    }

    /// Adds one answer to item (a, b): right when `correct`. O(points), no allocation.
    public func update(_ state: inout IRTEstimatorState, discrimination a: Double, difficulty b: Double, correct: Bool)
    {
        let answerIndex = state.answerCount
        if let pending = state.pending {
            // Second answer of a pair: replace the provisional single measure of the first one.
            state.logLikelihood.withUnsafeMutableBufferPointer { logLikelihood in
                state.pairBase.withUnsafeBufferPointer { base in
                    points.withUnsafeBufferPointer { points in
                        for k in 0..<points.count {
                            let first = probability(
                                pending.correct, x: pending.discrimination * (points[k] - pending.difficulty))
                            let second = probability(correct, x: a * (points[k] - b))
                            logLikelihood[k] = base[k] + log((first + second) / 2)
                        }
                    }
                }
            }
            state.pending = nil
            summarize(&state, previous: pending.previous, answerIndex: answerIndex - 1)
        } else {
            let previous = state.estimate.theta
            if answerIndex < settings.doubleMeasuresUntil {
                state.pairBase.withUnsafeMutableBufferPointer { base in
                    state.logLikelihood.withUnsafeBufferPointer { logLikelihood in
                        for k in 0..<logLikelihood.count { base[k] = logLikelihood[k] }
                    }
                }
                state.pending = IRTEstimatorState.PendingAnswer(
                    discrimination: a, difficulty: b, correct: correct, previous: previous)
            }
            state.logLikelihood.withUnsafeMutableBufferPointer { logLikelihood in
                points.withUnsafeBufferPointer { points in
                    for k in 0..<points.count {
                        logLikelihood[k] += logProbability(correct, x: a * (points[k] - b))
                    }
                }
            }
            summarize(&state, previous: previous, answerIndex: answerIndex)
        }
        state.answerCount += 1
    }

    /// Posterior mean (capped if the settings say so) and error from the log-likelihood.
    func summarize(_ state: inout IRTEstimatorState, previous: Double, answerIndex: Int) {
        let moments = IRTEstimator.moments(
            logLikelihood: state.logLikelihood, points: points, logPrior: logPrior, recentredScale: recentredScale,
            centre: previous)
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
        state.estimate = IRTEstimate(
            theta: theta, standardError: max(0, variance - settings.varianceCorrection).squareRoot())
    }

    /// Posterior mean and variance on the grid: log-posterior = log-likelihood + log prior (fixed, or
    /// −(θ − centre)² × `recentredScale`); weights exp(log-posterior − max); moments about the mode's
    /// grid point, which keeps the variance free of cancellation.
    static func moments(
        logLikelihood: [Double], points: [Double], logPrior: [Double], recentredScale scale: Double, centre: Double
    ) -> (mean: Double, variance: Double) {
        logLikelihood.withUnsafeBufferPointer { logLikelihood in
            points.withUnsafeBufferPointer { points in
                logPrior.withUnsafeBufferPointer { logPrior in
                    let fixed = logPrior.count == points.count
                    @inline(__always) func logPosterior(_ k: Int) -> Double {
                        if fixed { return logLikelihood[k] + logPrior[k] }
                        let distance = points[k] - centre
                        return logLikelihood[k] - distance * distance * scale
                    }
                    var top = -Double.infinity
                    var topPoint = 0
                    for k in 0..<points.count {
                        let value = logPosterior(k)
                        if value > top {
                            top = value
                            topPoint = k
                        }
                    }
                    let origin = points[topPoint]
                    var s0 = 0.0
                    var s1 = 0.0
                    var s2 = 0.0
                    for k in 0..<points.count {
                        let weight = exp(logPosterior(k) - top)
                        let offset = points[k] - origin
                        s0 += weight
                        s1 += weight * offset
                        s2 += weight * offset * offset
                    }
                    let shift = s1 / s0
                    return (origin + shift, max(0, s2 / s0 - shift * shift))
                }
            }
        }
    }

    /// Replays a history from scratch: the estimate after each answer.
    /// - Parameters:
    ///   - answers: (item, right) in the order given.
    ///   - startTheta: the estimate before any answer (and first prior centre for the re-centred prior).
    public func replay(_ answers: [(item: IRTItem, correct: Bool)], startTheta: Double) -> [IRTEstimate] {
        var state = initialState(startTheta: startTheta)
        return answers.map { answer in
            update(
                &state, discrimination: answer.item.discrimination, difficulty: answer.item.difficulty,
                correct: answer.correct)
            return state.estimate
        }
    }
}

/// log P (right) or log(1 − P) (wrong) for P = logistic(x), without overflow or cancellation:
/// log P = −softplus(−x), log(1 − P) = −softplus(x).
@inline(__always)
func logProbability(_ correct: Bool, x: Double) -> Double {
    let y = correct ? -x : x
    return y > 0 ? -(y + log1p(exp(-y))) : -log1p(exp(y))
}

/// P (right) or 1 − P (wrong) for P = logistic(x).
@inline(__always)
func probability(_ correct: Bool, x: Double) -> Double {
    logistic(correct ? x : -x)
}

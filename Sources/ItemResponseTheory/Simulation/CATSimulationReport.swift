import Foundation

/// The figures of a simulation, as the cat-500 README lists them: accuracy of the final estimate
/// (RMSE, bias, correlation), RMSE after given lengths, exposure (maximum rate, share of items never
/// used, test overlap rate), test length, wall time. Rendered as text or JSON.
public struct CATSimulationReport: Hashable, Sendable, Codable {
    /// RMSE of the estimate after a given number of answers.
    public struct Checkpoint: Hashable, Sendable, Codable {
        /// Number of answers.
        public var items: Int
        /// Examinees whose test reached that length.
        public var examinees: Int
        public var rmse: Double
        public var bias: Double
    }

    public var examinees: Int
    /// N, the number of items of the pool.
    public var bankItems: Int
    /// √mean((θ̂ − θ)²) of the final estimates.
    public var rmse: Double
    /// mean(θ̂ − θ).
    public var bias: Double
    /// Pearson correlation of θ̂ and θ.
    public var correlation: Double
    /// Mean of the final standard errors.
    public var meanStandardError: Double
    public var checkpoints: [Checkpoint]
    /// Q, the mean test length.
    public var meanLength: Double
    public var minimumLength: Int
    public var maximumLength: Int
    /// Largest r_j, the share of examinees who got item j.
    public var maximumExposure: Double
    /// Share of the items no examinee got.
    public var neverUsed: Double
    /// Test overlap rate T = (N/Q)·Var(r) + Q/N (Chen, Ankenmann & Spray 2003), Var over the N items.
    public var overlapRate: Double
    /// Largest selection rate (given or set aside by Sympson–Hetter).
    public var maximumSelection: Double
    /// All the item administrations of the run (the sum of the test lengths).
    public var administrations: Int
    /// Administrations of items already at the exposure ceiling, given because no other item was
    /// eligible (the ceiling could not be honoured); 0 without a ceiling.
    public var administrationsPastCeiling: Int
    /// Number of sessions per stop reason.
    public var stopReasons: [String: Int]
    /// Elapsed time of the run (seconds); the only figure that varies between runs.
    public var wallSeconds: Double
    /// Threads the examinees ran on.
    public var threads: Int

    /// Summarises outcomes.
    public init(
        outcomes: [CATSimulation.Outcome], itemCount: Int, checkpoints: [Int], wallSeconds: Double, threads: Int
    ) {
        let count = Double(max(1, outcomes.count))
        examinees = outcomes.count
        bankItems = itemCount
        let errors = outcomes.map { $0.estimate.theta - $0.trueTheta }
        rmse = (errors.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
        bias = errors.reduce(0, +) / count
        correlation = CATSimulationReport.correlation(outcomes.map(\.estimate.theta), outcomes.map(\.trueTheta))
        meanStandardError = outcomes.reduce(0) { $0 + $1.estimate.standardError } / count
        self.checkpoints = checkpoints.indices.map { position in
            let reached = outcomes.compactMap { outcome in
                outcome.checkpointEstimates[position].map { $0 - outcome.trueTheta }
            }
            let n = Double(max(1, reached.count))
            return Checkpoint(
                items: checkpoints[position], examinees: reached.count,
                rmse: (reached.reduce(0) { $0 + $1 * $1 } / n).squareRoot(), bias: reached.reduce(0, +) / n)
        }
        let lengths = outcomes.map(\.administered.count)
        meanLength = Double(lengths.reduce(0, +)) / count
        minimumLength = lengths.min() ?? 0
        maximumLength = lengths.max() ?? 0
        var given = [Int](repeating: 0, count: itemCount)
        var selected = [Int](repeating: 0, count: itemCount)
        for outcome in outcomes {
            for item in outcome.administered where given.indices.contains(item) {
                given[item] += 1
                selected[item] += 1
            }
            for item in outcome.setAside where selected.indices.contains(item) { selected[item] += 1 }
        }
        let rates = given.map { Double($0) / count }
        maximumExposure = rates.max() ?? 0
        maximumSelection = (selected.max()).map { Double($0) / count } ?? 0
        neverUsed = itemCount == 0 ? 0 : Double(given.count { $0 == 0 }) / Double(itemCount)
        let n = Double(max(1, itemCount))
        let meanRate = rates.reduce(0, +) / n
        let variance = rates.reduce(0) { $0 + ($1 - meanRate) * ($1 - meanRate) } / n
        overlapRate = meanLength > 0 ? n / meanLength * variance + meanLength / n : 0
        administrations = lengths.reduce(0, +)
        administrationsPastCeiling = outcomes.reduce(0) { $0 + $1.pastCeiling }
        var reasons: [String: Int] = [:]
        for outcome in outcomes { reasons[outcome.stopReason?.rawValue ?? "none", default: 0] += 1 }
        stopReasons = reasons
        self.wallSeconds = wallSeconds
        self.threads = threads
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count > 1 else { return 0 }
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    /// The report for people: fixed-precision figures, one topic per line.
    public var text: String {
        func f(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }
        func signed(_ value: Double) -> String { String(format: "%+.4f", value) }
        var lines: [String] = []
        lines.append("examinees:    \(examinees), bank of \(bankItems) items")
        lines.append(
            "final θ:      RMSE \(f(rmse))  bias \(signed(bias))  correlation \(f(correlation))  mean SE \(f(meanStandardError))"
        )
        let after = checkpoints.map {
            "\($0.items): \(f($0.rmse))" + ($0.examinees < examinees ? " (\($0.examinees))" : "")
        }
        if !after.isEmpty { lines.append("RMSE after:   " + after.joined(separator: "  ")) }
        lines.append(
            "test length:  mean \(f(meanLength, 2)) (min \(minimumLength), max \(maximumLength))"
                + "  stops: "
                + stopReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append(
            "exposure:     max \(f(maximumExposure, 3))  never used \(f(neverUsed * 100, 1)) %  overlap T \(f(overlapRate))"
                + (maximumSelection > maximumExposure ? "  max selection \(f(maximumSelection, 3))" : ""))
        lines.append("wall time:    \(f(wallSeconds, 3)) s on \(threads) thread\(threads == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }
}

import Dispatch
import Foundation
import ItemBankSystem

/// Runs an IRT form for many simulated examinees whose answers follow ``PortableAnswers``, and
/// reports the figures of the cat-500 README (``CATSimulationReport``).
///
/// Deterministic for a seed: examinee i's session draws from `SplitMix64.mix(seed ^ mix(i))`, and the
/// answers depend only on (i, item), so the figures do not depend on threads or scheduling. Examinees
/// run in parallel on all cores, except with an exposure ceiling, whose ledger needs the examinees in
/// order (then on one core).
public struct CATSimulation: Sendable {
    public var engine: CATEngine
    /// True abilities (logits), one per examinee.
    public var thetas: [Double]
    public var answers: PortableAnswers
    /// Seed of the sessions' random draws (randomesque, geometric, Sympson–Hetter).
    public var seed: UInt64
    /// Test lengths after which the RMSE is reported (default 1, 5, 10, 15, 20, 30, 40 up to the
    /// maximum length).
    public var checkpoints: [Int]
    /// Run on all cores when the settings allow it.
    public var parallel: Bool

    public init(
        engine: CATEngine, thetas: [Double], answers: PortableAnswers, seed: UInt64 = 1, checkpoints: [Int]? = nil,
        parallel: Bool = true
    ) {
        self.engine = engine
        self.thetas = thetas
        self.answers = answers
        self.seed = seed
        let maximum = engine.settings.stopping.maximumLength
        self.checkpoints = (checkpoints ?? [1, 5, 10, 15, 20, 30, 40]).filter { $0 >= 1 && $0 <= maximum }.sorted()
        self.parallel = parallel
    }

    /// The most examinees a run takes (and a Sympson–Hetter calibration per iteration): 10,000,000.
    public static let maximumExaminees = 10_000_000

    /// `count` true abilities θ ~ N(0, 1), drawn from `seed` (the simulated examinees of a compiled
    /// bank without a thetas file): the same seed gives the same θ on every machine. Check `count`
    /// with ``checkSize(examinees:settings:poolCount:label:)`` first.
    public static func normalAbilities(count: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: SplitMix64.mix(seed ^ 0x5448_4554_4153))
        return (0..<count).map { _ in random.nextStandardNormal() }
    }
    /// The most item administrations a run takes, examinees × the longest possible test: 100,000,000
    /// (the outcomes are kept in memory, about 3 GB at that size).
    public static let maximumAdministrations = 100_000_000

    /// Checks that a run of `examinees` examinees on a form fits the bounds above; the longest possible
    /// test is the form's maximum length, or the pool when it is smaller. Overflow-safe for any input.
    /// - Parameter label: what the message calls the examinees (an option name, a file).
    /// - Throws: ``CATError`` `.invalidSetting`, with a message giving the bound, when `examinees` is
    ///   outside 1 ... ``maximumExaminees`` or the administrations exceed ``maximumAdministrations``.
    public static func checkSize(
        examinees: Int, settings: CATSettings, poolCount: Int, label: String = "examinees"
    ) throws(CATError) {
        guard (1...maximumExaminees).contains(examinees) else {
            throw CATError(.invalidSetting, "\(label) must be from 1 to \(maximumExaminees) (got \(examinees))")
        }
        let length = max(0, min(settings.stopping.maximumLength, poolCount))
        let (administrations, overflow) = examinees.multipliedReportingOverflow(by: length)
        guard !overflow, administrations <= maximumAdministrations else {
            throw CATError(
                .invalidSetting,
                "\(label): \(examinees) examinees × \(length) items (the longest test) "
                    + "\(overflow ? "overflow" : "= \(administrations)") item administrations, more than the "
                    + "\(maximumAdministrations) a run takes: lower the examinees or the test length")
        }
    }

    /// What happened to one examinee.
    public struct Outcome: Hashable, Sendable {
        public var trueTheta: Double
        public var estimate: AbilityEstimate
        /// Items given, in order.
        public var administered: [Int]
        /// Items Sympson–Hetter set aside (selected, not given).
        public var setAside: [Int]
        /// Estimate after each checkpoint length (nil when the test ended before).
        public var checkpointEstimates: [Double?]
        public var stopReason: StopReason?
        /// Administrations of items already at the exposure ceiling: the ceiling gave way because no
        /// other item was eligible (0 without a ceiling).
        public var pastCeiling: Int = 0
    }

    /// Whether the run must go examinee after examinee (an exposure ceiling reads the ledger).
    public var needsOrder: Bool { engine.settings.exposure.ceiling != nil }

    /// Seed of examinee `examinee`'s session.
    public func sessionSeed(examinee: Int) -> UInt64 {
        SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(truncatingIfNeeded: examinee)))
    }

    /// Runs every examinee; returns the outcomes in examinee order.
    public func outcomes() -> [Outcome] {
        if needsOrder || !parallel {
            var ledger: ExposureLedger? = needsOrder ? ExposureLedger(itemCount: engine.pool.count) : nil
            return thetas.indices.map { examinee in
                ledger?.beginExaminee()
                return run(examinee: examinee, ledger: &ledger)
            }
        }
        let simulation = self
        return parallelMap(count: thetas.count) { examinee in
            var ledger: ExposureLedger? = nil
            return simulation.run(examinee: examinee, ledger: &ledger)
        }
    }

    /// Runs every examinee and summarises (wall time included).
    public func run() -> CATSimulationReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let outcomes = outcomes()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return CATSimulationReport(
            outcomes: outcomes, itemCount: engine.pool.count, checkpoints: checkpoints, wallSeconds: seconds,
            threads: needsOrder || !parallel ? 1 : ProcessInfo.processInfo.activeProcessorCount)
    }

    private func run(examinee: Int, ledger: inout ExposureLedger?) -> Outcome {
        let theta = thetas[examinee]
        var session = engine.startSession(seed: sessionSeed(examinee: examinee))
        var checkpointEstimates = [Double?](repeating: nil, count: checkpoints.count)
        var nextCheckpoint = 0
        var reason: StopReason?
        var pastCeiling = 0
        while true {
            reason = engine.stopReason(for: session)
            if reason != nil { break }
            guard let item = try? engine.nextItem(in: &session, ledger: ledger) else {
                reason = .poolExhausted
                break
            }
            if let ledger, let ceiling = engine.settings.exposure.ceiling, !ledger.admits(item: item, under: ceiling) {
                pastCeiling += 1
            }
            let correct = answers.isCorrect(examinee: examinee, theta: theta, item: engine.pool[item], index: item)
            do {
                try engine.record(item: item, correct: correct, in: &session)
            } catch {
                break
            }
            ledger?.record(item: item)
            while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint] == session.answerCount {
                checkpointEstimates[nextCheckpoint] = session.estimate.theta
                nextCheckpoint += 1
            }
        }
        return Outcome(
            trueTheta: theta, estimate: session.estimate, administered: session.administered,
            setAside: session.setAside, checkpointEstimates: checkpointEstimates, stopReason: reason,
            pastCeiling: pastCeiling)
    }
}

/// Computes Sympson–Hetter exposure parameters by iterated simulations (Sympson & Hetter 1985;
/// procedure as in van der Linden 2003, "Some alternatives to Sympson–Hetter item-exposure control in
/// computerized adaptive testing"):
///
/// 1. start with k_j = 1 for every item;
/// 2. simulate `examinees` sessions of the form with the current parameters (θ ~ N(0, 1), portable
///    answers on a stream of their own for each iteration);
/// 3. from the selection rate P(S_j) (items given or set aside), set k_j = r / P(S_j) when
///    P(S_j) > r, else 1 (r = target);
/// 4. repeat; keep the parameters of the iteration whose largest administration rate P(A_j) was the
///    lowest.
///
/// Deterministic for a seed. Each iteration runs its examinees on all cores.
public struct SympsonHetterCalibration: Sendable {
    /// The form (its exposure control is used with Sympson–Hetter switched on; an exposure ceiling is
    /// ignored during calibration).
    public var settings: CATSettings
    /// Target exposure rate r (0 ... 1).
    public var target: Double
    /// Simulated examinees per iteration.
    public var examinees: Int
    public var iterations: Int
    public var seed: UInt64

    public init(settings: CATSettings, target: Double, examinees: Int = 4000, iterations: Int = 20, seed: UInt64 = 1) {
        self.settings = settings
        self.target = target
        self.examinees = examinees
        self.iterations = iterations
        self.seed = seed
    }

    /// One iteration's figures.
    public struct Iteration: Hashable, Sendable, Codable {
        /// Largest administration rate with the parameters used in this iteration.
        public var maximumExposure: Double
        /// Largest selection rate.
        public var maximumSelection: Double
    }

    public struct Result: Hashable, Sendable {
        /// k_j, one per item of the pool.
        public var parameters: [Double]
        public var iterations: [Iteration]
        /// The iteration whose parameters were kept (0-based).
        public var chosen: Int
    }

    /// The most iterations a calibration takes: 1000 (the rates settle within a few dozen).
    public static let maximumIterations = 1000

    /// Runs the calibration on `pool` (its own exposure parameters are ignored).
    /// - Throws: ``CATError`` `.invalidSetting` for a target outside [0, 1], iterations outside
    ///   1 ... ``maximumIterations``, examinees outside the bounds of ``CATSimulation/checkSize(examinees:settings:poolCount:label:)``,
    ///   or settings the engine refuses.
    public func run(pool: ItemPool) throws(CATError) -> Result {
        guard target >= 0, target <= 1 else {
            throw CATError(.invalidSetting, "calibration target \(target) is not in [0, 1]")
        }
        guard (1...Self.maximumIterations).contains(iterations) else {
            throw CATError(
                .invalidSetting,
                "calibration iterations must be from 1 to \(Self.maximumIterations) (got \(iterations))")
        }
        try CATSimulation.checkSize(
            examinees: examinees, settings: settings, poolCount: pool.count, label: "calibration examinees")
        var form = settings
        form.exposure.sympsonHetter = true
        form.exposure.ceiling = nil
        var parameters = [Double](repeating: 1, count: pool.count)
        var history: [Iteration] = []
        var best: (exposure: Double, parameters: [Double], iteration: Int)?
        for iteration in 0..<iterations {
            let engine = try CATEngine(pool: try pool.withExposureParameters(parameters), settings: form)
            var random = SplitMix64(seed: SplitMix64.mix(seed ^ 0x5348_0000 ^ UInt64(iteration)))
            let thetas = (0..<examinees).map { _ in random.nextStandardNormal() }
            let simulation = CATSimulation(
                engine: engine, thetas: thetas,
                answers: PortableAnswers(stream: 1000 + UInt64(iteration), itemCount: pool.count),
                seed: SplitMix64.mix(seed &+ UInt64(iteration)), checkpoints: [])
            var given = [Int](repeating: 0, count: pool.count)
            var selected = [Int](repeating: 0, count: pool.count)
            for outcome in simulation.outcomes() {
                for item in outcome.administered {
                    given[item] += 1
                    selected[item] += 1
                }
                for item in outcome.setAside { selected[item] += 1 }
            }
            let count = Double(examinees)
            let exposure = Double(given.max() ?? 0) / count
            history.append(
                Iteration(maximumExposure: exposure, maximumSelection: Double(selected.max() ?? 0) / count))
            if best == nil || exposure < best!.exposure {
                best = (exposure, parameters, iteration)
            }
            parameters = selected.map { count in
                let rate = Double(count) / Double(examinees)
                return rate > target ? target / rate : 1
            }
        }
        return Result(parameters: best?.parameters ?? parameters, iterations: history, chosen: best?.iteration ?? 0)
    }
}

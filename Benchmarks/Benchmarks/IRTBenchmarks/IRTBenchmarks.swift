import AdaptiveTesting
import Benchmark
import Foundation

// The IRT engine (docs/algorithms.md, "IRT engine"): next item, EAP update, a whole simulation.
// Pools are synthetic, shaped like cat-500 (a ~ U(0.3, 1.9), b ~ N(0, 1)), so the benchmarks do not
// need ../shared.

/// A pool of `count` 2PL items, deterministic.
func syntheticPool(_ count: Int, index: InformationIndex.Layout = .standard) -> ItemPool {
    var random = SplitMix64(seed: UInt64(count))
    let items = (0..<count).map { _ in
        CalibratedItem(discrimination: 0.3 + 1.6 * random.nextUnit(), difficulty: random.nextStandardNormal())
    }
    do { return try ItemPool(items: items, index: index) } catch { fatalError("\(error)") }
}

/// 64 sessions of the reference form, each after 10 answers of an examinee of random θ, so that
/// the estimates (and the items chosen) differ from call to call.
func sessions(_ engine: CATEngine) -> [CATSession] {
    var random = SplitMix64(seed: 99)
    return (0..<64).map { number in
        var session = engine.startSession(seed: UInt64(number))
        let theta = random.nextStandardNormal()
        let answers = PortableAnswers(stream: 3, itemCount: engine.pool.count)
        for _ in 0..<10 {
            guard let item = try? engine.nextItem(in: &session) else { break }
            let correct = answers.isCorrect(examinee: number, theta: theta, item: engine.pool[item], index: item)
            try? engine.record(item: item, correct: correct, in: &session)
        }
        return session
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(2), maxIterations: 1_000_000)

    Benchmark("baseline: empty iteration") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(0) }
    }

    func nextItemBenchmark(_ name: String, pool: ItemPool) {
        guard let engine = try? CATEngine(pool: pool, settings: .reference(length: 40)) else { fatalError() }
        var prepared = sessions(engine)
        var cursor = 0
        Benchmark(name) { benchmark in
            for _ in benchmark.scaledIterations {
                cursor = (cursor &+ 1) & 63
                blackHole(try engine.nextItem(in: &prepared[cursor]))
            }
        }
    }

    nextItemBenchmark("IRT next item, 500 items", pool: syntheticPool(500))
    nextItemBenchmark("IRT next item, 20,000 items", pool: syntheticPool(20_000))
    // Depth 1: the index never settles, every call is a full scan (the cost without the index).
    nextItemBenchmark(
        "IRT next item, 20,000 items, full scan (no index)",
        pool: syntheticPool(20_000, index: .init(lower: -6, upper: 6, points: 241, depth: 1)))

    func updateBenchmark(_ name: String, settings: EstimatorSettings) {
        guard let estimator = try? AbilityEstimator(settings: settings) else { fatalError() }
        var state = estimator.initialState(startTheta: 0)
        var random = SplitMix64(seed: 5)
        let items = (0..<256).map { _ in (0.3 + 1.6 * random.nextUnit(), random.nextStandardNormal()) }
        var cursor = 0
        Benchmark(name) { benchmark in
            for _ in benchmark.scaledIterations {
                cursor = (cursor &+ 1) & 255
                let (a, b) = items[cursor]
                estimator.update(&state, discrimination: a, difficulty: b, correct: cursor & 1 == 0)
                blackHole(state.estimate.theta)
            }
        }
    }

    updateBenchmark("EAP update, reference grid (61 points)", settings: .reference)
    updateBenchmark("EAP update, Pix (81 points, re-centred prior)", settings: .pix)

    let pool = syntheticPool(500)
    var random = SplitMix64(seed: 7)
    let thetas = (0..<1000).map { _ in random.nextStandardNormal() }
    guard let engine = try? CATEngine(pool: pool, settings: .reference(length: 20)) else { fatalError() }
    for parallel in [false, true] {
        let simulation = CATSimulation(
            engine: engine, thetas: thetas, answers: PortableAnswers(itemCount: 500), parallel: parallel)
        Benchmark(
            "simulate 1000 examinees x 20 items, 500 items, \(parallel ? "all cores" : "one core")",
            configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))
        ) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(simulation.outcomes().count) }
        }
    }
}

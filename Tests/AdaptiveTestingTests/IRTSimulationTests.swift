import Foundation
import Testing

@testable import AdaptiveTesting

/// The cat-500 workload of ../shared/bench; tests that need it are `.enabled(if: CAT500.isPresent)`.
enum CAT500 {
    static let directory: String? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/bench/cat-500"
        ).standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path + "/bank.csv") ? path : nil
    }()

    /// Whether ../shared/bench/cat-500 is here.
    static let isPresent = directory != nil

    static func workload() throws -> CATWorkload {
        try CATWorkload.load(directory: try #require(directory, "../shared/bench/cat-500 is absent"))
    }
}

@Suite struct IRTSimulationTests {
    @Test(.enabled(if: CAT500.isPresent, "needs ../shared/bench/cat-500"))
    func referenceConfigurationOnCAT500() throws {
        let workload = try CAT500.workload()
        let pool = try IRTItemPool(items: workload.items)
        let engine = try IRTEngine(pool: pool, settings: .reference(length: 20))
        let simulation = IRTSimulation(
            engine: engine, thetas: workload.thetas, answers: PortableAnswers(itemCount: pool.count))
        let report = simulation.run()
        print(report.text)
        #expect(abs(report.rmse - 0.3010250975131917) < 1e-12)
        #expect(abs(report.bias - 0.017991092476916697) < 1e-12)
        #expect(report.administrations == 20_000)
        #expect(report.administrationsPastCeiling == 0)
    }

    /// A ceiling that cannot be honoured: 30 items, 10 examinees, 20 items each, rate 0.05 (below one
    /// examinee in 10, so an item given once stays at the ceiling for the whole run). Examinee 1 gets
    /// 20 fresh items, examinee 2 the 10 left and 10 past the ceiling, the others 20 past it.
    @Test(arguments: [
        IRTExposureControl.Ceiling(rate: 0.05), IRTExposureControl.Ceiling(rate: 0.05, population: 10),
    ])
    func administrationsPastAnExposureCeilingAreCounted(ceiling: IRTExposureControl.Ceiling) throws {
        let items = (0..<30).map { IRTItem(discrimination: 1, difficulty: -2 + 4 * Double($0) / 29) }
        let pool = try IRTItemPool(items: items)
        var settings = IRTSettings.reference(length: 20)
        settings.exposure.ceiling = ceiling
        let simulation = IRTSimulation(
            engine: try IRTEngine(pool: pool, settings: settings), thetas: (0..<10).map { -1.5 + Double($0) / 3 },
            answers: PortableAnswers(itemCount: pool.count))
        #expect(simulation.outcomes().map(\.pastCeiling) == [0, 10, 20, 20, 20, 20, 20, 20, 20, 20])
        let report = simulation.run()
        #expect(report.administrations == 200)
        #expect(report.administrationsPastCeiling == 170)
        // A ceiling of 1 is always honoured here.
        settings.exposure.ceiling = .init(rate: 1)
        let honoured = IRTSimulation(
            engine: try IRTEngine(pool: pool, settings: settings), thetas: simulation.thetas,
            answers: simulation.answers)
        #expect(honoured.run().administrationsPastCeiling == 0)
    }

    @Test func ceilingRatesOutsideZeroToOneAreRefused() throws {
        let pool = try IRTItemPool(items: [IRTItem(discrimination: 1, difficulty: 0)])
        for (ceiling, message) in [
            (IRTExposureControl.Ceiling(rate: 0), "exposure ceiling rate 0.0 is not in (0, 1]"),
            (IRTExposureControl.Ceiling(rate: .nan), "exposure ceiling rate nan is not in (0, 1]"),
            (IRTExposureControl.Ceiling(rate: 0.2, population: 0), "exposure ceiling population 0 is not 1 or more"),
        ] {
            var settings = IRTSettings.reference(length: 1)
            settings.exposure.ceiling = ceiling
            #expect(throws: IRTError(.invalidSetting, message)) { try IRTEngine(pool: pool, settings: settings) }
        }
    }
}

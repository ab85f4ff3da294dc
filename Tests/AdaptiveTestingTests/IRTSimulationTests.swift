import Foundation
import Testing

@testable import AdaptiveTesting

/// The cat-500 workload of ../shared/bench (skipped with a message when absent).
enum CAT500 {
    static let directory: String? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/bench/cat-500"
        ).standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path + "/bank.csv") ? path : nil
    }()

    static func workload() throws -> CATWorkload? {
        guard let directory else {
            print("skipped: ../shared/bench/cat-500 is absent")
            return nil
        }
        return try CATWorkload.load(directory: directory)
    }
}

@Suite struct IRTSimulationTests {
    @Test func referenceConfigurationOnCAT500() throws {
        guard let workload = try CAT500.workload() else { return }
        let pool = try IRTItemPool(items: workload.items)
        let engine = try IRTEngine(pool: pool, settings: .reference(length: 20))
        let simulation = IRTSimulation(
            engine: engine, thetas: workload.thetas, answers: PortableAnswers(itemCount: pool.count))
        let report = simulation.run()
        print(report.text)
        #expect(abs(report.rmse - 0.3010250975131917) < 1e-12)
        #expect(abs(report.bias - 0.017991092476916697) < 1e-12)
    }
}

import Foundation
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite("Journey simulation")
struct JourneySimulationTests {
    @Test("deterministic for a seed, whatever the threads; the stated model is reported")
    func determinism() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let simulation = JourneySimulation(engine: engine)
        let settings = JourneySimulation.Settings(learners: 40, seed: 42)
        let first = try simulation.run(settings)
        let second = try simulation.run(settings)
        #expect(first == second)
        #expect(first.positionings == 640)
        #expect(first.settings.slip == 0.1)
        #expect(first.settings.guess == nil)
        #expect(first.byTrueLevel.map(\.trueLevel) == Array(0...7))
        #expect(first.byTrueLevel.reduce(0) { $0 + $1.positionings } == 640)
        let other = try simulation.run(.init(learners: 40, seed: 43))
        #expect(other != first)
        print(first)
    }

    @Test("with no slip and no guess every learner is positioned at the true level")
    func perfectLearners() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let report = try JourneySimulation(engine: engine).run(
            .init(learners: 20, seed: 1, slip: 0, guess: 0, competences: ["1.1", "2.3"]))
        #expect(report.positionings == 40)
        #expect(report.exact == 1)
        #expect(report.bias == 0)
        #expect(throws: JourneyError.unknownCompetence("7.7")) {
            try JourneySimulation(engine: engine).run(.init(learners: 1, seed: 1, competences: ["7.7"]))
        }
    }
}

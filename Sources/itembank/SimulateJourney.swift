import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankRuntime

/// Options of `itembank simulate <bank> --journey positioning`: simulated learners positioned in every
/// competence by the smart-random engine (model: AdaptiveTesting `JourneySimulation`).
struct JourneySimulationOptions: ParsableArguments {
    @Option(name: .customLong("learners"), help: "Simulated learners (with --journey).")
    var count = 1000

    @Option(help: "Probability of a wrong answer on a mastered skill (with --journey).")
    var slip = 0.1

    @Option(help: "Probability of a right answer on a skill not mastered; default: a blind guess by item type.")
    var guess: Double?

    @Option(name: .customLong("competence"), help: "Competence to position (repeatable); default: all.")
    var competences: [String] = []

    @Option(help: "Locale of the items served (with --journey).")
    var locale = "fr-FR"

    func validate() throws {
        guard (1...JourneySimulation.maximumLearners).contains(count) else {
            throw ValidationError("--learners must be between 1 and \(JourneySimulation.maximumLearners)")
        }
        guard (0...1).contains(slip), (0...1).contains(guess ?? 0) else {
            throw ValidationError("--slip and --guess are probabilities, between 0 and 1")
        }
    }

    func run(bank path: String, seed: UInt64, json: Bool, progress: Bool = false) throws {
        let bank = try BankOpening.openVerified(path)
        let engine = JourneyEngine(bank: bank, locale: locale)
        let start = Date()
        let report: JourneySimulation.Report
        let display = ProgressLine("itembank simulate", forced: progress)
        display.begin("simulating \(count) learners")
        defer { display.end() }
        do {
            report = try JourneySimulation(engine: engine).run(
                .init(learners: count, seed: seed, slip: slip, guess: guess, competences: competences))
        } catch {
            display.end()
            throw CommandError.usage("\(path): \(journeyMessage(error))")
        }
        display.end()
        let seconds = Date().timeIntervalSince(start)
        if json {
            Terminal.out(try JSONOutput.encode(report))
            return
        }
        func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
        var text = """
            journey:      positioning (smart random), \(report.settings.learners) learners × \
            \(report.positionings / max(1, report.settings.learners)) competences, seed \(seed)
            model:        \(report.model); slip \(slip)
            positioned:   exact \(percent(report.exact)), within 1 level \(percent(report.withinOne)), \
            bias \(String(format: "%+.3f", report.bias)) level
            items:        mean \(String(format: "%.2f", report.meanItems)) per competence, max \(report.maxItems)
            by true level (positionings, exact, within 1, mean positioned):

            """
        for level in report.byTrueLevel {
            text += "  level \(level.trueLevel): \(level.positionings), \(percent(level.exact)), "
            text += "\(percent(level.withinOne)), \(String(format: "%.2f", level.meanPositioned))\n"
        }
        text += "wall time:    \(String(format: "%.2f", seconds)) s\n"
        Terminal.out(text)
    }
}

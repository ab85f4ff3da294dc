import AdaptiveTesting
import Benchmark
import Foundation
import ItemBankCompiler
import ItemBankRuntime
import ItemBankXML

/// The learner journey on Banks/crcn: one positioning step (next item, record an answer).
func journeyBenchmarks() {
    let crcn: Bank = {
        do {
            let result = try BankReader(schemas: Fixtures.schemas).read(root: "../Banks/crcn")
            guard let sources = result.sources else { fatalError("Banks/crcn did not load") }
            return try Bank(bytes: BankCompiler.compile(sources))
        } catch {
            fatalError("\(error)")
        }
    }()
    let engine = JourneyEngine(bank: crcn, locale: "fr-FR")
    let date = Date(timeIntervalSince1970: 1_800_000_000)
    // Mid-session states of every competence: three answers recorded (right, wrong, right).
    let states: [SessionState] = crcn.allCompetences.compactMap { competence in
        guard var state = try? engine.startPositioning(competence: competence.code, seed: 7) else { return nil }
        for outcome: AnswerOutcome in [.ok, .ko, .ok] {
            guard let item = try? engine.next(state),
                let next = try? engine.record(state, item: item.id, outcome: outcome, at: date)
            else { break }
            state = next
        }
        return state
    }
    let pending: [(SessionState, String)] = states.compactMap { state in
        (try? engine.next(state)).flatMap { $0 }.map { (state, $0.id) }
    }

    Benchmark("journey: next item, crcn, 3 answers recorded") { benchmark in
        var cursor = 0
        for _ in benchmark.scaledIterations {
            blackHole(try engine.next(states[cursor % states.count])?.index)
            cursor &+= 1
        }
    }

    Benchmark("journey: record an answer, crcn, 3 answers recorded") { benchmark in
        var cursor = 0
        for _ in benchmark.scaledIterations {
            let (state, item) = pending[cursor % pending.count]
            blackHole(try engine.record(state, item: item, outcome: .ok, at: date).answers.count)
            cursor &+= 1
        }
    }
}

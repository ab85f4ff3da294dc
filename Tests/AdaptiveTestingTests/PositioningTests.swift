import Foundation
import ItemBankRuntime
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite("Positioning (smart random)")
struct PositioningTests {
    @Test("the generated bank covers every skill, each cell of two skills is worth 4 pix per skill")
    func bankShape() throws {
        let bank = try #require(generatedBank)
        #expect(bank.allSkills.allSatisfy { !$0.items.isEmpty })
        #expect(bank.allSkills.allSatisfy { $0.pix == 4 })
        #expect(bank.maxLevel == 7)
    }

    @Test("a learner who masters exactly the skills up to level L is positioned at L", arguments: 0...7)
    func exactLearner(trueLevel: Int) throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        for competence in ["1.1", "3.4", "5.2"] {
            let (state, items) = try position(engine, competence: competence, trueLevel: trueLevel)
            let result = try engine.result(state)
            #expect(result.ended)
            #expect(result.competences.map(\.competence) == [competence])
            #expect(result.competences.first?.level == trueLevel)
            #expect(result.competences.first?.pix == trueLevel * 8)
            // Every skill of the competence ends with exactly one element.
            #expect(result.knowledge.count == 14)
            #expect(Set(result.knowledge.map(\.skill)).count == 14)
            // Inference spares questions: never more than one item per skill, far fewer in practice.
            #expect(items.count <= 8)
            #expect(items.first?.skill?.level == 2)
        }
    }

    @Test("the predicted level: 3.5 with no answer, then it follows the answers")
    func predictedLevel() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        var state = try engine.startPositioning(competence: "2.1", seed: 3)
        #expect(engine.predictedLevel(state) == 3.5)
        let first = try #require(try engine.next(state))
        state = try engine.record(state, item: first.id, outcome: .ok, at: fixedDate)
        // One right answer at level 2: |1 - σ(L) - σ(L - 7) + 1 - σ(L - 2)| is smallest at L = 4.5.
        #expect(engine.predictedLevel(state) == 4.5)
    }

    @Test("inference along the tube: right validates easier skills, wrong invalidates harder ones")
    func inference() throws {
        let bank = try #require(generatedBank)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        let tube = try #require(bank.competence(code: "1.1")?.skills.first?.tube)
        let level4 = try #require(tube.skills.first { $0.level == 4 }?.items.first)
        var state = try engine.startPositioning(competence: "1.1", seed: 1)
        state = try engine.record(state, item: level4.id, outcome: .ok, at: fixedDate)
        var result = try engine.result(state)
        let tubeName = tube.name
        #expect(
            result.knowledge.map { "\($0.skill) \($0.status) \($0.source)" } == [
                "\(tubeName)4 validated direct", "\(tubeName)1 validated inferred", "\(tubeName)2 validated inferred",
                "\(tubeName)3 validated inferred",
            ])
        #expect(result.competences.first?.pix == 16)
        let level6 = try #require(tube.skills.first { $0.level == 6 }?.items.first)
        state = try engine.record(state, item: level6.id, outcome: .skipped, at: fixedDate)
        result = try engine.result(state)
        #expect(
            result.knowledge.suffix(2).map { "\($0.skill) \($0.status) \($0.source)" } == [
                "\(tubeName)6 invalidated direct", "\(tubeName)7 invalidated inferred",
            ])
        // @…5 is still untested.
        #expect(!result.knowledge.contains { $0.skill == "\(tubeName)5" })
    }

    @Test("the same seed asks the same items; another seed may not")
    func determinism() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let first = try position(engine, competence: "4.1", trueLevel: 3, seed: 11).items.map(\.id)
        let again = try position(engine, competence: "4.1", trueLevel: 3, seed: 11).items.map(\.id)
        #expect(first == again)
        let others = try (12..<20).map {
            try position(engine, competence: "4.1", trueLevel: 3, seed: $0).items.map(\.id)
        }
        #expect(others.contains { $0 != first })
    }

    @Test("a state survives JSON and is refused by another bank or when corrupt")
    func stateCoding() throws {
        let bank = try #require(generatedBank)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        var state = try engine.startPositioning(competence: "1.2", seed: 5)
        let item = try #require(try engine.next(state))
        state = try engine.record(state, item: item.id, outcome: .ok, at: fixedDate)
        let json = try JSONEncoder().encode(state)
        let decoded = try JSONDecoder().decode(SessionState.self, from: json)
        #expect(decoded == state)
        #expect(try engine.next(decoded)?.id == engine.next(state)?.id)
        #expect(json.count < 400, "compact: \(json.count) bytes")

        var foreign = state
        foreign.bank = String(repeating: "0", count: 32)
        #expect(throws: JourneyError.otherBank(expected: String(bank.contentDigest.prefix(32)), found: foreign.bank)) {
            try engine.next(foreign)
        }
        var corrupt = state
        corrupt.answers[0].item = 1_000_000
        #expect(throws: JourneyError.invalidState("a skill or item index is outside the bank")) {
            try engine.next(corrupt)
        }
        let text = String(decoding: json, as: UTF8.self).replacingOccurrences(of: "\"e\":[[", with: "\"e\":[[0.5,")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SessionState.self, from: Data(text.utf8)) }
    }

    @Test("record refuses unknown items, items of other competences, answered items and tested skills")
    func recordErrors() throws {
        let bank = try #require(generatedBank)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        var state = try engine.startPositioning(competence: "1.1", seed: 5)
        #expect(throws: JourneyError.unknownItem("nope")) {
            try engine.record(state, item: "nope", outcome: .ok, at: fixedDate)
        }
        let other = try #require(bank.competence(code: "2.1")?.items.first)
        #expect(throws: JourneyError.itemNotExpected(other.id, reason: "its skill is not in the session's competences"))
        {
            try engine.record(state, item: other.id, outcome: .ok, at: fixedDate)
        }
        let item = try #require(try engine.next(state))
        state = try engine.record(state, item: item.id, outcome: .ok, at: fixedDate)
        #expect(throws: JourneyError.itemNotExpected(item.id, reason: "it was already answered in this session")) {
            try engine.record(state, item: item.id, outcome: .ok, at: fixedDate)
        }
        #expect(throws: JourneyError.unknownCompetence("9.9")) {
            try engine.startPositioning(competence: "9.9", seed: 1)
        }
    }
}

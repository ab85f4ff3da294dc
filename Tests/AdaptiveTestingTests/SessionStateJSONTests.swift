import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

/// `SessionState.jsonBytes()` writes the JSON object `JSONEncoder` writes (same members and values, number
/// for number; keys in a fixed order), for every state of real sessions (positioning and training, prior
/// knowledge, fractional times), and it decodes to the same state.
@Suite("Session state JSON written directly")
struct SessionStateJSONTests {
    @Test func sameObjectAsJSONEncoderAlongSessions() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        var profile = LearnerProfile()
        var checked = 0
        func check(_ state: SessionState) throws {
            let direct = try state.jsonBytes()
            let encoded = Array(try JSONEncoder().encode(state))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(direct)) as? NSDictionary)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(encoded)) as? NSDictionary)
            #expect(object == expected)
            #expect(direct.count == encoded.count)
            #expect(String(decoding: direct, as: UTF8.self).hasPrefix(#"{"k":""#))
            #expect(try JSONDecoder().decode(SessionState.self, from: Data(direct)) == state)
            checked += 1
        }
        var time = fixedDate.addingTimeInterval(0.125)
        for (index, competence) in ["1.1", "2.1", "1.1"].enumerated() {
            var state = try engine.startPositioning(competence: competence, profile: profile, seed: UInt64(index + 1))
            try check(state)
            while let item = try engine.next(state) {
                time = time.addingTimeInterval(37.3)
                let outcome: AnswerOutcome = (item.skill?.level ?? 99) <= 3 ? .ok : (index == 1 ? .skipped : .ko)
                state = try engine.record(state, item: item.id, outcome: outcome, at: time)
                try check(state)
            }
            profile = try engine.updatedProfile(profile, with: state)
        }
        var training = try engine.startTraining(
            competences: ["1.1", "2.1"], profile: profile, seed: 9, now: time.addingTimeInterval(86_400 * 10))
        try check(training)
        if let item = try engine.next(training) {
            training = try engine.record(
                training, item: item.id, outcome: .timedOut, at: time.addingTimeInterval(86_401))
            try check(training)
        }
        #expect(checked > 10)
    }
}

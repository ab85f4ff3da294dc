import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

/// `LearnerProfile.jsonBytes()` writes the bytes `JSONEncoder` writes with `.iso8601` dates and sorted
/// keys, for the profiles of real sessions (with fractional times) and with IRT abilities, and they
/// decode to the same profile.
@Suite("Learner profile JSON written directly")
struct LearnerProfileJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func check(_ profile: LearnerProfile) throws {
        let direct = try profile.jsonBytes()
        #expect(String(decoding: direct, as: UTF8.self) == String(decoding: try encoder.encode(profile), as: UTF8.self))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(LearnerProfile.self, from: Data(direct))
        // Read back directly, it is the profile JSONDecoder reads; so is JSONEncoder's JSON in its own key
        // order (read by JSONDecoder).
        #expect(try LearnerProfile.decodeJSON(direct) == decoded)
        let plain = JSONEncoder()
        plain.dateEncodingStrategy = .iso8601
        #expect(try LearnerProfile.decodeJSON(Array(try plain.encode(profile))) == decoded)
        #expect(decoded.knowledge.map(\.skill) == profile.knowledge.map(\.skill))
        #expect(decoded.answeredItems == profile.answeredItems)
        #expect(decoded.abilities.map(\.form) == profile.abilities.map(\.form))
        // Dates keep their whole seconds, as with JSONEncoder.
        #expect(
            decoded.knowledge.map(\.date.timeIntervalSince1970)
                == profile.knowledge.map { $0.date.timeIntervalSince1970.rounded(.down) })
    }

    @Test func sameBytesAsJSONEncoderAlongSessions() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        var profile = LearnerProfile()
        try Self.check(profile)
        var time = fixedDate.addingTimeInterval(0.625)
        for (index, competence) in ["1.1", "2.1", "1.1", "3.1"].enumerated() {
            var state = try engine.startPositioning(competence: competence, profile: profile, seed: UInt64(index + 1))
            while let item = try engine.next(state) {
                time = time.addingTimeInterval(37.3)
                let outcome: AnswerOutcome = (item.skill?.level ?? 99) <= 3 ? .ok : (index == 1 ? .skipped : .ko)
                state = try engine.record(state, item: item.id, outcome: outcome, at: time)
            }
            profile = try engine.updatedProfile(profile, with: state)
            try Self.check(profile)
        }
        #expect(profile.knowledge.count > 5)
        profile.record(MeasuredAbility(form: "pix-campaign", theta: -0.4375, standardError: 0.31, date: time))
        profile.record(MeasuredAbility(form: "pix-certification", theta: 1, standardError: 0.25, date: time))
        try Self.check(profile)
    }

    /// JSON in another layout than `jsonBytes()`'s is read by JSONDecoder: escapes, spaces, other key
    /// orders; what is not a profile is refused with JSONDecoder's error.
    @Test func otherLayoutsAreReadByJSONDecoder() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let profile = LearnerProfile(
            knowledge: [
                KnowledgeElement(skill: "@web3", status: .validated, source: .direct, item: "a/b\"c", date: date),
                KnowledgeElement(skill: "@web2", status: .validated, source: .inferred, item: "é", date: date),
            ], answeredItems: ["a/b\"c", "é"])
        let direct = try profile.jsonBytes()
        #expect(String(decoding: direct, as: UTF8.self).contains(#"a\/b\"c"#))
        #expect(try LearnerProfile.decodeJSON(direct) == profile)
        let spaced =
            #"{ "knowledge" : [ {"status":"validated","source":"direct","skill":"@web3","item":"x","date":"2027-01-15T08:00:00Z"} ] }"#
        let read = try LearnerProfile.decodeJSON(Array(spaced.utf8))
        #expect(read.knowledge.map(\.item) == ["x"])
        #expect(read.answeredItems.isEmpty)
        #expect(read.knowledge.first?.date == date)
        // A date the calendar does not have is left to JSONDecoder, which rolls it over (to 2 March).
        let rolled =
            #"{"answeredItems":[],"knowledge":[{"date":"2027-02-30T08:00:00Z","item":"x","skill":"@a1","source":"direct","status":"validated"}]}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(
            try LearnerProfile.decodeJSON(Array(rolled.utf8))
                == (try decoder.decode(LearnerProfile.self, from: Data(rolled.utf8))))
        // A status that does not exist, not a profile.
        for bad in [
            #"{"answeredItems":[],"knowledge":[{"date":"2027-01-15T08:00:00Z","item":"x","skill":"@a1","source":"direct","status":"mastered"}]}"#,
            #"{"answeredItems":[]}"#, "[]", "",
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { try LearnerProfile.decodeJSON(Array(bad.utf8)) }
        }
    }

    @Test func nonFiniteAbilityIsRefusedAsByJSONEncoder() {
        var profile = LearnerProfile()
        profile.record(MeasuredAbility(form: "pix-campaign", theta: .nan, standardError: 1, date: fixedDate))
        #expect(throws: EncodingError.self) { try profile.jsonBytes() }
    }
}

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

    @Test func nonFiniteAbilityIsRefusedAsByJSONEncoder() {
        var profile = LearnerProfile()
        profile.record(MeasuredAbility(form: "pix-campaign", theta: .nan, standardError: 1, date: fixedDate))
        #expect(throws: EncodingError.self) { try profile.jsonBytes() }
    }
}

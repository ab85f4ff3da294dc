import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

/// An IRT session and a positioning of one learner finishing at the same time: the IRT session's items
/// and θ and the positioning's knowledge land in the profile together (both merged in their answer's
/// transaction). The service runs in process over a real store: an SQLite file, or a PostgreSQL database.
@Suite("Profile updates of a finishing IRT session racing a positioning (real stores)", .serialized)
struct IRTProfileRaceTests {
    @Test func irtAndPositioningFinishingTogetherBothReachTheProfileOnSQLite() async throws {
        try await Self.irtAndPositioningFinishingTogether(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func irtAndPositioningFinishingTogetherBothReachTheProfileOnPostgreSQL() async throws {
        try await Self.irtAndPositioningFinishingTogether(.postgres)
    }

    static func irtAndPositioningFinishingTogether(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        let releases = try BankReleases(path: Harness.crcnBank)
        let service = JourneyService(releases: releases, store: store)
        let registration = try await service.registerLearner()
        let learner = try await service.authenticate(token: registration.token)
        let engine = releases.current.engine(locale: "fr-FR")

        // The positioning on 1.1, answered right up to its last item.
        let positioning = try await service.startSession(
            learner: learner, request: StartSessionRequest(kind: "positioning", competence: "1.1")
        ).session
        var positioningItems: [String] = []
        var lastPositioning: AnswerRequest?
        while lastPositioning == nil {
            let item = try #require(try await service.servedItem(learner: learner, session: positioning).item)
            let request = AnswerRequest(item: item.id, answer: ScriptedLearner.rightAnswer(to: item))
            positioningItems.append(item.id)
            let record = try #require(try await store.session(id: positioning))
            let state = try #require(
                try JourneyService.decoder.decode(SessionProgress.self, from: Data(record.state.utf8)).journey)
            if try engine.next(try engine.record(state, item: item.id, outcome: .ok, at: Date())) == nil {
                lastPositioning = request
            } else {
                _ = try await service.answer(learner: learner, session: positioning, request: request)
            }
        }
        // The Pix campaign form, answered up to its last (32nd) item.
        let campaign = try await service.startSession(
            learner: learner, request: StartSessionRequest(kind: "pix-campaign")
        )
        .session
        var campaignItems: [String] = []
        var lastCampaign: AnswerRequest?
        while lastCampaign == nil {
            let item = try #require(try await service.servedItem(learner: learner, session: campaign).item)
            let request = AnswerRequest(
                item: item.id,
                answer: campaignItems.count % 2 == 0
                    ? ScriptedLearner.rightAnswer(to: item) : ScriptedLearner.wrongAnswer(to: item))
            campaignItems.append(item.id)
            if campaignItems.count == IRTForm.length {
                lastCampaign = request
            } else {
                _ = try await service.answer(learner: learner, session: campaign, request: request)
            }
        }
        let profileBefore = try await service.profile(learner: learner)
        #expect(profileBefore.answeredItems.isEmpty)
        #expect(profileBefore.abilities.isEmpty)

        let positioningLast = try #require(lastPositioning)
        let campaignLast = try #require(lastCampaign)
        async let a = service.answer(token: registration.token, session: positioning, request: positioningLast)
        async let b = service.answer(token: registration.token, session: campaign, request: campaignLast)
        let replies = try await [a, b]
        #expect(replies.map(\.session.status) == ["finished", "finished"])
        let irt = try #require(replies[1].session.irt)

        let profile = try await service.profile(learner: learner)
        #expect(Set(profile.knowledge.map(\.skill)) == Set((replies[0].session.knowledge ?? []).map(\.skill)))
        #expect(!profile.knowledge.isEmpty)
        #expect(Set(profile.answeredItems) == Set(positioningItems + campaignItems))
        #expect(profile.answeredItems.count == Set(positioningItems + campaignItems).count)
        #expect(profile.abilities.count == 1)
        #expect(profile.abilities.first?.form == "pix-campaign")
        #expect(profile.abilities.first?.theta == irt.theta)
        #expect(profile.abilities.first?.standardError == irt.standardError)
        #expect(profile.abilities.first?.pix == irt.pix)
        try await store.close()
    }
}

@Suite("The profile's IRT abilities: JSON and later sessions")
struct ProfileAbilityTests {
    /// A profile written before IRT forms existed reads with no ability and is written back the same;
    /// one with abilities keeps the latest per form, and a positioning finishing later keeps them.
    @Test func abilitiesSurviveJSONAndLaterPositionings() throws {
        let old = #"{"knowledge":[],"answeredItems":["a","b"]}"#
        let decoded = try JSONDecoder().decode(LearnerProfile.self, from: Data(old.utf8))
        #expect(decoded.abilities.isEmpty)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(decoded), as: UTF8.self)
                == #"{"answeredItems":["a","b"],"knowledge":[]}"#)

        var profile = decoded
        let day = Date(timeIntervalSince1970: 1_800_000_000)
        profile.record(MeasuredAbility(form: "pix-campaign", theta: 0.5, standardError: 0.4, date: day))
        profile.record(MeasuredAbility(form: "pix-certification", theta: 1.25, standardError: 0.3, date: day))
        profile.record(MeasuredAbility(form: "pix-campaign", theta: -0.75, standardError: 0.35, date: day))
        #expect(profile.abilities.map(\.form) == ["pix-certification", "pix-campaign"])
        #expect(profile.abilities.map(\.theta) == [1.25, -0.75])
        let again = try JSONDecoder().decode(LearnerProfile.self, from: try JSONEncoder().encode(profile))
        #expect(again == profile)

        let bank = try Harness.openBank(Harness.crcnBank)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        let state = try engine.startPositioning(competence: "1.1", profile: profile, seed: 7)
        let updated = try engine.updatedProfile(profile, with: state)
        #expect(updated.abilities == profile.abilities)
        #expect(updated.answeredItems == ["a", "b"])
    }
}

/// The scripted learner's answers are valid for every item of the reference bank: the right answer is
/// `ok`, the wrong one is checked (never refused as malformed: a drop-down gets one of its options) and
/// is not `ok`. The IRT forms draw their items at random, so a test answering them must not meet an
/// item the wrong answer does not fit.
@Suite("Scripted answers fit every item of the reference bank")
struct ScriptedAnswerTests {
    @Test func rightAndWrongAnswersFitEveryItem() throws {
        let bank = try Harness.openBank(Harness.crcnBank)
        var dropdowns = 0
        for item in bank.allItems {
            let right = try item.check(ScriptedLearner.rightAnswer(to: item), context: AnswerContext())
            #expect(right.outcome == .ok, "\(item.id)")
            let wrong = try item.check(ScriptedLearner.wrongAnswer(to: item), context: AnswerContext())
            #expect(wrong.outcome != .ok, "\(item.id)")
            if item.responses.contains(where: \.isDropdown) { dropdowns += 1 }
        }
        #expect(dropdowns > 0)
    }
}

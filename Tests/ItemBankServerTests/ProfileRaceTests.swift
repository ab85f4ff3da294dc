import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Logging
import Testing

@testable import ItemBankServer

/// Two sessions of one learner finishing at the same time: both land in the learner's profile (the
/// profile update is merged into the profile as the commit finds it, never computed from an older one
/// and written last).
/// The service runs in process over a real store: an SQLite file, or a PostgreSQL database.
@Suite("Profile updates of concurrently finishing sessions (real stores)", .serialized)
struct ProfileRaceTests {
    @Test func concurrentlyFinishingSessionsBothReachTheProfileOnSQLite() async throws {
        try await Self.concurrentlyFinishingSessions(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func concurrentlyFinishingSessionsBothReachTheProfileOnPostgreSQL() async throws {
        try await Self.concurrentlyFinishingSessions(.postgres)
    }

    @Test func profileUpdatesAreSerialisedOnSQLite() async throws {
        try await Self.profileUpdatesAreSerialised(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func profileUpdatesAreSerialisedOnPostgreSQL() async throws {
        try await Self.profileUpdatesAreSerialised(.postgres)
    }

    static func openStore(_ store: Store, folder: String) async throws -> any LearnerStore {
        let database = try store.database(in: folder)
        let opened: any LearnerStore =
            switch store {
            case .sqlite: try await SQLiteLearnerStore(path: database)
            case .postgres: try PostgresLearnerStore(url: database, logger: Logger(label: "profile-race-tests"))
            }
        #expect(try await opened.migrate() >= 1)
        return opened
    }

    /// Positionings on 1.1 and 2.1 for one learner, answered right up to their last item each; the two
    /// last answers are sent at once. The profile then holds the knowledge elements and answered items
    /// of both sessions.
    static func concurrentlyFinishingSessions(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await openStore(kind, folder: folder)
        let releases = try BankReleases(path: Harness.crcnBank)
        let service = JourneyService(releases: releases, store: store)
        let registration = try await service.registerLearner()
        let learner = try await service.authenticate(token: registration.token)
        let engine = releases.current.engine(locale: "fr-FR")

        var lastAnswers: [(session: String, request: AnswerRequest)] = []
        var answered: [String: [String]] = [:]
        for competence in ["1.1", "2.1"] {
            let started = try await service.startSession(
                learner: learner, request: StartSessionRequest(kind: "positioning", competence: competence))
            let id = started.session
            while true {
                let (_, served) = try await service.servedItem(learner: learner, session: id)
                let item = try #require(served)
                let request = AnswerRequest(item: item.id, answer: ScriptedLearner.rightAnswer(to: item))
                answered[competence, default: []].append(item.id)
                // Would this answer finish the session? (The same engine, on the stored state.)
                let record = try #require(try await store.session(id: id))
                let state = try #require(
                    try JourneyService.decoder.decode(
                        SessionProgress.self, from: Data(record.state.utf8)
                    ).journey)
                let next = try engine.record(state, item: item.id, outcome: .ok, at: Date())
                if try engine.next(next) == nil {
                    lastAnswers.append((id, request))
                    break
                }
                let reply = try await service.answer(learner: learner, session: id, request: request)
                #expect(reply.outcome == "ok")
            }
        }
        #expect(lastAnswers.count == 2)
        let first = lastAnswers[0]
        let second = lastAnswers[1]
        async let a = service.answer(token: registration.token, session: first.session, request: first.request)
        async let b = service.answer(token: registration.token, session: second.session, request: second.request)
        let replies = try await [a, b]
        #expect(replies.map(\.session.status) == ["finished", "finished"])

        let expectedSkills = Set(replies.flatMap { $0.session.knowledge ?? [] }.map(\.skill))
        #expect(!expectedSkills.isEmpty)
        let profile = try await service.profile(learner: learner)
        #expect(Set(profile.knowledge.map(\.skill)) == expectedSkills)
        #expect(Set(profile.answeredItems) == Set(answered.values.flatMap { $0 }))
        #expect(profile.answeredItems.count == answered.values.map(\.count).reduce(0, +))
        for competence in ["1.1", "2.1"] {
            let score = profile.competences.first { $0.competence == competence }
            let fromSession = replies.compactMap { $0.session.competences?.first { $0.competence == competence } }
            #expect(score?.pix == fromSession.first?.pix)
            #expect(score?.level == fromSession.first?.level)
        }
        try await store.close()
    }

    /// The store applies each profile update to the profile as the other commit left it: the first
    /// update takes 300 ms, during which the second commit arrives (PostgreSQL: waits for the lock;
    /// SQLite: commits first, and the first is computed again from its profile); both marks end up in it.
    static func profileUpdatesAreSerialised(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await openStore(kind, folder: folder)
        let learner = "l-race"
        try await store.createLearner(id: learner, tokenHash: String(repeating: "ab", count: 32), at: Date())
        for id in ["a", "b"] {
            try await store.createSession(
                SessionRecord(
                    id: id, learner: learner, kind: "positioning", bankDigest: "d", locale: "fr-FR", state: "{}",
                    answerCount: 0, finished: false, createdAt: Date()))
        }
        func commit(_ session: String, mark: String, hold: Double) -> AnswerCommit {
            AnswerCommit(
                session: session, expectedAnswerCount: 0, state: "{}", finished: true,
                response: ResponseRecord(
                    learner: learner, session: session, item: "item-\(session)", score: 1, outcome: "ok",
                    answeredAt: Date(), bankDigest: "d"),
                profileUpdate: { stored in
                    Thread.sleep(forTimeInterval: hold)
                    return (stored ?? "") + mark
                }, certificate: nil)
        }
        async let a = store.commit(commit("a", mark: "A", hold: 0.3))
        try await Task.sleep(for: .milliseconds(100))
        async let b = store.commit(commit("b", mark: "B", hold: 0))
        #expect(try await [a, b] == [true, true])
        let profile = try await store.profile(learner: learner)
        #expect(profile == "AB" || profile == "BA", "a profile update was lost: \(profile ?? "nil")")
        #expect(try await store.responses().map(\.item).sorted() == ["item-a", "item-b"])
        // The answer count still guards the session: the same commit again records nothing.
        #expect(try await store.commit(commit("a", mark: "C", hold: 0)) == false)
        #expect(try await store.profile(learner: learner)?.count == 2)
        try await store.close()
    }
}

import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

/// The answer path's session cache never changes what is recorded: two services on one store (two
/// instances, each with its own cache) answer one session alternately; each finds its cached copy stale
/// after the other's answer, checks the answer again on a fresh read, and the store holds every answer
/// once, in order.
@Suite("Session cache: stale copies are checked again on the store (real stores)", .serialized)
struct SessionCacheTests {
    @Test func alternatingInstancesOnSQLite() async throws { try await Self.alternatingInstances(.sqlite) }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func alternatingInstancesOnPostgreSQL() async throws { try await Self.alternatingInstances(.postgres) }

    static func alternatingInstances(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        let releases = try BankReleases(path: Harness.crcnBank)
        let first = JourneyService(releases: releases, store: store)
        let second = JourneyService(releases: releases, store: store)
        let registration = try await first.registerLearner()
        var reply = try await first.startSession(
            token: registration.token, request: StartSessionRequest(kind: "positioning", competence: "1.1"))
        #expect(reply.learner == registration.learner)
        #expect(first.sessions.count == 1)
        #expect(second.sessions.count == 0)
        var answered: [String] = []
        var turn = 0
        while let item = reply.item {
            let service = turn % 2 == 0 ? second : first
            let answer = try await service.answer(
                token: registration.token, session: reply.session,
                request: AnswerRequest(item: item.id, answer: .skipped))
            answered.append(item.id)
            #expect(answer.session.answered == answered.count)
            // The item just answered, sent again to the other instance (whose copy may be stale): a 409 that
            // names the item now served, and nothing recorded.
            let other = turn % 2 == 0 ? first : second
            do {
                _ = try await other.answer(
                    token: registration.token, session: reply.session,
                    request: AnswerRequest(item: item.id, answer: .skipped))
                Issue.record("an answered item was accepted again")
            } catch {
                #expect(error.status == 409)
                #expect(error.code == "item-already-answered" || error.code == "session-finished")
            }
            reply = answer.session
            turn += 1
        }
        #expect(answered.count == 4)
        #expect(reply.status == "finished")
        let responses = try await store.responses().filter { $0.session == reply.session }
        #expect(responses.map(\.item) == answered)
        // A finished session leaves both caches.
        #expect(first.sessions.count == 0)
        #expect(second.sessions.count == 0)
        // A wrong token starts nothing and never reads a cached session: 401.
        do {
            _ = try await first.startSession(
                token: String(repeating: "0", count: 32),
                request: StartSessionRequest(kind: "positioning", competence: "1.1"))
            Issue.record("a session was started with a wrong token")
        } catch {
            #expect(error.status == 401)
        }
        do {
            _ = try await first.answer(
                token: String(repeating: "0", count: 32), session: reply.session,
                request: AnswerRequest(item: "x", answer: .skipped))
            Issue.record("a wrong token was accepted")
        } catch {
            #expect(error.status == 401)
        }
        try await store.close()
    }

    @Test("bounded: the oldest sessions leave first, finished ones at once")
    func bounded() throws {
        let cache = SessionCache(capacity: 3)
        func record(_ id: String, finished: Bool = false) -> SessionRecord {
            SessionRecord(
                id: id, learner: "l", kind: "positioning", bankDigest: "d", locale: "fr-FR", state: "{\"big\":1}",
                answerCount: 0, finished: finished, createdAt: Date(timeIntervalSince1970: 0))
        }
        var positioning = SessionProgress()
        positioning.journey = try JSONDecoder().decode(
            SessionState.self, from: Data(#"{"k":"positioning","b":"x","l":"fr-FR","c":[0],"s":1,"a":[],"e":[]}"#.utf8))
        for id in ["a", "b", "c", "d"] { cache.store(record(id), progress: positioning, tokenHash: "h") }
        #expect(cache.count == 3)
        #expect(cache.entry(session: "a", tokenHash: "h") == nil)
        #expect(cache.entry(session: "d", tokenHash: "h")?.record.state == "")
        #expect(cache.entry(session: "d", tokenHash: "h")?.progress.journey == positioning.journey)
        #expect(cache.entry(session: "d", tokenHash: "other") == nil)
        cache.store(record("c", finished: true), progress: positioning, tokenHash: "h")
        #expect(cache.count == 2)
        #expect(cache.entry(session: "c", tokenHash: "h") == nil)
        // Certification and IRT sessions are not held (their state is read from the store), and storing
        // one drops an older copy.
        var certification = SessionProgress()
        certification.certificationAnswers = []
        cache.store(record("d"), progress: certification, tokenHash: "h")
        #expect(cache.entry(session: "d", tokenHash: "h") == nil)
        #expect(cache.count == 1)
        for index in 0..<10_000 { cache.store(record("x\(index)"), progress: positioning, tokenHash: "h") }
        #expect(cache.count == 3)
        #expect(cache.entry(session: "x9999", tokenHash: "h") != nil)
        let none = SessionCache(capacity: 0)
        none.store(record("a"), progress: positioning, tokenHash: "h")
        #expect(none.count == 0)
    }
}

/// The stored state of a positioning, written directly, reads back as the same progress as
/// `JSONEncoder`'s; other kinds still go through `JSONEncoder`.
@Suite("Stored session state")
struct StoredStateTests {
    /// `SessionProgress.journeyAlone` checks every other field: a field added to the progress fails here
    /// until it is checked there too (else its value would be dropped by the direct writer and the cache).
    @Test func journeyAloneChecksEveryField() {
        let fields = Mirror(reflecting: SessionProgress()).children.compactMap(\.label)
        #expect(fields == ["journey", "certification", "certificationAnswers", "certificate", "irt"])
    }

    @Test func positioningStateWrittenDirectly() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(.sqlite, folder: folder)
        let releases = try BankReleases(path: Harness.crcnBank)
        let service = JourneyService(releases: releases, store: store)
        let registration = try await service.registerLearner()
        let reply = try await service.startSession(
            learner: registration.learner, request: StartSessionRequest(kind: "positioning", competence: "2.1"))
        let item = try #require(reply.item)
        _ = try await service.answer(
            learner: registration.learner, session: reply.session,
            request: AnswerRequest(item: item.id, answer: .skipped))
        let record = try #require(try await store.session(id: reply.session))
        #expect(record.state.hasPrefix(#"{"journey":{"k":"positioning","b":""#))
        let progress = try service.decodeProgress(record)
        let state = try #require(progress.journey)
        #expect(state.answers.count == 1)
        let viaEncoder = try JSONDecoder().decode(
            SessionProgress.self, from: JSONEncoder().encode(progress))
        #expect(viaEncoder.journey == state)
        var certification = progress
        certification.certificationAnswers = []
        let mixed = try service.encodeProgress(certification)
        #expect(mixed.contains(#""certificationAnswers":[]"#))
        let back = try JSONDecoder().decode(SessionProgress.self, from: Data(mixed.utf8))
        #expect(back.journey == state)
        #expect(back.certificationAnswers?.isEmpty == true)
        try await store.close()
    }
}

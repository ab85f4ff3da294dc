import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

/// The answer path's shortcuts keep their contract: an answer that changes no profile is committed by
/// one statement (SQLite: an insert into the `answer_commits` view) and still guarded by the answer
/// count; replies with an item screen spliced from the release's cached bytes are the JSON of the
/// whole reply.
@Suite("Answer path: one-statement commits and cached item screens (real stores)", .serialized)
struct AnswerPathTests {
    @Test func oneStatementCommitIsGuardedOnSQLite() async throws {
        try await Self.oneStatementCommitIsGuarded(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func oneStatementCommitIsGuardedOnPostgreSQL() async throws {
        try await Self.oneStatementCommitIsGuarded(.postgres)
    }

    static func oneStatementCommitIsGuarded(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        try await store.createLearner(id: "l-path", tokenHash: String(repeating: "cd", count: 32), at: Date())
        try await store.createSession(
            SessionRecord(
                id: "s", learner: "l-path", kind: "positioning", bankDigest: "d", locale: "fr-FR", state: "{}",
                answerCount: 0, finished: false, createdAt: Date()))
        func commit(expecting count: Int, item: String, finished: Bool = false) -> AnswerCommit {
            AnswerCommit(
                session: "s", expectedAnswerCount: count, state: "{\"n\":\(count + 1)}", finished: finished,
                response: ResponseRecord(
                    learner: "l-path", session: "s", item: item, score: 0, outcome: "skipped",
                    answeredAt: Date(timeIntervalSince1970: 1_800_000_000), bankDigest: "d"),
                profileUpdate: nil, certificate: nil)
        }
        #expect(try await store.commit(commit(expecting: 0, item: "i1")) == true)
        // The same answer count again (a second request for the same item): nothing is written.
        #expect(try await store.commit(commit(expecting: 0, item: "i2")) == false)
        var record = try #require(try await store.session(id: "s"))
        #expect(record.answerCount == 1)
        #expect(record.state == "{\"n\":1}")
        #expect(record.finished == false)
        #expect(try await store.commit(commit(expecting: 1, item: "i2", finished: true)) == true)
        record = try #require(try await store.session(id: "s"))
        #expect(record.answerCount == 2)
        #expect(record.finished == true)
        // A finished session takes no answer, whatever the count.
        #expect(try await store.commit(commit(expecting: 2, item: "i3")) == false)
        let responses = try await store.responses()
        #expect(responses.map(\.item) == ["i1", "i2"])
        #expect(responses.map(\.outcome) == ["skipped", "skipped"])
        #expect(responses.map(\.answeredAt.timeIntervalSince1970) == [1_800_000_000, 1_800_000_000])
        #expect(try await store.profile(learner: "l-path") == nil)
        try await store.close()
    }

    /// The group commit: answers sent at once are recorded together, each exactly once; an answer with
    /// a stale count among them is refused alone (SQLite: its group is committed again without it;
    /// PostgreSQL: the group's statement returns the sessions it recorded, and a second answer to a
    /// session waits for the next group).
    @Test func groupCommitRefusesOnlyTheStaleAnswersOnSQLite() async throws {
        try await Self.groupCommitRefusesOnlyTheStaleAnswers(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func groupCommitRefusesOnlyTheStaleAnswersOnPostgreSQL() async throws {
        try await Self.groupCommitRefusesOnlyTheStaleAnswers(.postgres)
    }

    static func groupCommits(_ store: any LearnerStore) -> Int? {
        (store as? SQLiteLearnerStore)?.groupCommits ?? (store as? PostgresLearnerStore)?.groupCommits
    }

    static func groupCommitRefusesOnlyTheStaleAnswers(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        try await store.createLearner(id: "l-group", tokenHash: String(repeating: "ef", count: 32), at: Date())
        let sessions = (0..<300).map { "s\($0)" }
        for id in sessions {
            try await store.createSession(
                SessionRecord(
                    id: id, learner: "l-group", kind: "positioning", bankDigest: "d", locale: "fr-FR", state: "{}",
                    answerCount: 0, finished: false, createdAt: Date()))
        }
        func commit(_ session: String, expecting count: Int, item: String) -> AnswerCommit {
            AnswerCommit(
                session: session, expectedAnswerCount: count, state: "{\"n\":\(count + 1)}", finished: false,
                response: ResponseRecord(
                    learner: "l-group", session: session, item: item, score: 1, outcome: "ok",
                    answeredAt: Date(timeIntervalSince1970: 1_800_000_000), bankDigest: "d"),
                profileUpdate: nil, certificate: nil)
        }
        // Every session gets its first answer; every tenth also a second request with the same count.
        let groupsBefore = try #require(Self.groupCommits(store))
        let results = try await withThrowingTaskGroup(of: (String, String, Bool).self) { group in
            for (index, id) in sessions.enumerated() {
                group.addTask { (id, "a", try await store.commit(commit(id, expecting: 0, item: "a"))) }
                if index % 10 == 0 {
                    group.addTask { (id, "b", try await store.commit(commit(id, expecting: 0, item: "b"))) }
                }
            }
            var results: [(String, String, Bool)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 330)
        let groups = try #require(Self.groupCommits(store)) - groupsBefore
        #expect(groups < 200, "answers sent at once were grouped (\(groups) groups for 330 commits)")
        // Per session exactly one commit won.
        for id in sessions {
            #expect(results.filter { $0.0 == id && $0.2 }.count == 1, "\(id)")
        }
        #expect(results.filter { !$0.2 }.count == 30)
        let responses = try await store.responses()
        #expect(responses.count == 300)
        #expect(Set(responses.map(\.session)) == Set(sessions))
        for id in sessions.prefix(20) {
            let record = try #require(try await store.session(id: id))
            #expect(record.answerCount == 1)
            let winner = try #require(results.first { $0.0 == id && $0.2 })
            #expect(responses.first { $0.session == id }?.item == winner.1)
        }
        try await store.close()
    }

    /// Session ids and tokens: lower-case hex of the bytes asked for, drawn 8 bytes at a time, never
    /// repeated in 2,000 draws.
    @Test func randomIDsAreHexOfTheirLength() {
        for count in [1, 5, 8, 9, 16] {
            let id = JourneyService.randomHex(bytes: count)
            #expect(id.count == 2 * count)
            #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set((0..<2_000).map { _ in JourneyService.randomHex(bytes: 16) }).count == 2_000)
    }

    /// SQLite's reads run on their own connection: they do not wait for the store's lock, and they do
    /// not see a write transaction's rows before its commit.
    @Test(.timeLimit(.minutes(1))) func readsNeitherWaitForNorSeeAnOpenTransaction() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try #require(try await ProfileRaceTests.openStore(.sqlite, folder: folder) as? SQLiteLearnerStore)
        try await store.createLearner(id: "l-seen", tokenHash: String(repeating: "a1", count: 32), at: Date())
        let inside = try await store.lock.withLock {
            try await store.transaction {
                _ = try await store.connection.query(
                    "INSERT INTO learners (id, token_hash, created_at) VALUES ('l-pending', ?, 0)",
                    [.text(String(repeating: "b2", count: 32))])
                let started = Date()
                let pending = try await store.learner(tokenHash: String(repeating: "b2", count: 32))
                let seen = try await store.learner(tokenHash: String(repeating: "a1", count: 32))
                return (pending, seen, Date().timeIntervalSince(started))
            }
        }
        #expect(inside.0 == nil)
        #expect(inside.1 == "l-seen")
        #expect(inside.2 < 1)
        #expect(try await store.learner(tokenHash: String(repeating: "b2", count: 32)) == "l-pending")
        try await store.close()
    }

    /// A store released without `close()` (a test or a start-up path that threw) closes its connection
    /// and its lock: the process goes on, and the file opens again with what was written.
    @Test func storeReleasedWithoutCloseClosesItsConnection() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try await ProfileRaceTests.openStore(.sqlite, folder: folder)
            try await store.createLearner(id: "l-drop", tokenHash: String(repeating: "d0", count: 32), at: Date())
        }
        try await Task.sleep(for: .milliseconds(100))
        let store = try await ProfileRaceTests.openStore(.sqlite, folder: folder)
        #expect(try await store.learner(tokenHash: String(repeating: "d0", count: 32)) == "l-drop")
        try await store.close()
    }

    /// The group commit of new sessions: sessions started together are written together; one that
    /// cannot be written (its learner does not exist) fails alone, with the driver's error.
    @Test func groupedSessionStartsFailAloneOnSQLite() async throws {
        try await Self.groupedSessionStartsFailAlone(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func groupedSessionStartsFailAloneOnPostgreSQL() async throws {
        try await Self.groupedSessionStartsFailAlone(.postgres)
    }

    static func groupedSessionStartsFailAlone(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        let groupsBefore = try #require(Self.groupCommits(store))
        try await store.createLearner(id: "l-start", tokenHash: String(repeating: "5a", count: 32), at: Date())
        let ids = (0..<120).map { "s\($0)" }
        let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
            for id in ids {
                group.addTask {
                    let learner = id == "s60" ? "l-nobody" : "l-start"
                    do {
                        try await store.createSession(
                            SessionRecord(
                                id: id, learner: learner, kind: "positioning", bankDigest: "d", locale: "fr-FR",
                                state: "{\"id\":\"\(id)\"}", answerCount: 0, finished: false,
                                createdAt: Date(timeIntervalSince1970: 1_800_000_000)))
                        return (id, true)
                    } catch {
                        return (id, false)
                    }
                }
            }
            var outcomes: [String: Bool] = [:]
            for await (id, written) in group { outcomes[id] = written }
            return outcomes
        }
        #expect(outcomes.filter { !$0.value }.map(\.key) == ["s60"])
        for id in ids where id != "s60" {
            let record = try #require(try await store.session(id: id))
            #expect(record.state == "{\"id\":\"\(id)\"}")
            #expect(record.learner == "l-start")
        }
        #expect(try await store.session(id: "s60") == nil)
        let groups = try #require(Self.groupCommits(store)) - groupsBefore
        #expect(groups < 120, "sessions started together were grouped (\(groups) groups for 120 starts)")
        try await store.close()
    }

    /// Sessions of one learner finishing all at once (on SQLite, rows of the same group commits, each
    /// computed from the profile it read): every session's update reaches the profile exactly once,
    /// with its certificate, and the answers of other sessions sent meanwhile are all recorded.
    @Test func finishingCommitsAllReachTheProfileOnSQLite() async throws {
        try await Self.finishingCommitsAllReachTheProfile(.sqlite)
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func finishingCommitsAllReachTheProfileOnPostgreSQL() async throws {
        try await Self.finishingCommitsAllReachTheProfile(.postgres)
    }

    static func finishingCommitsAllReachTheProfile(_ kind: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(kind, folder: folder)
        try await store.createLearner(id: "l-finish", tokenHash: String(repeating: "0f", count: 32), at: Date())
        try await store.createLearner(id: "l-other", tokenHash: String(repeating: "f0", count: 32), at: Date())
        let finishing = (0..<40).map { "f\($0)" }
        let running = (0..<60).map { "r\($0)" }
        for id in finishing + running {
            try await store.createSession(
                SessionRecord(
                    id: id, learner: id.hasPrefix("f") ? "l-finish" : "l-other", kind: "certification",
                    bankDigest: "d", locale: "fr-FR", state: "{}", answerCount: 0, finished: false,
                    createdAt: Date()))
        }
        @Sendable func commit(_ session: String) -> AnswerCommit {
            let isFinishing = session.hasPrefix("f")
            return AnswerCommit(
                session: session, expectedAnswerCount: 0, state: "{}", finished: isFinishing,
                response: ResponseRecord(
                    learner: isFinishing ? "l-finish" : "l-other", session: session, item: "i-\(session)", score: 1,
                    outcome: "ok", answeredAt: Date(timeIntervalSince1970: 1_800_000_000), bankDigest: "d"),
                profileUpdate: isFinishing ? { @Sendable stored in (stored ?? "") + "<\(session)>" } : nil,
                certificate: isFinishing ? "{\"session\":\"\(session)\"}" : nil)
        }
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for id in zip(finishing, running).flatMap({ [$0, $1] }) + running.dropFirst(finishing.count) {
                group.addTask { try await store.commit(commit(id)) }
            }
            var results: [Bool] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results == Array(repeating: true, count: 100))
        let profile = try #require(try await store.profile(learner: "l-finish"))
        for id in finishing {
            #expect(profile.components(separatedBy: "<\(id)>").count == 2, "\(id) in \(profile)")
        }
        #expect(profile.count == finishing.map { $0.count + 2 }.reduce(0, +))
        #expect(try await store.profile(learner: "l-other") == nil)
        #expect(try await store.certificates(learner: "l-finish").count == 40)
        #expect(try await store.responses().count == 100)
        try await store.close()
    }

    /// PostgreSQL's one-statement finishing write: it records the session's last answer, its profile
    /// and its certificate only when both the answer count and the stored profile are the expected ones,
    /// and writes nothing otherwise (a stale count: 0; a profile that moved, or appeared: 2).
    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func finishingWriteChecksCountAndProfileOnPostgreSQL() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let opened = try await ProfileRaceTests.openStore(.postgres, folder: folder)
        let store = try #require(opened as? PostgresLearnerStore)
        try await store.createLearner(id: "l-last", tokenHash: String(repeating: "1e", count: 32), at: Date())
        for id in ["s1", "s2", "s3"] {
            try await store.createSession(
                SessionRecord(
                    id: id, learner: "l-last", kind: "certification", bankDigest: "d", locale: "fr-FR", state: "{}",
                    answerCount: 2, finished: false, createdAt: Date()))
        }
        func write(_ session: String, count: Int, profile: String, expected: String?) async throws -> [Int] {
            let answer = AnswerCommit(
                session: session, expectedAnswerCount: count, state: "{\"done\":true}", finished: true,
                response: ResponseRecord(
                    learner: "l-last", session: session, item: "i-\(session)", score: 1, outcome: "ok",
                    answeredAt: Date(timeIntervalSince1970: 1_800_000_000), bankDigest: "d"),
                profileUpdate: { _ in profile }, certificate: "{\"session\":\"\(session)\"}")
            var outcomes: [Int] = []
            for try await outcome in try await store.client.execute(
                PostgresLearnerStore.FinishingWrite(
                    answer: answer, profile: profile, expectedProfile: expected, now: 1_800_000_001),
                logger: store.logger)
            {
                outcomes.append(outcome)
            }
            return outcomes
        }
        // A stale count, then a profile expected where there is none yet: nothing written.
        #expect(try await write("s1", count: 1, profile: "P1", expected: nil) == [0])
        #expect(try await write("s1", count: 2, profile: "P1", expected: "P0") == [2])
        #expect(try await store.profile(learner: "l-last") == nil)
        #expect(try await store.session(id: "s1")?.answerCount == 2)
        // The first profile, then the next one from it.
        #expect(try await write("s1", count: 2, profile: "P1", expected: nil) == [1])
        #expect(try await write("s2", count: 2, profile: "P1+P2", expected: "P1") == [1])
        // From a profile that moved since (and from none, now that there is one): nothing written.
        #expect(try await write("s3", count: 2, profile: "P1+P3", expected: "P1") == [2])
        #expect(try await write("s3", count: 2, profile: "P3", expected: nil) == [2])
        // A finished session takes no answer.
        #expect(try await write("s1", count: 3, profile: "P9", expected: "P1+P2") == [0])
        #expect(try await store.profile(learner: "l-last") == "P1+P2")
        let s1 = try #require(try await store.session(id: "s1"))
        #expect(s1.answerCount == 3)
        #expect(s1.finished)
        #expect(s1.state == "{\"done\":true}")
        #expect(try await store.session(id: "s3")?.answerCount == 2)
        #expect(try await store.session(id: "s3")?.finished == false)
        #expect(try await store.responses().map(\.item) == ["i-s1", "i-s2"])
        #expect(
            try await store.certificates(learner: "l-last") == [#"{"session":"s1"}"#, #"{"session":"s2"}"#])
        // The store's commit reads the profile as it is now and writes the update of it.
        let last = AnswerCommit(
            session: "s3", expectedAnswerCount: 2, state: "{}", finished: true,
            response: ResponseRecord(
                learner: "l-last", session: "s3", item: "i-s3", score: 0, outcome: "ko",
                answeredAt: Date(timeIntervalSince1970: 1_800_000_000), bankDigest: "d"),
            profileUpdate: { stored in (stored ?? "") + "+P3" }, certificate: nil)
        #expect(try await store.commit(last) == true)
        #expect(try await store.profile(learner: "l-last") == "P1+P2+P3")
        #expect(try await store.certificates(learner: "l-last").count == 2)
        try await store.close()
    }

    /// Session and answer replies with an item, written directly with the cached screen, are byte for
    /// byte the whole reply encoded by `JSONEncoder` (sorted keys), with per-response detail; a finished
    /// session's reply too.
    @Test func directRepliesAreTheWholeRepliesJSON() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await ProfileRaceTests.openStore(.sqlite, folder: folder)
        let releases = try BankReleases(path: Harness.crcnBank)
        let service = JourneyService(releases: releases, store: store)
        let registration = try await service.registerLearner()
        let learner = try await service.authenticate(token: registration.token)
        func whole<Reply: Encodable>(_ reply: Reply) throws -> String {
            String(decoding: try ReplyJSON.encoder.encode(reply), as: UTF8.self)
        }
        var answers = 0
        var total = 0
        var detailed = 0
        for competence in ["1.1", "3.1", "2.1", "5.1"] {
            var reply = try await service.startSession(
                learner: learner, request: StartSessionRequest(kind: "positioning", competence: competence))
            let first = String(decoding: try ReplyJSON.encode(reply, releases: releases), as: UTF8.self)
            #expect(first == (try whole(reply)))
            #expect(first.contains(#""item":{"#) && first.contains(#""number":1,"#))
            while let item = reply.item {
                // Every other answer a real one, so that replies carry outcomes and per-response detail
                // (qroc, qrocm).
                func text(_ response: ItemScreen.Response?) -> String {
                    response?.options?.first ?? (response?.format == "number" ? "12" : #"a "b" c\\d/é"#)
                }
                let given: LearnerAnswer =
                    switch (answers % 2, item.answerShape) {
                    case (0, _): .skipped
                    case (_, "choices"): .choices([1])
                    case (_, "text"): .text(text(item.responses?.first))
                    default: .texts(Dictionary(uniqueKeysWithValues: (item.responses ?? []).map { ($0.id, text($0)) }))
                    }
                let answer = try await service.answer(
                    learner: learner, session: reply.session, request: AnswerRequest(item: item.id, answer: given))
                if answer.responses != nil { detailed += 1 }
                answers += 1
                total += 1
                let spliced = String(decoding: try ReplyJSON.encode(answer, releases: releases), as: UTF8.self)
                #expect(spliced == (try whole(answer)))
                if let next = answer.session.item {
                    #expect(next.number == answers + 1)
                    #expect(spliced.contains(#""number":\#(answers + 1),"#))
                    // The session read back (resume) is spliced from the same cached screen.
                    let resumed = try await service.session(learner: learner, id: reply.session)
                    #expect(
                        String(decoding: try ReplyJSON.encode(resumed, releases: releases), as: UTF8.self)
                            == (try whole(resumed)))
                } else {
                    #expect(answer.session.status == "finished")
                }
                reply = answer.session
            }
            #expect(
                String(decoding: try ReplyJSON.encode(reply, releases: releases), as: UTF8.self) == (try whole(reply)))
            answers = 0
        }
        #expect(total > 2)
        #expect(detailed > 0)
        try await store.close()
    }
}

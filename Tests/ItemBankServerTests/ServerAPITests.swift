import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@Suite("itembank-server over HTTP (built binary, SQLite store)", .serialized)
struct ServerAPITests {
    @Test func fullPositioningSession() async throws { try await Self.fullPositioningSession(.sqlite) }
    @Test func noKeyInLearnerFacingReplies() async throws { try await Self.noKeyInLearnerFacingReplies(.sqlite) }
    @Test func killNineThenResume() async throws { try await Self.killNineThenResume(.sqlite) }
    @Test func bankReloadByRename() async throws { try await Self.bankReloadByRename(.sqlite) }

    /// A full positioning: every item answered (right, then alternately wrong), the result equal to the
    /// journey engine's for the same answers, the profile persisting the knowledge elements.
    static func fullPositioningSession(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: try store.database(in: folder))
        defer { server.stop() }
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        let run = try await driver.run(["kind": "positioning", "competence": "1.1"]) { item, index in
            index % 3 == 1 ? ScriptedLearner.wrongAnswer(to: item) : ScriptedLearner.rightAnswer(to: item)
        }
        #expect(run.final["status"] as? String == "finished")
        #expect(run.final["kind"] as? String == "positioning")
        #expect(run.final["bankDigest"] as? String == bank.contentDigest)
        #expect(run.answers.count >= 2)
        #expect(run.answers.enumerated().allSatisfy { $0.element.outcome == ($0.offset % 3 == 1 ? "ko" : "ok") })

        // The same answers replayed on the engine give the same scores.
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        var state = try engine.startPositioning(competence: "1.1", seed: 7)
        for answer in run.answers {
            state = try engine.record(
                state, item: answer.item, outcome: answer.outcome == "ok" ? .ok : .ko, at: Date())
        }
        let expected = try engine.result(state)
        let competences = run.final["competences"] as? [[String: Any]] ?? []
        #expect(competences.count == 1)
        #expect(competences.first?["competence"] as? String == "1.1")
        #expect(competences.first?["pix"] as? Int == expected.competences[0].pix)
        #expect(competences.first?["level"] as? Int == expected.competences[0].level)
        #expect((run.final["knowledge"] as? [Any])?.count == expected.knowledge.count)

        // The profile keeps the knowledge elements and the answered items.
        let profile = try await server.request("GET", "/v1/learner", token: learner.token)
        #expect(profile.status == 200)
        let object = try profile.json()
        #expect((object["knowledge"] as? [Any])?.count == expected.knowledge.count)
        #expect((object["answeredItems"] as? [String]) == run.answers.map(\.item))
        let score = (object["competences"] as? [[String: Any]])?.first { $0["competence"] as? String == "1.1" }
        #expect(score?["pix"] as? Int == expected.competences[0].pix)

        // Resume of a finished session gives the result; another learner's token does not see it.
        let resumed = try await server.request("GET", "/v1/sessions/\(run.sessionID)", token: learner.token)
        #expect(try resumed.json()["status"] as? String == "finished")
        let other = try await server.newLearner()
        let foreign = try await server.request("GET", "/v1/sessions/\(run.sessionID)", token: other.token)
        #expect(foreign.status == 404)
        #expect(foreign.contentType == "application/problem+json")

        // The responses export for calibration: person,item,score first, one row per answer.
        let csv = try await server.request("GET", "/v1/admin/responses", token: server.adminToken)
        #expect(csv.status == 200)
        let lines = csv.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "person,item,score,answered_at,bank_digest")
        #expect(lines.count == run.answers.count + 1)
        for (line, answer) in zip(lines.dropFirst(), run.answers) {
            let fields = line.split(separator: ",").map(String.init)
            #expect(fields.count == 5)
            #expect(fields[0] == learner.id)
            #expect(fields[1] == answer.item)
            #expect(fields[2] == (answer.outcome == "ok" ? "1" : "0"))
            #expect(fields[4] == bank.contentDigest)
        }
    }

    /// No learner-facing reply carries a key, an accepted answer, a solution or a calibration: every
    /// competence positioned, every served item checked against the bank's own keys and answers.
    static func noKeyInLearnerFacingReplies(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: try store.database(in: folder))
        defer { server.stop() }
        let forbiddenKeys: Set<String> = [
            "key", "isKey", "keys", "keyPositions", "acceptedAnswer", "acceptedAnswers", "accept", "solution",
            "calibration", "discrimination", "difficulty", "answerGroups", "tolerances",
        ]
        var served = Set<String>()
        for competence in bank.allCompetences.map(\.code) {
            let learner = try await server.newLearner()
            let driver = SessionDriver(server: server, token: learner.token, bank: bank)
            let run = try await driver.run(["kind": "positioning", "competence": competence]) { item, index in
                // The wrong answer to a drop-down is one of its options (ScriptedAnswerTests).
                index % 2 == 0 ? ScriptedLearner.rightAnswer(to: item) : ScriptedLearner.wrongAnswer(to: item)
            }
            for body in run.bodies {
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
                var keys = Set<String>()
                var strings = Set<String>()
                Self.collect(object, keys: &keys, strings: &strings)
                #expect(keys.isDisjoint(with: forbiddenKeys), "forbidden field in \(body.prefix(200))")
                // The items this reply is about (served or answered): another item's drop-down may list,
                // as an option a learner sees, a word that is an accepted answer here.
                for answer in run.answers where strings.contains(answer.item) {
                    guard let item = bank.item(id: answer.item) else { continue }
                    for response in item.responses where !response.isDropdown {
                        for accepted in response.acceptedAnswers {
                            #expect(!strings.contains(accepted), "accepted answer \(accepted) of \(item.id) sent")
                        }
                    }
                    if let solution = item.solution, !solution.isEmpty {
                        #expect(!body.contains(Self.jsonEscaped(solution)), "solution of \(item.id) sent")
                    }
                }
            }
            served.formUnion(run.answers.map(\.item))
        }
        #expect(served.count >= bank.competenceCount)
    }

    static func collect(_ value: Any, keys: inout Set<String>, strings: inout Set<String>) {
        if let dictionary = value as? [String: Any] {
            for (key, inner) in dictionary {
                keys.insert(key)
                collect(inner, keys: &keys, strings: &strings)
            }
        } else if let array = value as? [Any] {
            for inner in array { collect(inner, keys: &keys, strings: &strings) }
        } else if let string = value as? String {
            strings.insert(string)
        }
    }

    static func jsonEscaped(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        return String(String(decoding: data, as: UTF8.self).dropFirst(2).dropLast(2))
    }

    /// kill -9 mid-session, restart on the same store: the session resumes at the same item with every
    /// acknowledged answer.
    static func killNineThenResume(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let database = try store.database(in: folder)
        var server = try ServerProcess(bank: Harness.crcnBank, database: database)
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        let run = try await driver.run(["kind": "positioning", "competence": "3.1"], limit: 3) { item, _ in
            ScriptedLearner.rightAnswer(to: item)
        }
        #expect(run.answers.count == 3)
        let pending = (run.final["item"] as? [String: Any])?["id"] as? String
        #expect(pending != nil)
        server.kill9()

        server = try ServerProcess(bank: Harness.crcnBank, database: database)
        defer { server.stop() }
        let resumed = try await server.request("GET", "/v1/sessions/\(run.sessionID)", token: learner.token)
        #expect(resumed.status == 200)
        let object = try resumed.json()
        #expect(object["answered"] as? Int == 3)
        #expect((object["item"] as? [String: Any])?["id"] as? String == pending)
        #expect((object["item"] as? [String: Any])?["number"] as? Int == 4)
        let csv = try await server.request("GET", "/v1/admin/responses", token: server.adminToken)
        let items = csv.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }.map(String.init)
        #expect(items == run.answers.map(\.item))
        // The session goes on after the restart.
        let next = try await server.request(
            "POST", "/v1/sessions/\(run.sessionID)/answers", token: learner.token,
            json: [
                "item": pending ?? "",
                "answer": try SessionDriver.json(
                    ScriptedLearner.rightAnswer(to: bank.item(id: pending ?? "") ?? bank.allItems[0])),
            ])
        #expect(next.status == 200)
        #expect((try next.json()["session"] as? [String: Any])?["answered"] as? Int == 4)
    }

    /// A new release by rename: new sessions use it, a running session finishes on its own; a file that
    /// fails verification is refused and the release keeps serving.
    static func bankReloadByRename(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let live = folder + "/live.itembank"
        try FileManager.default.copyItem(atPath: Harness.crcnBank, toPath: live)
        let first = try Harness.openBank(Harness.crcnBank)
        let second = try Harness.openBank(Harness.crcnNextRelease)
        #expect(first.contentDigest != second.contentDigest)
        let server = try ServerProcess(bank: live, database: try store.database(in: folder))
        defer { server.stop() }
        let learner = try await server.newLearner()
        let started = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "1.2"])
        let running = try started.json()
        #expect(running["bankDigest"] as? String == first.contentDigest)

        // Publish the next release by rename.
        try FileManager.default.copyItem(atPath: Harness.crcnNextRelease, toPath: folder + "/next.tmp")
        #expect(rename(folder + "/next.tmp", live) == 0)
        var release: [String: Any] = [:]
        for _ in 0..<100 {
            release = try await server.request("GET", "/v1/admin/release", token: server.adminToken).json()
            if release["contentDigest"] as? String == second.contentDigest { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(release["contentDigest"] as? String == second.contentDigest)
        #expect(release["version"] as? String == "1.0.1")
        #expect(Set(release["releases"] as? [String] ?? []) == [first.contentDigest, second.contentDigest])
        let fresh = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "1.2"])
        #expect(try fresh.json()["bankDigest"] as? String == second.contentDigest)

        // The running session finishes on the first release.
        let driver = SessionDriver(server: server, token: learner.token, bank: first)
        let sessionID = running["session"] as? String ?? ""
        var session = running
        var count = 0
        while let item = session["item"] as? [String: Any], let id = item["id"] as? String,
            let view = first.item(id: id)
        {
            let reply = try await server.request(
                "POST", "/v1/sessions/\(sessionID)/answers", token: learner.token,
                json: ["item": id, "answer": try SessionDriver.json(ScriptedLearner.rightAnswer(to: view))])
            #expect(reply.status == 200)
            session = try reply.json()["session"] as? [String: Any] ?? [:]
            count += 1
        }
        _ = driver
        #expect(count > 0)
        #expect(session["status"] as? String == "finished")
        #expect(session["bankDigest"] as? String == first.contentDigest)

        // A corrupt file is refused; the second release keeps serving.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Harness.crcnBank)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/bad.tmp"))
        #expect(rename(folder + "/bad.tmp", live) == 0)
        let reload = try await server.request("POST", "/v1/admin/reload", token: server.adminToken)
        #expect(reload.status == 422)
        #expect(reload.contentType == "application/problem+json")
        #expect(try reload.json()["type"] as? String == "urn:itembank:problem:bank-refused")
        let after = try await server.request("GET", "/v1/admin/release", token: server.adminToken)
        #expect(try after.json()["contentDigest"] as? String == second.contentDigest)
        let still = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "2.1"])
        #expect(still.status == 201)
        #expect(try still.json()["bankDigest"] as? String == second.contentDigest)
    }
}

@Suite(
    "itembank-server over HTTP (built binary, PostgreSQL store)", .serialized,
    .enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
struct ServerPostgresTests {
    @Test func fullPositioningSession() async throws { try await ServerAPITests.fullPositioningSession(.postgres) }
    @Test func noKeyInLearnerFacingReplies() async throws {
        try await ServerAPITests.noKeyInLearnerFacingReplies(.postgres)
    }
    @Test func killNineThenResume() async throws { try await ServerAPITests.killNineThenResume(.postgres) }
    @Test func bankReloadByRename() async throws { try await ServerAPITests.bankReloadByRename(.postgres) }

    /// Two server processes on one database serve one learner's session alternately (a round-robin
    /// client); the same answer sent to both at once is recorded once (the other gets 409).
    @Test func twoInstancesServeOneSessionAlternately() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let database = try Store.postgres.database(in: folder)
        let first = try ServerProcess(bank: Harness.crcnBank, database: database)
        defer { first.stop() }
        let second = try ServerProcess(bank: Harness.crcnBank, database: database)
        defer { second.stop() }
        let servers = [first, second]
        let learner = try await first.newLearner()
        let started = try await second.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "2.1"])
        #expect(started.status == 201)
        var session = try started.json()
        let id = session["session"] as? String ?? ""
        var answered: [String] = []
        var turn = 0
        while let item = session["item"] as? [String: Any], let itemID = item["id"] as? String,
            let view = bank.item(id: itemID)
        {
            let answer = try SessionDriver.json(ScriptedLearner.rightAnswer(to: view))
            if answered.count == 1 {
                // Both instances at once: exactly one records it.
                let body = try JSONSerialization.data(withJSONObject: ["item": itemID, "answer": answer])
                let path = "/v1/sessions/\(id)/answers"
                let token = learner.token
                async let a = first.request("POST", path, token: token, raw: body)
                async let b = second.request("POST", path, token: token, raw: body)
                let replies = try await [a, b]
                #expect(replies.map(\.status).sorted() == [200, 409])
                let winner = try #require(replies.first { $0.status == 200 })
                session = try winner.json()["session"] as? [String: Any] ?? [:]
            } else {
                let reply = try await servers[turn % 2].request(
                    "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                    json: ["item": itemID, "answer": answer])
                #expect(reply.status == 200, "\(reply.text)")
                session = try reply.json()["session"] as? [String: Any] ?? [:]
            }
            answered.append(itemID)
            turn += 1
            // The other instance sees the same state.
            let seen = try await servers[turn % 2].request("GET", "/v1/sessions/\(id)", token: learner.token).json()
            #expect(seen["answered"] as? Int == answered.count)
        }
        #expect(answered.count >= 2)
        #expect(session["status"] as? String == "finished")
        let csv = try await first.request("GET", "/v1/admin/responses", token: first.adminToken)
        #expect(csv.text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) } == answered)
        let profile = try await second.request("GET", "/v1/learner", token: learner.token).json()
        #expect((profile["answeredItems"] as? [String]) == answered)
    }
}

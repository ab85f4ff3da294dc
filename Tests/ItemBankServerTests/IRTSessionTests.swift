import AdaptiveTesting
import Foundation
import ItemBankRuntime
import ItemBankServer
import Testing

@Suite("itembank-server IRT forms as session kinds (built binary, SQLite store)", .serialized)
struct IRTSessionTests {
    @Test func pixCampaignFormResumesAndScores() async throws {
        try await Self.pixCampaignFormResumesAndScores(.sqlite)
    }
    @Test func pixCertificationFormNeedsEligibility() async throws {
        try await Self.pixCertificationFormNeedsEligibility(.sqlite)
    }

    /// Replays `answers` on the engine the server uses: the estimate the server gave must be this one.
    static func replay(
        _ answers: [(item: String, outcome: String)], bank: Bank, settings: CATSettings
    ) throws -> AbilityEstimate {
        let pool = try BankItemPool(bank: bank)
        let engine = try CATEngine(pool: pool.pool, settings: settings)
        var session = engine.startSession(seed: 1)
        for answer in answers {
            let index = try #require(bank.item(id: answer.item)?.index)
            let position = try #require(pool.bankItems.firstIndex(of: index))
            try engine.record(item: position, correct: answer.outcome == "ok", in: &session)
        }
        return session.estimate
    }

    /// Checks a finished IRT session's result against the engine's replay of its answers.
    static func expectResult(
        _ final: [String: Any], form: String, answers: [(item: String, outcome: String)], bank: Bank,
        settings: CATSettings
    ) throws {
        #expect(final["status"] as? String == "finished")
        #expect(final["kind"] as? String == form)
        let result = try #require(final["irt"] as? [String: Any])
        #expect(result["form"] as? String == form)
        #expect(result["stopReason"] as? String == "maximum-length")
        let expected = try replay(answers, bank: bank, settings: settings)
        let theta = try #require(result["theta"] as? Double)
        #expect(abs(theta - expected.theta) < 1e-9)
        #expect(abs((result["standardError"] as? Double ?? -1) - expected.standardError) < 1e-9)
        #expect(result["pix"] as? Int == CertificationScoring.pix.score(theta: expected.theta))
        let levels = CertificationScoring.pix.result(theta: expected.theta, levels: CompetenceLevels(bank: bank))
        let competences = try #require(result["competences"] as? [[String: Any]])
        #expect(competences.count == bank.competenceCount)
        #expect(competences.map { $0["competence"] as? String } == levels.competences.map(\.competence))
        #expect(competences.map { $0["level"] as? Int } == levels.competences.map(\.level))
    }

    /// A Pix campaign form: 32 items, none twice, no key in any reply, a kill -9 after 5 answers and the
    /// session resumes at the same item; θ, its error and the pix equal the engine's for the same answers.
    static func pixCampaignFormResumesAndScores(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let database = try store.database(in: folder)
        var server = try ServerProcess(bank: Harness.crcnBank, database: database)
        let learner = try await server.newLearner()
        let started = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "pix-campaign"])
        #expect(started.status == 201, "\(started.text)")
        var session = try started.json()
        let id = try #require(session["session"] as? String)
        var answers: [(item: String, outcome: String)] = []
        while let item = session["item"] as? [String: Any], let itemID = item["id"] as? String {
            #expect(!(item.keys.contains("calibration") || item.keys.contains("difficulty")))
            let view = try #require(bank.item(id: itemID))
            let answer =
                answers.count % 3 == 2 ? ScriptedLearner.wrongAnswer(to: view) : ScriptedLearner.rightAnswer(to: view)
            let reply = try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": try SessionDriver.json(answer)])
            #expect(reply.status == 200, "\(reply.text)")
            let object = try reply.json()
            answers.append((itemID, object["outcome"] as? String ?? "?"))
            session = object["session"] as? [String: Any] ?? [:]
            if answers.count == 5 {
                let pending = (session["item"] as? [String: Any])?["id"] as? String
                server.kill9()
                server = try ServerProcess(bank: Harness.crcnBank, database: database)
                session = try await server.request("GET", "/v1/sessions/\(id)", token: learner.token).json()
                #expect(session["answered"] as? Int == 5)
                #expect((session["item"] as? [String: Any])?["id"] as? String == pending)
            }
        }
        defer { server.stop() }
        #expect(answers.count == IRTForm.length)
        #expect(Set(answers.map(\.item)).count == answers.count)
        try expectResult(session, form: "pix-campaign", answers: answers, bank: bank, settings: .pixCampaign())
        let again = try await server.request("GET", "/v1/sessions/\(id)", token: learner.token).json()
        #expect((again["irt"] as? [String: Any])?["pix"] as? Int == (session["irt"] as? [String: Any])?["pix"] as? Int)
        let late = try await server.request(
            "POST", "/v1/sessions/\(id)/answers", token: learner.token,
            json: ["item": answers[0].item, "answer": ["skipped": true]])
        #expect(late.status == 409)
    }

    /// A Pix v3 certification form needs eligibility (level 1 in 5 competences), then runs 32 items and
    /// gives θ and the v3 score.
    static func pixCertificationFormNeedsEligibility(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: try store.database(in: folder))
        defer { server.stop() }
        let learner = try await server.newLearner()
        let refused = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "pix-certification"])
        #expect(refused.status == 422)
        #expect(try refused.json()["type"] as? String == "urn:itembank:problem:not-eligible")
        let withCompetence = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "pix-campaign", "competence": "1.1"])
        #expect(withCompetence.status == 422)
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        for competence in ["1.1", "1.2", "1.3", "2.1", "2.2"] {
            _ = try await driver.run(["kind": "positioning", "competence": competence]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
        }
        let run = try await driver.run(["kind": "pix-certification"]) { item, index in
            index % 2 == 0 ? ScriptedLearner.rightAnswer(to: item) : .skipped
        }
        #expect(run.answers.count == IRTForm.length)
        try expectResult(
            run.final, form: "pix-certification", answers: run.answers, bank: bank, settings: .pixCertification())
    }
}

@Suite(
    "itembank-server IRT forms as session kinds (built binary, PostgreSQL store)", .serialized,
    .enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
struct IRTSessionPostgresTests {
    @Test func pixCampaignFormResumesAndScores() async throws {
        try await IRTSessionTests.pixCampaignFormResumesAndScores(.postgres)
    }
    @Test func pixCertificationFormNeedsEligibility() async throws {
        try await IRTSessionTests.pixCertificationFormNeedsEligibility(.postgres)
    }
}

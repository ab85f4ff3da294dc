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
    @Test func pixCertificationStoppedEarlyAtTheMinimumIsValidated() async throws {
        try await Self.pixCertificationStoppedEarly(.sqlite, calibratedItems: 20)
    }
    @Test func pixCertificationStoppedEarlyBelowTheMinimumIsRejected() async throws {
        try await Self.pixCertificationStoppedEarly(.sqlite, calibratedItems: 18)
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
        #expect(session["certificate"] == nil)
        let certificates = try await server.request("GET", "/v1/learner/certificates", token: learner.token).json()
        #expect((certificates["certificates"] as? [Any])?.count == 0)
        // The profile: the 32 items as answered (in the order asked) and the form's θ.
        let profile = try await server.request("GET", "/v1/learner", token: learner.token).json()
        #expect(profile["answeredItems"] as? [String] == answers.map(\.item))
        #expect((profile["knowledge"] as? [Any])?.count == 0)
        try expectAbilities(profile, [session])
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
        let taken = Certificate.days(takenAt: Date(), validityYears: 3)
        let certificate = try expectCertificate(
            run.final, status: "validated", answered: IRTForm.length, stopReason: "maximum-length", taken: taken)
        #expect(certificate["pix"] as? Int == (run.final["irt"] as? [String: Any])?["pix"] as? Int)
        #expect((certificate["pix"] as? Int ?? 0) > 0)
        #expect(
            (certificate["competences"] as? NSArray)
                == ((run.final["irt"] as? [String: Any])?["competences"] as? NSArray))
        try await expectStored(certificate, server: server, token: learner.token)
        // The profile keeps the positionings and adds the certification's items and θ.
        let profile = try await server.request("GET", "/v1/learner", token: learner.token).json()
        let answered = try #require(profile["answeredItems"] as? [String])
        #expect(Set(run.answers.map(\.item)).isSubset(of: answered))
        try expectAbilities(profile, [run.final])
        // A campaign form later: its θ is added beside the certification's, the items it asks are recorded too.
        let campaign = try await driver.run(["kind": "pix-campaign"]) { item, _ in ScriptedLearner.rightAnswer(to: item)
        }
        let after = try await server.request("GET", "/v1/learner", token: learner.token).json()
        try expectAbilities(after, [run.final, campaign.final])
        #expect(Set(campaign.answers.map(\.item)).isSubset(of: Set(after["answeredItems"] as? [String] ?? [])))
        let eligibility = after["eligibility"] as? [String: Any]
        #expect(eligibility?["isEligible"] as? Bool == true)
    }

    /// The profile's `abilities`: one per IRT form, in the order given, each equal to the session's θ.
    static func expectAbilities(
        _ profile: [String: Any], _ sessions: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let abilities = try #require(profile["abilities"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(abilities.count == sessions.count, sourceLocation: sourceLocation)
        for (ability, session) in zip(abilities, sessions) {
            let irt = try #require(session["irt"] as? [String: Any], sourceLocation: sourceLocation)
            #expect(
                Set(ability.keys) == ["form", "theta", "standardError", "pix", "date"], sourceLocation: sourceLocation)
            #expect(ability["form"] as? String == irt["form"] as? String, sourceLocation: sourceLocation)
            #expect(ability["theta"] as? Double == irt["theta"] as? Double, sourceLocation: sourceLocation)
            #expect(
                ability["standardError"] as? Double == irt["standardError"] as? Double, sourceLocation: sourceLocation)
            #expect(ability["pix"] as? Int == irt["pix"] as? Int, sourceLocation: sourceLocation)
            let date = try #require(ability["date"] as? String, sourceLocation: sourceLocation)
            #expect(abs((ISO8601DateFormatter().date(from: date) ?? .distantPast).timeIntervalSinceNow) < 600)
        }
    }

    /// A finished `pix-certification` session's certificate: exact members, θ and its error as the
    /// session's `irt`, the dates of the day it was taken (`taken`, or the next day around midnight).
    static func expectCertificate(
        _ final: [String: Any], status: String, answered: Int, stopReason: String,
        taken: (date: String, expiry: String), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        let certificate = try #require(final["certificate"] as? [String: Any], sourceLocation: sourceLocation)
        let irt = try #require(final["irt"] as? [String: Any], sourceLocation: sourceLocation)
        var keys: Set<String> = [
            "form", "status", "date", "theta", "standardError", "pix", "competences", "answered", "length",
            "stopReason", "bankDigest",
        ]
        keys.insert(status == "validated" ? "expiry" : "rejectionReason")
        #expect(Set(certificate.keys) == keys, sourceLocation: sourceLocation)
        #expect(certificate["form"] as? String == "pix-certification", sourceLocation: sourceLocation)
        #expect(certificate["status"] as? String == status, sourceLocation: sourceLocation)
        let next = Certificate.days(takenAt: Date(), validityYears: 3)
        let date = certificate["date"] as? String
        #expect(date == taken.date || date == next.date, sourceLocation: sourceLocation)
        if status == "validated" {
            #expect(
                certificate["expiry"] as? String == (date == taken.date ? taken.expiry : next.expiry),
                sourceLocation: sourceLocation)
        }
        #expect(certificate["theta"] as? Double == irt["theta"] as? Double, sourceLocation: sourceLocation)
        #expect(
            certificate["standardError"] as? Double == irt["standardError"] as? Double, sourceLocation: sourceLocation)
        #expect(certificate["answered"] as? Int == answered, sourceLocation: sourceLocation)
        #expect(final["answered"] as? Int == answered, sourceLocation: sourceLocation)
        #expect(certificate["length"] as? Int == IRTForm.length, sourceLocation: sourceLocation)
        #expect(certificate["stopReason"] as? String == stopReason, sourceLocation: sourceLocation)
        #expect(irt["stopReason"] as? String == stopReason, sourceLocation: sourceLocation)
        #expect(certificate["bankDigest"] as? String == final["bankDigest"] as? String, sourceLocation: sourceLocation)
        return certificate
    }

    /// The certificates endpoint serves exactly `certificate`, once.
    static func expectStored(_ certificate: [String: Any], server: ServerProcess, token: String) async throws {
        let stored = try await server.request("GET", "/v1/learner/certificates", token: token).json()
        let certificates = try #require(stored["certificates"] as? [[String: Any]])
        #expect(certificates.count == 1)
        #expect(certificates.first.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: certificate))
    }

    /// The reference bank with a calibration on its first `count` items only (folders and files in
    /// name order; the IRT forms leave uncalibrated items out), compiled by the built `itembank`.
    static func bankWithCalibratedItems(_ count: Int, folder: String) throws -> String {
        let copy = folder + "/crcn"
        let copied = try Harness.run("/bin/cp", ["-R", Harness.root + "/Banks/crcn", copy])
        #expect(copied.status == 0, "\(copied.output)")
        var kept = 0
        let items = copy + "/items"
        for competence in try FileManager.default.contentsOfDirectory(atPath: items).sorted() {
            let files = try FileManager.default.contentsOfDirectory(atPath: items + "/" + competence)
            for file in files.sorted() where file.hasSuffix(".xml") {
                let path = items + "/" + competence + "/" + file
                let text = try String(contentsOfFile: path, encoding: .utf8)
                guard text.contains("<calibration ") else { continue }
                if kept < count {
                    kept += 1
                    continue
                }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                try lines.filter { !$0.contains("<calibration ") }.joined(separator: "\n")
                    .write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        #expect(kept == count)
        let path = folder + "/partly-calibrated.itembank"
        let built = try Harness.run(Harness.executable("itembank"), ["build", copy, "-o", path])
        #expect(built.status == 0, "\(built.output)")
        return path
    }

    /// A `pix-certification` the engine stops early, every calibrated item asked (`pool-exhausted`): at
    /// 20 answers or more (Pix's minimum) the certificate is validated with the score of θ, not lowered,
    /// and says how many items were asked; below, it is rejected with the reason, 0 pix, no level, no expiry.
    static func pixCertificationStoppedEarly(_ store: Store, calibratedItems answered: Int) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try bankWithCalibratedItems(answered, folder: folder)
        let bank = try Harness.openBank(path)
        let server = try ServerProcess(bank: path, database: try store.database(in: folder))
        defer { server.stop() }
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        for competence in ["1.1", "1.2", "1.3", "2.1", "2.2"] {
            _ = try await driver.run(["kind": "positioning", "competence": competence]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
        }
        let taken = Certificate.days(takenAt: Date(), validityYears: 3)
        let run = try await driver.run(["kind": "pix-certification"]) { item, _ in ScriptedLearner.rightAnswer(to: item)
        }
        #expect(run.final["status"] as? String == "finished")
        #expect(run.answers.count == answered)
        let minimum = V3CertificationSettings().minimumAnswers
        let certificate = try expectCertificate(
            run.final, status: answered >= minimum ? "validated" : "rejected", answered: answered,
            stopReason: "pool-exhausted", taken: taken)
        let irt = try #require(run.final["irt"] as? [String: Any])
        if answered >= minimum {
            #expect(certificate["pix"] as? Int == irt["pix"] as? Int)
            #expect((certificate["pix"] as? Int ?? 0) > 0)
            #expect((certificate["competences"] as? NSArray) == (irt["competences"] as? NSArray))
        } else {
            #expect(certificate["pix"] as? Int == 0)
            #expect((certificate["competences"] as? [Any])?.count == 0)
            #expect(
                certificate["rejectionReason"] as? String
                    == "\(answered) of 32 items answered, 20 are needed (the bank had no item left for the test)")
        }
        try await expectStored(certificate, server: server, token: learner.token)
        // The learner page's sentence, from the certificate as served.
        let issued = try JSONDecoder().decode(
            IssuedCertificate.self, from: JSONSerialization.data(withJSONObject: certificate))
        let date = certificate["date"] as? String ?? "?"
        #expect(
            LearnerPages.certificateSummary(issued)
                == (answered >= minimum
                    ? "Certificate (v3) of \(date): validated, \(certificate["pix"] as? Int ?? -1) pix, valid until "
                        + "\(certificate["expiry"] as? String ?? "?") (\(answered) of 32 questions: the bank had no more)."
                    : "Certification (v3) of \(date): rejected (\(certificate["rejectionReason"] as? String ?? "?"))."))
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
    @Test func pixCertificationStoppedEarlyAtTheMinimumIsValidated() async throws {
        try await IRTSessionTests.pixCertificationStoppedEarly(.postgres, calibratedItems: 20)
    }
    @Test func pixCertificationStoppedEarlyBelowTheMinimumIsRejected() async throws {
        try await IRTSessionTests.pixCertificationStoppedEarly(.postgres, calibratedItems: 18)
    }
}

import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

@Suite("itembank-server campaigns over HTTP (built binary, SQLite store)", .serialized)
struct CampaignTests {
    @Test func campaignFromCodeToCSV() async throws { try await Self.campaignFromCodeToCSV(.sqlite) }
    @Test func campaignRefusals() async throws { try await Self.campaignRefusals(.sqlite) }
    @Test func storeRefusesATakenCode() async throws { try await Self.storeRefusesATakenCode(.sqlite) }
    @Test func closedCampaign() async throws { try await Self.closedCampaign(.sqlite) }

    /// A database of schema version 1 (before campaigns) is migrated to versions 2 to 6 at start: its learners
    /// keep their tokens and sessions, and campaigns work (and the answer commit of version 3).
    @Test func schemaOneDatabaseIsMigrated() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/old.sqlite"
        var server = try ServerProcess(bank: Harness.crcnBank, database: database)
        let learner = try await server.newLearner()
        let started = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "1.1"])
        let session = try #require(try started.json()["session"] as? String)
        server.stop()
        // Back to version 1: what a server of the previous release left.
        let store = try await SQLiteLearnerStore(path: database)
        for table in ["campaign_sessions", "campaign_participants", "campaigns", "organisers"] {
            _ = try await store.connection.query("DROP TABLE \(table)")
        }
        _ = try await store.connection.query("DROP TRIGGER answer_commit")
        _ = try await store.connection.query("DROP VIEW answer_commits")
        _ = try await store.connection.query("DELETE FROM schema_migrations WHERE version IN (2, 3, 4, 5, 6)")
        let versions = try await store.connection.query("SELECT version FROM schema_migrations")
        #expect(versions.compactMap { $0.column("version")?.integer } == [1])
        try await store.close()

        server = try ServerProcess(
            bank: Harness.crcnBank, database: database, extra: ["--organiser-token", Self.teacherToken])
        defer { server.stop() }
        #expect(server.log.contains("schema=6"))
        let resumed = try await server.request("GET", "/v1/sessions/\(session)", token: learner.token)
        #expect(resumed.status == 200)
        let created = try await server.request(
            "POST", "/v1/campaigns", token: Self.teacherToken,
            json: ["title": "after the upgrade", "competences": ["1.1"]])
        #expect(created.status == 201)
    }

    static let teacherToken = "teacher-token-for-tests-0123"

    /// A class's campaign: the organiser creates it, two learners join with the code (typed loosely), one
    /// positions on the first competence over two visits (the server is killed in between) and starts the
    /// second; the organiser's progress and CSV give each learner's level and pix per competence.
    static func campaignFromCodeToCSV(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let database = try store.database(in: folder)
        let options = ["--organiser-token", teacherToken]
        var server = try ServerProcess(bank: Harness.crcnBank, database: database, extra: options)

        let created = try await server.request(
            "POST", "/v1/campaigns", token: teacherToken,
            json: ["title": "4e B — rentrée", "competences": ["1.1", "2.1", "1.1"]])
        #expect(created.status == 201, "\(created.text)")
        let campaign = try created.json()
        let code = try #require(campaign["code"] as? String)
        #expect(code.count == 8)
        #expect(code.allSatisfy { "23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains($0) })
        #expect(campaign["competences"] as? [String] == ["1.1", "2.1"])
        #expect(campaign["title"] as? String == "4e B — rentrée")
        #expect(campaign["participants"] as? Int == 0)

        // Two learners join; the code may be typed in lower case with a hyphen.
        let camille = try await server.newLearner()
        let typed = code.prefix(4).lowercased() + "-" + code.dropFirst(4).lowercased()
        let joined = try await server.request(
            "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": typed, "name": " Camille D. "])
        #expect(joined.status == 201, "\(joined.text)")
        let participation = try joined.json()
        #expect(participation["code"] as? String == code)
        #expect(participation["name"] as? String == "Camille D.")
        #expect(participation["done"] as? Int == 0)
        #expect(participation["total"] as? Int == 2)
        let again = try await server.request(
            "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": code, "name": "Someone else"])
        #expect(again.status == 200)
        #expect(try again.json()["name"] as? String == "Camille D.")
        let noah = try await server.newLearner()
        let noahJoined = try await server.request(
            "POST", "/v1/learner/campaigns", token: noah.token, json: ["code": code, "name": "=HYPERLINK(\"x\")"])
        #expect(noahJoined.status == 201)

        // First visit: two answers on 1.1, then the school day ends (and the server dies).
        let start = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"])
        #expect(start.status == 201, "\(start.text)")
        var session = try start.json()
        let sessionID = try #require(session["session"] as? String)
        #expect(session["kind"] as? String == "positioning")
        for _ in 0..<2 {
            session = try await answer(server, token: camille.token, session: session, bank: bank)
        }
        #expect(session["answered"] as? Int == 2)
        let pending = (session["item"] as? [String: Any])?["id"] as? String
        server.kill9()

        // At home: the same session, at the same item.
        server = try ServerProcess(bank: Harness.crcnBank, database: database, extra: options)
        defer { server.stop() }
        let resumed = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"])
        #expect(resumed.status == 200)
        session = try resumed.json()
        #expect(session["session"] as? String == sessionID)
        #expect(session["answered"] as? Int == 2)
        #expect((session["item"] as? [String: Any])?["id"] as? String == pending)
        while session["item"] != nil {
            session = try await answer(server, token: camille.token, session: session, bank: bank)
        }
        #expect(session["status"] as? String == "finished")
        let score = try #require((session["competences"] as? [[String: Any]])?.first)
        let level = try #require(score["level"] as? Int)
        let pix = try #require(score["pix"] as? Int)
        #expect(level >= 1)
        // The second competence: one answer, then left for later.
        let second = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "2.1"])
        #expect(second.status == 201)
        _ = try await answer(server, token: camille.token, session: try second.json(), bank: bank)

        // The learner's view.
        let mine = try await server.request("GET", "/v1/learner/campaigns", token: camille.token).json()
        let entry = try #require((mine["campaigns"] as? [[String: Any]])?.first)
        #expect(entry["done"] as? Int == 1)
        let statuses = (entry["competences"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
        #expect(statuses == ["completed", "in-progress"])

        // The organiser's view: progress, in the order learners joined.
        let progress = try await server.request("GET", "/v1/campaigns/\(code)", token: teacherToken)
        #expect(progress.status == 200, "\(progress.text)")
        let participants = try #require(try progress.json()["participants"] as? [[String: Any]])
        #expect(participants.map { $0["learner"] as? String } == [camille.id, noah.id])
        #expect(participants.map { $0["done"] as? Int } == [1, 0])
        #expect(participants.map { $0["total"] as? Int } == [2, 2])
        let first = try #require(participants.first?["competences"] as? [[String: Any]])
        #expect(first[0]["status"] as? String == "completed")
        #expect(first[0]["session"] as? String == sessionID)
        #expect(first[0]["level"] as? Int == level)
        #expect(first[0]["pix"] as? Int == pix)
        #expect(first[1]["status"] as? String == "in-progress")
        #expect(first[1]["answered"] as? Int == 1)
        #expect(first[1]["level"] == nil)
        let completedAt = try #require(first[0]["completedAt"] as? String)
        let lastActivity = try #require(participants.first?["lastActivity"] as? String)
        #expect(lastActivity >= completedAt)
        #expect(participants[1]["lastActivity"] as? String == participants[1]["joinedAt"] as? String)

        // The CSV for the term report.
        let csv = try await server.request("GET", "/v1/campaigns/\(code)/results", token: teacherToken)
        #expect(csv.status == 200)
        #expect(csv.contentType == "text/csv; charset=utf-8")
        let lines = csv.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "learner,name,competence,level,pix,completed_at,completion")
        let completedRow = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(completedRow.count == 7)
        #expect(completedRow[0...4] == [camille.id, "Camille D.", "1.1", String(level), String(pix)])
        #expect(completedRow[5].prefix(19) == completedAt.prefix(19))
        #expect(completedRow[5].hasSuffix("Z"))
        #expect(completedRow[6] == "completed")
        #expect(lines[2] == "\(camille.id),Camille D.,2.1,,,,in-progress")
        #expect(lines[3] == "\(noah.id),\"'=HYPERLINK(\"\"x\"\")\",1.1,,,,not-started")
        #expect(lines[4] == "\(noah.id),\"'=HYPERLINK(\"\"x\"\")\",2.1,,,,not-started")
        #expect(lines[5] == "")

        let list = try await server.request("GET", "/v1/campaigns", token: teacherToken).json()
        let listed = try #require((list["campaigns"] as? [[String: Any]])?.first)
        #expect(listed["code"] as? String == code)
        #expect(listed["participants"] as? Int == 2)
        _ = bank
    }

    /// Answers the item of `session` right; returns the session after the answer.
    static func answer(
        _ server: ServerProcess, token: String, session: [String: Any], bank: Bank
    ) async throws -> [String: Any] {
        let id = try #require(session["session"] as? String)
        let itemID = try #require((session["item"] as? [String: Any])?["id"] as? String)
        let item = try #require(bank.item(id: itemID))
        let reply = try await server.request(
            "POST", "/v1/sessions/\(id)/answers", token: token,
            json: ["item": itemID, "answer": try SessionDriver.json(ScriptedLearner.rightAnswer(to: item))])
        #expect(reply.status == 200, "\(reply.text)")
        return try reply.json()["session"] as? [String: Any] ?? [:]
    }

    /// Organiser endpoints need an organiser's token and show only their own campaigns; learners act only
    /// on campaigns they joined, on its competences; every refusal is problem+json.
    static func campaignRefusals(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: try store.database(in: folder),
            extra: ["--organiser-token", teacherToken])
        defer { server.stop() }

        // An organiser made by the admin endpoint (admin token only).
        let learner = try await server.newLearner()
        try expectProblem(
            try await server.request("POST", "/v1/admin/organisers", token: teacherToken, json: ["name": "x"]), 401,
            "unauthorized")
        let registered = try await server.request(
            "POST", "/v1/admin/organisers", token: server.adminToken, json: ["name": "M. Martin"])
        #expect(registered.status == 201)
        let other = try registered.json()
        let otherToken = try #require(other["token"] as? String)
        #expect(otherToken.count == 32)
        #expect(other["name"] as? String == "M. Martin")
        let anonymous = try await server.request("POST", "/v1/admin/organisers", token: server.adminToken)
        #expect(anonymous.status == 201)

        // Creating: organiser token, a title, known competences.
        try expectProblem(
            try await server.request("POST", "/v1/campaigns", json: ["title": "t", "competences": ["1.1"]]), 401,
            "unauthorized")
        try expectProblem(
            try await server.request(
                "POST", "/v1/campaigns", token: learner.token, json: ["title": "t", "competences": ["1.1"]]), 401,
            "unauthorized")
        try expectProblem(
            try await server.request(
                "POST", "/v1/campaigns", token: teacherToken, json: ["title": "t", "competences": ["1.1", "9.9"]]), 422,
            "unknown-competence")
        try expectProblem(
            try await server.request(
                "POST", "/v1/campaigns", token: teacherToken, json: ["title": "t", "competences": []]),
            422, "invalid-campaign")
        try expectProblem(
            try await server.request(
                "POST", "/v1/campaigns", token: teacherToken, json: ["title": " ", "competences": ["1.1"]]),
            422, "invalid-campaign")
        try expectProblem(
            try await server.request(
                "POST", "/v1/campaigns", token: teacherToken,
                json: ["title": "t", "competences": ["1.1"], "open": true]),
            400, "malformed-request")
        let created = try await server.request(
            "POST", "/v1/campaigns", token: teacherToken, json: ["title": "5e A", "competences": ["3.1"]])
        #expect(created.status == 201)
        let code = try #require(try created.json()["code"] as? String)

        // Another organiser: 403 on this campaign, and an empty list.
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/\(code)", token: otherToken), 403, "not-campaign-organiser")
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/\(code)/results", token: otherToken), 403,
            "not-campaign-organiser")
        let otherList = try await server.request("GET", "/v1/campaigns", token: otherToken).json()
        #expect((otherList["campaigns"] as? [Any])?.count == 0)
        // A learner's token is not an organiser's; unknown and impossible codes are 404.
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/\(code)", token: learner.token), 401, "unauthorized")
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/\(code)/results", token: learner.token), 401, "unauthorized")
        let unknown = code == "ZZZZZZZZ" ? "YYYYYYYY" : "ZZZZZZZZ"
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/\(unknown)", token: teacherToken), 404, "campaign-not-found")
        try expectProblem(
            try await server.request("GET", "/v1/campaigns/0OIL0OIL", token: teacherToken), 404, "campaign-not-found")

        // Learners: join first, then only the campaign's competences.
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns/\(code)/sessions", token: learner.token, json: ["competence": "3.1"]),
            404,
            "participation-not-found")
        try expectProblem(
            try await server.request("GET", "/v1/learner/campaigns/\(code)", token: learner.token), 404,
            "participation-not-found")
        try expectProblem(
            try await server.request("POST", "/v1/learner/campaigns", token: learner.token, json: ["code": unknown]),
            404,
            "campaign-not-found")
        try expectProblem(
            try await server.request("POST", "/v1/learner/campaigns", json: ["code": code]), 401, "unauthorized")
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns", token: learner.token, json: ["code": code, "name": "a\u{7}b"]), 422,
            "invalid-name")
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns", token: learner.token,
                json: ["code": code, "name": String(repeating: "n", count: 101)]), 422, "invalid-name")
        // Lengths count code points: one letter under 200 combining marks is 201 characters, not one.
        let combining = "Z" + String(repeating: "\u{301}", count: 200)
        let heavy = try await server.request(
            "POST", "/v1/learner/campaigns", token: learner.token, json: ["code": code, "name": combining])
        try expectProblem(heavy, 422, "invalid-name")
        #expect(try heavy.json()["detail"] as? String == "name is 201 characters long: at most 100")
        let heavyTitle = try await server.request(
            "POST", "/v1/campaigns", token: teacherToken, json: ["title": combining, "competences": ["1.1"]])
        try expectProblem(heavyTitle, 422, "invalid-campaign")
        #expect(try heavyTitle.json()["detail"] as? String == "the title is 201 characters long: at most 200")
        try expectProblem(
            try await server.request("POST", "/v1/admin/organisers", token: server.adminToken, json: ["name": "  "]),
            422, "invalid-organiser")
        let blank = try await server.request(
            "POST", "/v1/learner/campaigns", token: learner.token, json: ["code": code, "name": " \u{A0}\t "])
        try expectProblem(blank, 422, "invalid-name")
        #expect(
            try blank.json()["detail"] as? String
                == "name must not be blank: give the name the organiser knows you by, or leave it out")
        // Any Unicode white space or hyphen separates; only ASCII letters and digits of the alphabet count.
        let loose = try #require(CampaignCode.normalised(code))
        let typed = loose.prefix(4).lowercased() + "\u{A0}\u{2011}\t" + loose.dropFirst(4).lowercased()
        #expect(CampaignCode.normalised(typed) == loose)
        #expect(CampaignCode.normalised("\u{FB00}\u{FB00}\u{FB00}\u{FB00}") == nil)
        #expect(CampaignCode.normalised("\u{FB00}\u{FB00}\u{FB00}\u{FB00}".uppercased()) == "FFFFFFFF")
        #expect(CampaignCode.normalised("ＡＢＣＤＥＦＧＨ") == nil)
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns", token: learner.token,
                json: ["code": "\u{FB00}\u{FB00}\u{FB00}\u{FB00}"]),
            404, "campaign-not-found")
        let joined = try await server.request(
            "POST", "/v1/learner/campaigns", token: learner.token, json: ["code": typed])
        #expect(joined.status == 201)
        #expect(try joined.json()["name"] as? String == "")
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns/\(code)/sessions", token: learner.token, json: ["competence": "1.1"]),
            422,
            "competence-not-in-campaign")
        try expectProblem(
            try await server.request(
                "POST", "/v1/learner/campaigns/\(code)/sessions", token: learner.token, json: ["competences": ["3.1"]]),
            400, "malformed-request")
        // A campaign session belongs to its learner like any other.
        let started = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: learner.token, json: ["competence": "3.1"])
        #expect(started.status == 201)
        let sessionID = try #require(try started.json()["session"] as? String)
        let intruder = try await server.newLearner()
        try expectProblem(
            try await server.request("GET", "/v1/sessions/\(sessionID)", token: intruder.token), 404,
            "session-not-found")
    }

    /// The store refuses a campaign whose code is taken (the service then draws another), and a second
    /// participation or a second session for one competence.
    static func storeRefusesATakenCode(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try store.database(in: folder)
        let learnerStore: any CampaignStore =
            switch store {
            case .sqlite: try await SQLiteLearnerStore(path: database)
            case .postgres: try PostgresLearnerStore(url: database, logger: .init(label: "test"))
            }
        // SQLite's versions 3 and 4 are its one-statement answer commits (SQLiteLearnerStore.answerCommitSchema,
        // finishingCommitSchema); the organisers' revocation is SQLite's 5 and PostgreSQL's 3, the
        // campaigns' closing SQLite's 6 and PostgreSQL's 4.
        let version = store == .sqlite ? 6 : 4
        #expect(try await learnerStore.migrate() == version)
        #expect(try await learnerStore.migrate() == version)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await learnerStore.createOrganiser(id: "o-1", tokenHash: "h1", name: "A", at: now))
        #expect(try await !learnerStore.createOrganiser(id: "o-2", tokenHash: "h1", name: "B", at: now))
        #expect(try await learnerStore.organiser(tokenHash: "h1") == "o-1")
        let campaign = CampaignRecord(
            id: "c-1", code: "ABCDEFGH", organiser: "o-1", title: "t", competences: ["1.1", "2.3"], createdAt: now)
        #expect(try await learnerStore.createCampaign(campaign))
        var clash = campaign
        clash.id = "c-2"
        #expect(try await !learnerStore.createCampaign(clash))
        #expect(try await learnerStore.campaign(code: "ABCDEFGH") == campaign)
        #expect(try await learnerStore.campaign(id: "c-2") == nil)
        try await learnerStore.createLearner(id: "l-1", tokenHash: "t1", at: now)
        let participation = ParticipationRecord(campaign: "c-1", learner: "l-1", name: "N", joinedAt: now)
        #expect(try await learnerStore.join(participation))
        #expect(try await !learnerStore.join(participation))
        #expect(try await learnerStore.participations(learner: "l-1") == [participation])
        // Closing: once, the first date stays.
        #expect(try await learnerStore.campaign(id: "c-1")?.closedAt == nil)
        #expect(try await learnerStore.closeCampaign(id: "c-1", at: now.addingTimeInterval(60)))
        #expect(try await !learnerStore.closeCampaign(id: "c-1", at: now.addingTimeInterval(120)))
        #expect(try await !learnerStore.closeCampaign(id: "c-9", at: now))
        #expect(try await learnerStore.campaign(code: "ABCDEFGH")?.closedAt == now.addingTimeInterval(60))
        #expect(try await learnerStore.campaigns(organiser: "o-1").map(\.closedAt) == [now.addingTimeInterval(60)])
        try await learnerStore.close()
    }

    /// A closed campaign: nobody new joins, no participant starts a positioning they had not started; the
    /// positioning in progress goes on to its end, a participant may join again (unchanged), the progress
    /// and the CSV stay; only its organiser closes it, and closing again keeps the first date.
    static func closedCampaign(_ store: Store) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: try store.database(in: folder),
            extra: ["--organiser-token", teacherToken])
        defer { server.stop() }
        let created = try await server.request(
            "POST", "/v1/campaigns", token: teacherToken, json: ["title": "5e A", "competences": ["1.1", "2.1"]])
        let code = try #require(try created.json()["code"] as? String)
        #expect(try created.json()["closedAt"] == nil)
        let camille = try await server.newLearner()
        #expect(
            try await server.request(
                "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": code, "name": "Camille"]
            ).status == 201)
        let started = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"])
        var session = try started.json()
        session = try await answer(server, token: camille.token, session: session, bank: bank)

        // Only its organiser closes it.
        let registered = try await server.request(
            "POST", "/v1/admin/organisers", token: server.adminToken, json: ["name": "Other"])
        let otherToken = try #require(try registered.json()["token"] as? String)
        try expectProblem(
            try await server.request("POST", "/v1/campaigns/\(code)/close", token: otherToken), 403,
            "not-campaign-organiser")
        try expectProblem(
            try await server.request("POST", "/v1/campaigns/\(code)/close", token: camille.token), 401, "unauthorized")
        try expectProblem(
            try await server.request("POST", "/v1/campaigns/ZZZZZZZZ/close", token: teacherToken), 404,
            "campaign-not-found")
        let closed = try await server.request("POST", "/v1/campaigns/\(code)/close", token: teacherToken)
        #expect(closed.status == 200, "\(closed.text)")
        let closedAt = try #require(try closed.json()["closedAt"] as? String)
        #expect(try closed.json()["participants"] as? Int == 1)
        let day = String(closedAt.prefix(10))
        let again = try await server.request("POST", "/v1/campaigns/\(code)/close", token: teacherToken)
        #expect(again.status == 200)
        #expect(try again.json()["closedAt"] as? String == closedAt)

        // Newcomers and new positionings are refused, with the date and what to do.
        let noah = try await server.newLearner()
        let refused = try await server.request(
            "POST", "/v1/learner/campaigns", token: noah.token, json: ["code": code, "name": "Noah"])
        try expectProblem(refused, 409, "campaign-closed")
        #expect(
            try refused.json()["detail"] as? String
                == "campaign \(code) was closed by its organiser on \(day): nobody joins it any more; ask the organiser"
        )
        let rejoined = try await server.request(
            "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": code, "name": "Camille"])
        #expect(rejoined.status == 200)
        #expect(try rejoined.json()["closedAt"] as? String == closedAt)
        let second = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "2.1"])
        try expectProblem(second, 409, "campaign-closed")
        #expect(
            try second.json()["detail"] as? String
                == "campaign \(code) was closed by its organiser on \(day): nobody starts a positioning in it any "
                + "more; ask the organiser")

        // The positioning in progress resumes and goes on to its end.
        let resumed = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"])
        #expect(resumed.status == 200)
        session = try resumed.json()
        #expect(session["answered"] as? Int == 1)
        while session["item"] != nil {
            session = try await answer(server, token: camille.token, session: session, bank: bank)
        }
        #expect(session["status"] as? String == "finished")
        let progress = try await server.request("GET", "/v1/campaigns/\(code)", token: teacherToken)
        let campaign = try #require(try progress.json()["campaign"] as? [String: Any])
        #expect(campaign["closedAt"] as? String == closedAt)
        let participants = try #require(try progress.json()["participants"] as? [[String: Any]])
        #expect(participants.map { $0["done"] as? Int } == [1])
        let list = try await server.request("GET", "/v1/campaigns", token: teacherToken)
        let campaigns = try #require(try list.json()["campaigns"] as? [[String: Any]])
        #expect(campaigns.map { $0["closedAt"] as? String } == [closedAt])
        let csv = try await server.request("GET", "/v1/campaigns/\(code)/results", token: teacherToken)
        #expect(csv.text.split(separator: "\n").count == 3)
        #expect(csv.text.contains(",Camille,1.1,"))
    }
}

@Suite(
    "itembank-server campaigns over HTTP (built binary, PostgreSQL store)", .serialized,
    .enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
struct CampaignPostgresTests {
    @Test func campaignFromCodeToCSV() async throws { try await CampaignTests.campaignFromCodeToCSV(.postgres) }
    @Test func campaignRefusals() async throws { try await CampaignTests.campaignRefusals(.postgres) }
    @Test func storeRefusesATakenCode() async throws { try await CampaignTests.storeRefusesATakenCode(.postgres) }
    @Test func closedCampaign() async throws { try await CampaignTests.closedCampaign(.postgres) }
}

import AdaptiveTesting
import Foundation
import ItemBankRuntime
import Testing

@Suite("itembank-server: bad input answered with problem+json, OpenAPI in sync, certification", .serialized)
struct ServerProblemTests {
    /// Every refusal is RFC 9457 problem+json with the documented status and type; never a 500.
    @Test func badInputGetsProblems() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()

        try expectProblem(
            try await server.request("POST", "/v1/sessions", json: ["kind": "positioning", "competence": "1.1"]), 401,
            "unauthorized")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: "0123", json: ["kind": "positioning"]), 401,
            "unauthorized")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, raw: Data("{\"kind\":".utf8)), 400,
            "malformed-request")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, raw: Data("[1]".utf8)), 400,
            "malformed-request")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions", token: learner.token,
                json: ["kind": "positioning", "competence": "1.1", "colour": "blue"]), 400, "malformed-request")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, json: ["kind": 3]), 400,
            "malformed-request")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "9.9"]), 422,
            "unknown-competence")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, json: ["kind": "juggling"]), 422,
            "invalid-session")
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, json: ["kind": "certification"]),
            422, "not-eligible")
        let huge = Data(
            ("{\"kind\":\"positioning\",\"competence\":\"" + String(repeating: "x", count: 70_000) + "\"}").utf8)
        try expectProblem(
            try await server.request("POST", "/v1/sessions", token: learner.token, raw: huge), 413, "body-too-large")
        try expectProblem(
            try await server.request("GET", "/v1/sessions/" + String(repeating: "a", count: 32), token: learner.token),
            404, "session-not-found")
        try expectProblem(
            try await server.request("GET", "/v1/sessions/not-an-id", token: learner.token), 404, "session-not-found")
        try expectProblem(try await server.request("GET", "/v1/nothing-here"), 404, "not-found")
        try expectProblem(try await server.request("GET", "/v1/admin/release"), 401, "unauthorized")
        try expectProblem(
            try await server.request("GET", "/v1/admin/responses", token: learner.token), 401, "unauthorized")

        // Answers: not the item served, answered twice, wrong shape, unknown fields.
        let started = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "1.1"])
        let session = try started.json()
        let id = session["session"] as? String ?? ""
        let itemID = (session["item"] as? [String: Any])?["id"] as? String ?? ""
        let item = try #require(bank.item(id: itemID))
        let otherItem = try #require(bank.allItems.first { $0.id != itemID })
        let right = try SessionDriver.json(ScriptedLearner.rightAnswer(to: item))
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: [
                    "item": otherItem.id, "answer": try SessionDriver.json(ScriptedLearner.rightAnswer(to: otherItem)),
                ]),
            409, "item-not-served")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": ["choices": [1], "text": "x"]]), 400, "malformed-request")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": ["colour": "x"]]), 400, "malformed-request")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": right, "extra": 1]), 400, "malformed-request")
        // A number of the wrong type names its field; a field given twice is refused, at any depth.
        func detail(_ body: String) async throws -> String {
            let reply = try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token, raw: Data(body.utf8))
            try expectProblem(reply, 400, "malformed-request")
            return try reply.json()["detail"] as? String ?? ""
        }
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[1.5]}}"#)
                == #"field "answer.choices[0]" must be an integer"#)
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[1,1e300]}}"#)
                == #"field "answer.choices[1]" must be an integer"#)
        let manyFractions = Array(repeating: "1.5", count: 300).joined(separator: ",")
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[\#(manyFractions)]}}"#)
                == "a number does not fit its field: integer fields (such as answer.choices) take no fraction and "
                + "nothing beyond 2^63")
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":5}}"#)
                == #"field "answer.choices" must be an array"#)
        #expect(
            try await detail(#"{"item":"\#(itemID)","item":"\#(itemID)","answer":{"choices":[1]}}"#)
                == #"field "item" is given twice: give each field once"#)
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[1],"\u0063hoices":[2]}}"#)
                == #"field "answer.choices" is given twice: give each field once"#)
        // Unknown fields, at the top level and in the answer, also in a body that decodes without them.
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[1]},"extra":1}"#)
                == #"unknown field "extra"; the fields are answer, elapsedSeconds, focusLost, item"#)
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"choices":[1],"colour":"x"}}"#)
                == #"unknown field "answer.colour"; answer has one of choices, skipped, text, texts"#)
        #expect(
            try await detail(#"{"item":"\#(itemID)","answer":{"colour":"x"}}"#)
                == #"unknown field "answer.colour"; answer has one of choices, skipped, text, texts"#)
        #expect(try await detail(#"{"item":"\#(itemID)","answer":[1]}"#) == #"field "answer" must be an object"#)
        let wrongShape: Any =
            item.type == .qcu || item.type == .qcm ? ["texts": ["nope": "x"]] : ["choices": [1]]
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": wrongShape]), 422, "invalid-answer")
        let first = try await server.request(
            "POST", "/v1/sessions/\(id)/answers", token: learner.token, json: ["item": itemID, "answer": right])
        #expect(first.status == 200)
        #expect(try first.json()["outcome"] as? String == "ok")
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token, json: ["item": itemID, "answer": right]),
            409, "item-already-answered")
        // Another learner cannot answer in this session.
        let intruder = try await server.newLearner()
        try expectProblem(
            try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: intruder.token, json: ["item": itemID, "answer": right]),
            404, "session-not-found")
        // Still alive, and the metrics count requests.
        #expect(try await server.request("GET", "/healthz").status == 200)
        let metrics = try await server.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("hb_requests"))
    }

    /// Every route the server registers is described in the committed OpenAPI document, which it serves.
    @Test func openAPIDocumentCoversEveryRoute() async throws {
        let result = try Harness.run(Harness.executable("itembank-server"), ["--bank", "unused", "--print-routes"])
        #expect(result.status == 0)
        let routes = result.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(routes.count == 25)
        let data = try Data(
            contentsOf: URL(fileURLWithPath: Harness.root + "/Sources/ItemBankServer/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for route in routes where route.count == 2 {
            #expect(paths[route[1]]?[route[0].lowercased()] != nil, "\(route[0]) \(route[1]) is not in openapi.json")
        }
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } }
        #expect(Set(documented) == Set(routes.map { $0.joined(separator: " ") }))

        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let served = try await server.request("GET", "/openapi.json")
        #expect(served.status == 200)
        #expect(served.body == data)
    }

    /// Five positionings all right make the learner eligible; the certification asks the assembled test
    /// and gives a validated certificate that expires 3 years later.
    @Test func certificationAfterFivePositionings() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        for competence in ["1.1", "1.2", "1.3", "2.1", "2.2"] {
            let run = try await driver.run(["kind": "positioning", "competence": competence]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
            #expect(run.final["status"] as? String == "finished")
        }
        let profile = try await server.request("GET", "/v1/learner", token: learner.token).json()
        let eligibility = profile["eligibility"] as? [String: Any]
        #expect(eligibility?["isEligible"] as? Bool == true)
        let run = try await driver.run(["kind": "certification"]) { item, _ in ScriptedLearner.rightAnswer(to: item) }
        #expect(run.final["status"] as? String == "finished")
        #expect(run.answers.allSatisfy { $0.outcome == "ok" })
        let certificate = try #require(run.final["certificate"] as? [String: Any])
        #expect(certificate["form"] as? String == "certification")
        #expect(certificate["status"] as? String == "validated")
        let date = try #require(certificate["date"] as? String)
        let expiry = try #require(certificate["expiry"] as? String)
        #expect(Int(expiry.prefix(4)) == (Int(date.prefix(4)) ?? 0) + 3)
        #expect(expiry.dropFirst(4) == date.dropFirst(4) || expiry.hasSuffix("-28"))
        let stored = try await server.request("GET", "/v1/learner/certificates", token: learner.token).json()
        #expect((stored["certificates"] as? [[String: Any]])?.count == 1)
        #expect(
            (stored["certificates"] as? [[String: Any]])?.first?["totalPix"] as? Int == certificate["totalPix"] as? Int)
        #expect((stored["certificates"] as? [[String: Any]])?.first?["form"] as? String == "certification")
    }
}

@Suite("itembank-server: HEAD", .serialized)
struct HeadRequestTests {
    /// HEAD wherever GET works: the GET's status and headers (its Content-Length too), no body.
    @Test func headAnswersAsGetWithoutBody() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        for (path, token) in [
            ("/healthz", nil), ("/openapi.json", nil), ("/v1/learner", learner.token), ("/learn", nil),
        ] {
            let get = try await server.request("GET", path, token: token)
            let head = try await server.request("HEAD", path, token: token)
            #expect(head.status == get.status, "\(path)")
            #expect(head.status == 200, "\(path)")
            #expect(head.contentType == get.contentType, "\(path)")
            #expect(head.body.isEmpty, "\(path)")
        }
        let unauthorized = try await server.request("HEAD", "/v1/learner")
        #expect(unauthorized.status == 401)
        #expect(unauthorized.body.isEmpty)
        #expect(try await server.request("HEAD", "/v1/sessions", token: learner.token).status == 405)
    }
}

@Suite("itembank-server: the Authorization header", .serialized)
struct AuthorizationHeaderTests {
    /// The scheme in any case, blanks around the token: accepted; anything else: 401.
    @Test func bearerForms() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        for accepted in ["Bearer \(learner.token)", "bearer \(learner.token)", "BEARER   \(learner.token)\t"] {
            let reply = try await server.request("GET", "/v1/learner", authorization: accepted)
            #expect(reply.status == 200, "\(accepted)")
            #expect((try reply.json())["learner"] as? String == learner.id)
        }
        for refused in [
            "Basic \(learner.token)", "Bearer", "Bearer ", "Bearer  ", "Bearer\t\(learner.token)",
            "Bearerx \(learner.token)",
            learner.token, "Bearer \(learner.token)x",
        ] {
            try expectProblem(
                try await server.request("GET", "/v1/learner", authorization: refused), 401, "unauthorized")
        }
    }
}

@Suite("itembank-server: training with nothing left, elapsedSeconds bound", .serialized)
struct ServerRefusalTests {
    /// A training whose competence has nothing left to train is refused with the reason, never a
    /// finished session of 0 items.
    @Test func trainingWithNothingLeftIs422() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let driver = SessionDriver(server: server, token: learner.token, bank: bank)
        _ = try await driver.run(["kind": "positioning", "competence": "1.1"]) { item, _ in
            ScriptedLearner.rightAnswer(to: item)
        }
        var refusal: Reply?
        for _ in 0..<5 {
            let reply = try await server.request(
                "POST", "/v1/sessions", token: learner.token, json: ["kind": "training", "competences": ["1.1"]])
            if reply.status == 422 {
                refusal = reply
                break
            }
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try reply.json()["item"] != nil, "a training starts with an item: \(reply.text)")
            _ = try await driver.run(["kind": "training", "competences": ["1.1"]]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
        }
        let reply = try #require(refusal)
        #expect(reply.contentType == "application/problem+json")
        let problem = try reply.json()
        #expect(problem["type"] as? String == "urn:itembank:problem:nothing-to-train")
        #expect(
            problem["detail"] as? String
                == "nothing left to train in 1.1: every skill there is tested already (validated, or invalidated too recently to try again); choose another competence or come back later"
        )
    }

    /// elapsedSeconds is bounded to one day.
    @Test func elapsedSecondsIsBounded() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let started = try await server.request(
            "POST", "/v1/sessions", token: learner.token, json: ["kind": "positioning", "competence": "1.1"])
        let session = try started.json()
        let id = session["session"] as? String ?? ""
        let itemID = (session["item"] as? [String: Any])?["id"] as? String ?? ""
        let item = try #require(bank.item(id: itemID))
        let right = try SessionDriver.json(ScriptedLearner.rightAnswer(to: item))
        for elapsed in [1e308, -1, 86_400.5] {
            let reply = try await server.request(
                "POST", "/v1/sessions/\(id)/answers", token: learner.token,
                json: ["item": itemID, "answer": right, "elapsedSeconds": elapsed])
            #expect(reply.status == 422, "\(elapsed): \(reply.text)")
            #expect(try reply.json()["type"] as? String == "urn:itembank:problem:invalid-answer")
            #expect(
                try reply.json()["detail"] as? String
                    == "elapsedSeconds must be between 0 and 86400 (one day), not \(elapsed)")
        }
        let accepted = try await server.request(
            "POST", "/v1/sessions/\(id)/answers", token: learner.token,
            json: ["item": itemID, "answer": right, "elapsedSeconds": 86_400])
        #expect(accepted.status == 200, "\(accepted.text)")
    }
}

import Foundation
import ItemBankServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The campaign part of the learner page over real HTTP on the built server: join with a code typed
/// loosely, start a competence's positioning from the campaign page, leave and come back to it.
@Suite("itembank-server learner page: campaigns (built binary, SQLite store)", .serialized)
struct CampaignPageTests {
    @Test func joinAndPositionThroughForms() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/learners.sqlite",
            extra: ["--organiser-token", CampaignTests.teacherToken])
        defer { server.stop() }
        let created = try await server.request(
            "POST", "/v1/campaigns", token: CampaignTests.teacherToken,
            json: ["title": "6e C <rentrée>", "competences": ["1.1"]])
        let code = try #require(try created.json()["code"] as? String)

        let start = try await LearnerPageTests.fetch(server, "POST", "/learn/start", form: "")
        let cookie = String(start.header("Set-Cookie").prefix { $0 != ";" })
        let token = String(cookie.dropFirst("itembank_learner=".count))
        let home = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(home.text.contains("<form method=\"post\" action=\"/learn/campaigns\">"))
        #expect(home.text.contains("<label for=\"campaign-code\">Campaign code (from your teacher)</label>"))
        #expect(home.text.contains("<input type=\"text\" id=\"campaign-code\" name=\"code\" required"))
        #expect(!home.text.contains("Your campaigns"))

        // Without the cookie (another site's post): nothing is joined.
        let forged = try await LearnerPageTests.fetch(server, "POST", "/learn/campaigns", form: "code=\(code)")
        #expect(forged.status == 303)
        #expect(forged.header("Location") == "/learn")
        // A wrong code: a 404 page saying so.
        let wrong = try await LearnerPageTests.fetch(
            server, "POST", "/learn/campaigns", cookie: cookie, form: "code=ABCD-0000&name=L%C3%A9a")
        #expect(wrong.status == 404)
        #expect(wrong.text.contains("<p role=\"alert\">ABCD-0000 is not a campaign code"))

        // Joining with the code typed in lower case, with a space.
        let typed = code.prefix(4).lowercased() + "+" + code.dropFirst(4).lowercased()
        let joined = try await LearnerPageTests.fetch(
            server, "POST", "/learn/campaigns", cookie: cookie, form: "code=\(typed)&name=L%C3%A9a+M.")
        #expect(joined.status == 303)
        #expect(joined.header("Location") == "/learn/campaigns/\(code)#item")
        var page = try await LearnerPageTests.fetch(server, "GET", "/learn/campaigns/\(code)", cookie: cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("<h1 id=\"item\" tabindex=\"-1\">Campaign: 6e C &lt;rentrée&gt;</h1>"))
        #expect(page.text.contains("0 of 1 competence done."))
        #expect(
            page.text.contains(
                "<li><h3>1.1 <span lang=\"fr-FR\">Mener une recherche et une veille d’information</span></h3>\n<p class=\"status\">Not started</p>"
            )
        )
        #expect(page.text.contains("<button type=\"submit\">Start 1.1</button>"))
        let listed = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(listed.text.contains("<li><a href=\"/learn/campaigns/\(code)\">6e C &lt;rentrée&gt;</a>: 0 of 1"))

        // Start from the campaign page, answer one question, come back: "Continue", the same session.
        let started = try await LearnerPageTests.fetch(
            server, "POST", "/learn/campaigns/\(code)/sessions", cookie: cookie, form: "competence=1.1")
        #expect(started.status == 303)
        let location = started.header("Location")
        #expect(location.hasPrefix("/learn/sessions/") && location.hasSuffix("#item"))
        let id = String(location.dropFirst("/learn/sessions/".count).dropLast("#item".count))
        let skip = try await LearnerPageTests.fetch(
            server, "GET", "/learn/sessions/\(id)", cookie: cookie)
        let item = try #require(LearnerPageTests.hiddenItem(skip.text))
        let skipped = try await LearnerPageTests.fetch(
            server, "POST", "/learn/sessions/\(id)/answers", cookie: cookie, form: "item=\(item)&action=skip")
        #expect(skipped.status == 303)
        page = try await LearnerPageTests.fetch(server, "GET", "/learn/campaigns/\(code)", cookie: cookie)
        #expect(page.text.contains("<p class=\"status\">In progress (1 answer)</p>"))
        #expect(page.text.contains("<button type=\"submit\">Continue 1.1</button>"))
        let again = try await LearnerPageTests.fetch(
            server, "POST", "/learn/campaigns/\(code)/sessions", cookie: cookie, form: "competence=1.1")
        #expect(again.header("Location") == location)
        // Another competence than the campaign's: a 422 page.
        let outside = try await LearnerPageTests.fetch(
            server, "POST", "/learn/campaigns/\(code)/sessions", cookie: cookie, form: "competence=2.1")
        #expect(outside.status == 422)

        // Finish it (the cookie's token acts on the API too): the page shows the level and pix.
        var session = try await server.request("GET", "/v1/sessions/\(id)", token: token).json()
        while session["item"] != nil {
            session = try await CampaignTests.answer(server, token: token, session: session, bank: bank)
        }
        let score = try #require((session["competences"] as? [[String: Any]])?.first)
        page = try await LearnerPageTests.fetch(server, "GET", "/learn/campaigns/\(code)", cookie: cookie)
        #expect(page.text.contains("1 of 1 competence done."))
        let done =
            "<p class=\"status\">Done: level \(score["level"] as? Int ?? -1), \(score["pix"] as? Int ?? -1) pix</p>"
        #expect(page.text.contains(done))
        #expect(!page.text.contains("Continue 1.1"))
        let csv = try await server.request("GET", "/v1/campaigns/\(code)/results", token: CampaignTests.teacherToken)
        #expect(csv.text.split(separator: "\n")[1].hasPrefix("l-"))
        #expect(csv.text.split(separator: "\n")[1].contains(",Léa M.,1.1,"))
    }

    /// A learner who started at school continues at home: the campaign page shows their personal code,
    /// which, typed on another browser's first page, brings their tests there (not from another site).
    @Test func personalCodeContinuesOnAnotherDevice() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/learners.sqlite",
            extra: ["--organiser-token", CampaignTests.teacherToken])
        defer { server.stop() }
        let created = try await server.request(
            "POST", "/v1/campaigns", token: CampaignTests.teacherToken, json: ["title": "3e A", "competences": ["2.1"]])
        let code = try #require(try created.json()["code"] as? String)
        let start = try await LearnerPageTests.fetch(server, "POST", "/learn/start", form: "")
        let cookie = String(start.header("Set-Cookie").prefix { $0 != ";" })
        let token = String(cookie.dropFirst("itembank_learner=".count))
        _ = try await LearnerPageTests.fetch(server, "POST", "/learn/campaigns", cookie: cookie, form: "code=\(code)")
        let page = try await LearnerPageTests.fetch(server, "GET", "/learn/campaigns/\(code)", cookie: cookie)
        let personal = LearnerPages.personalCode(token)
        #expect(personal.count == 39)
        #expect(page.text.contains("<p class=\"personal-code\"><code>\(personal)</code></p>"))

        // At home: a new browser sees the form; the code typed in upper case with its spaces.
        let home = try await LearnerPageTests.fetch(server, "GET", "/learn")
        #expect(home.text.contains("<form method=\"post\" action=\"/learn/resume\">"))
        let typed = personal.uppercased().replacingOccurrences(of: " ", with: "+")
        let resumed = try await Self.post(server, "/learn/resume", form: "code=\(typed)", headers: [:])
        #expect(resumed.status == 303)
        #expect(resumed.header("Location") == "/learn")
        #expect(
            resumed.header("Set-Cookie").hasPrefix("itembank_learner=\(token); Path=/learn; HttpOnly; SameSite=Strict"))
        let there = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: "itembank_learner=\(token)")
        #expect(there.text.contains("<li><a href=\"/learn/campaigns/\(code)\">3e A</a>: 0 of 1 competence done</li>"))

        // Another site's form post, or an unknown code: no cookie.
        let forged = try await Self.post(
            server, "/learn/resume", form: "code=\(typed)", headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(forged.status == 303)
        #expect(forged.header("Set-Cookie").isEmpty)
        let unknown = try await Self.post(
            server, "/learn/resume", form: "code=" + String(repeating: "0", count: 32), headers: [:])
        #expect(unknown.status == 401)
        #expect(unknown.header("Set-Cookie").isEmpty)
        #expect(unknown.text.contains("this personal code is not known"))
    }

    /// A form post with extra headers, redirects not followed.
    static func post(
        _ server: ServerProcess, _ path: String, form: String, headers: [String: String]
    ) async throws -> LearnerPageTests.Page {
        guard let url = URL(string: "http://127.0.0.1:\(server.port)\(path)") else { throw HarnessError(path) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(form.utf8)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await LearnerPageTests.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HarnessError("no HTTP response") }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return LearnerPageTests.Page(
            status: http.statusCode, headers: fields, text: String(decoding: data, as: UTF8.self))
    }
}

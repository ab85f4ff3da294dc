import Foundation
import Testing

@testable import ItemBankServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The organiser's pages over real HTTP on the built server (SQLite store): sign-in with the organiser
/// token (cookie attributes, CSRF refusals), the campaign form (errors next to their field, what was typed
/// kept), a campaign's code and progress after learners' positionings, the CSV, 403 / 404 pages.
@Suite("itembank-server organiser pages (built binary, SQLite store)", .serialized)
struct OrganiserPageTests {
    static let teacher = CampaignTests.teacherToken
    static let otherTeacher = "other-teacher-token-for-tests-4567"
    static let cookie = "itembank_organiser=" + teacher

    /// A request with optional cookie, form body and headers; redirects not followed.
    static func fetch(
        _ server: ServerProcess, _ method: String, _ path: String, cookie: String? = nil, form: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> LearnerPageTests.Page {
        guard let url = URL(string: "http://127.0.0.1:\(server.port)\(path)") else { throw HarnessError(path) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
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

    static func server(_ folder: String) throws -> ServerProcess {
        try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/learners.sqlite",
            extra: ["--organiser-token", teacher, "--organiser-token", otherTeacher])
    }

    static var csrf: String { OrganiserPages.csrfToken(for: teacher) }

    @Test func signInAndSignOut() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Self.server(folder)
        defer { server.stop() }

        // A new visitor: the sign-in form, with the learner page's headers.
        let first = try await Self.fetch(server, "GET", "/organise")
        #expect(first.status == 200)
        #expect(first.header("Content-Type") == "text/html; charset=utf-8")
        #expect(first.header("Content-Security-Policy") == LearnerPages.contentSecurityPolicy)
        #expect(first.header("Cache-Control") == "no-store")
        #expect(first.text.contains("<h1 id=\"content\" tabindex=\"-1\">Organiser sign-in</h1>"))
        #expect(first.text.contains("<label for=\"organiser-token\">Organiser token</label>"))
        #expect(
            first.text.contains(
                "<input type=\"password\" id=\"organiser-token\" name=\"token\" autocomplete=\"current-password\" "
                    + "spellcheck=\"false\" aria-describedby=\"token-hint\">"))
        #expect(first.text.contains("<input type=\"hidden\" name=\"next\" value=\"/organise\">"))
        #expect(!first.text.contains("Sign out"))
        #expect(!first.text.contains("<script"))

        // Wrong, empty and learner tokens: the form again with the message next to the field, no cookie.
        let learner = try await server.newLearner()
        for (form, message) in [
            ("token=not-a-teacher-token-at-all", "This is not an organiser token: check it and type it again."),
            ("token=+", "Type your organiser token."),
            ("token=\(learner.token)", "This is not an organiser token: check it and type it again."),
        ] {
            let refused = try await Self.fetch(server, "POST", "/organise/sign-in", form: form)
            #expect(refused.status == 401)
            #expect(refused.header("Set-Cookie").isEmpty)
            #expect(refused.text.contains("<p class=\"error\" id=\"token-error\">\(message)</p>"))
            #expect(refused.text.contains("aria-describedby=\"token-hint token-error\" aria-invalid=\"true\">"))
        }
        // Posted from another site (login CSRF): refused, no cookie.
        let forged = try await Self.fetch(
            server, "POST", "/organise/sign-in", form: "token=\(Self.teacher)",
            headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(forged.status == 403)
        #expect(forged.header("Set-Cookie").isEmpty)
        #expect(forged.text.contains("<h1 id=\"content\" tabindex=\"-1\">Form refused</h1>"))

        // The right token: the cookie, then the campaigns page (empty).
        let signedIn = try await Self.fetch(server, "POST", "/organise/sign-in", form: "token=\(Self.teacher)")
        #expect(signedIn.status == 303)
        #expect(signedIn.header("Location") == "/organise")
        #expect(
            signedIn.header("Set-Cookie")
                == "itembank_organiser=\(Self.teacher); Path=/organise; HttpOnly; SameSite=Strict; Max-Age=28800")
        let secure = try await Self.fetch(
            server, "POST", "/organise/sign-in", form: "token=\(Self.teacher)", headers: ["X-Forwarded-Proto": "https"])
        #expect(secure.header("Set-Cookie").hasSuffix("; Max-Age=28800; Secure"))
        // Back to the page asked for, never to another site.
        for (next, location) in [
            ("%2Forganise%2Fcampaigns%2Fnew", "/organise/campaigns/new"),
            ("https%3A%2F%2Fevil.example%2F", "/organise"),
            ("%2F%2Fevil.example", "/organise"), ("%2Forganise%2F%2Fevil.example", "/organise"),
            ("%2Flearn", "/organise"),
        ] {
            let reply = try await Self.fetch(
                server, "POST", "/organise/sign-in", form: "next=\(next)&token=\(Self.teacher)")
            #expect(reply.header("Location") == location, "\(next)")
        }
        let home = try await Self.fetch(server, "GET", "/organise", cookie: Self.cookie)
        #expect(home.status == 200)
        #expect(home.text.contains("<h1 id=\"content\" tabindex=\"-1\">Your campaigns</h1>"))
        #expect(home.text.contains("<p><a class=\"button-link\" href=\"/organise/campaigns/new\">New campaign</a></p>"))
        #expect(home.text.contains("<p class=\"empty\">You have no campaign yet."))
        #expect(
            home.text.contains(
                "<form method=\"post\" action=\"/organise/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\""
                    + Self.csrf + "\"><button type=\"submit\" class=\"secondary\">Sign out</button></form>"))

        // Sign-out needs the page's CSRF token; then the cookie expires.
        let noToken = try await Self.fetch(server, "POST", "/organise/sign-out", cookie: Self.cookie, form: "")
        #expect(noToken.status == 403)
        #expect(noToken.header("Set-Cookie").isEmpty)
        let out = try await Self.fetch(
            server, "POST", "/organise/sign-out", cookie: Self.cookie, form: "csrf=\(Self.csrf)")
        #expect(out.status == 303)
        #expect(out.header("Location") == "/organise?signed-out=1")
        #expect(out.header("Set-Cookie") == "itembank_organiser=; Path=/organise; HttpOnly; SameSite=Strict; Max-Age=0")
        let after = try await Self.fetch(server, "GET", "/organise?signed-out=1")
        #expect(
            after.text.contains("<div id=\"notice\" role=\"status\"><p class=\"notice\">You are signed out.</p></div>"))

        // A cookie that is no organiser's token (any more): the sign-in page saying so, the cookie dropped.
        let stale = try await Self.fetch(
            server, "GET", "/organise", cookie: "itembank_organiser=revoked-token-0123456789")
        #expect(stale.status == 401)
        #expect(
            stale.text.contains(
                "<p class=\"error\" id=\"token-error\">Your sign-in is no longer valid (the token is not an organiser "
                    + "token): sign in again.</p>"))
        #expect(stale.header("Set-Cookie").hasSuffix("Max-Age=0"))
        // A page of the organiser's without a cookie: the sign-in page, which leads back to it.
        let deep = try await Self.fetch(server, "GET", "/organise/campaigns/new")
        #expect(deep.status == 401)
        #expect(deep.text.contains("<input type=\"hidden\" name=\"next\" value=\"/organise/campaigns/new\">"))
        #expect(!deep.text.contains("id=\"token-error\""))
    }

    @Test func createACampaignThroughTheForm() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Self.server(folder)
        defer { server.stop() }

        let form = try await Self.fetch(server, "GET", "/organise/campaigns/new", cookie: Self.cookie)
        #expect(form.status == 200)
        #expect(form.text.contains("<label for=\"campaign-title\">Title</label>"))
        #expect(
            form.text.contains(
                "<input type=\"text\" id=\"campaign-title\" name=\"title\" value=\"\" maxlength=\"200\" "
                    + "autocomplete=\"off\" aria-describedby=\"title-hint\"></div>"))
        #expect(
            form.text.contains(
                "<fieldset aria-describedby=\"competences-hint\">\n<legend>Competences</legend>"))
        #expect(
            form.text.contains(
                "<div class=\"choice\"><input type=\"checkbox\" name=\"competences\" id=\"competence-1\" value=\"1.1\">"
                    + "<label for=\"competence-1\">1.1 <span lang=\"fr-FR\">Mener une recherche et une veille "
                    + "d’information</span></label></div>"))
        #expect(form.text.components(separatedBy: "type=\"checkbox\"").count - 1 == 16)
        #expect(form.text.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(Self.csrf)\">"))

        // No competence: the error next to the fieldset, in the summary, and the title as typed.
        let typed = "title=4e+B+%3Crentr%C3%A9e%3E+&csrf=\(Self.csrf)"
        let missing = try await Self.fetch(server, "POST", "/organise/campaigns", cookie: Self.cookie, form: typed)
        #expect(missing.status == 422)
        #expect(missing.text.contains("<title>Error: new campaign — itembank</title>"))
        #expect(
            missing.text.contains(
                "<div class=\"error-summary\" role=\"alert\">\n<h2>The campaign was not created</h2>\n<ul>\n"
                    + "<li><a href=\"#competence-1\">Competences: Choose at least one competence.</a></li>\n</ul>"))
        #expect(
            missing.text.contains(
                "<fieldset class=\"invalid\" aria-describedby=\"competences-hint competences-error\">"))
        #expect(
            missing.text.contains("<p class=\"error\" id=\"competences-error\">Choose at least one competence.</p>"))
        #expect(missing.text.contains("name=\"title\" value=\"4e B &lt;rentrée&gt; \" maxlength"))
        #expect(!missing.text.contains("id=\"title-error\""))
        // A blank title with two competences ticked: the title's error, the boxes still ticked.
        let blank = try await Self.fetch(
            server, "POST", "/organise/campaigns", cookie: Self.cookie,
            form: "title=+++&competences=1.1&competences=2.1&csrf=\(Self.csrf)")
        #expect(blank.status == 422)
        #expect(blank.text.contains("<p class=\"error\" id=\"title-error\">Give the campaign a title.</p>"))
        #expect(blank.text.contains("aria-describedby=\"title-hint title-error\" aria-invalid=\"true\"></div>"))
        #expect(blank.text.contains("<li><a href=\"#campaign-title\">Title: Give the campaign a title.</a></li>"))
        #expect(blank.text.contains("id=\"competence-1\" value=\"1.1\" checked>"))
        #expect(blank.text.contains("id=\"competence-4\" value=\"2.1\" checked>"))
        #expect(blank.text.contains("id=\"competence-2\" value=\"1.2\">"))
        // A competence the bank does not have.
        let unknown = try await Self.fetch(
            server, "POST", "/organise/campaigns", cookie: Self.cookie,
            form: "title=x&competences=9.9&csrf=\(Self.csrf)")
        #expect(unknown.status == 422)
        #expect(
            unknown.text.contains("<p class=\"error\" id=\"competences-error\">The bank has no competence 9.9; its"))
        // Without the page's CSRF token, or from another site: nothing is created.
        let noToken = try await Self.fetch(
            server, "POST", "/organise/campaigns", cookie: Self.cookie, form: "title=x&competences=1.1")
        #expect(noToken.status == 403)
        let crossSite = try await Self.fetch(
            server, "POST", "/organise/campaigns", cookie: Self.cookie,
            form: "title=x&competences=1.1&csrf=\(Self.csrf)", headers: ["Sec-Fetch-Site": "same-site"])
        #expect(crossSite.status == 403)
        let none = try await server.request("GET", "/v1/campaigns", token: Self.teacher).json()
        #expect((none["campaigns"] as? [Any])?.isEmpty == true)

        // Created: the campaign's page, its code big, the empty state.
        let created = try await Self.fetch(
            server, "POST", "/organise/campaigns", cookie: Self.cookie,
            form: typed + "&competences=1.1&competences=2.1")
        #expect(created.status == 303)
        let listed = try await server.request("GET", "/v1/campaigns", token: Self.teacher).json()
        let campaign = try #require((listed["campaigns"] as? [[String: Any]])?.first)
        let code = try #require(campaign["code"] as? String)
        #expect(campaign["title"] as? String == "4e B <rentrée>")
        #expect(campaign["competences"] as? [String] == ["1.1", "2.1"])
        #expect(created.header("Location") == "/organise/campaigns/\(code)?created=1")
        let page = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)?created=1", cookie: Self.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("<h1 id=\"content\" tabindex=\"-1\">Campaign: 4e B &lt;rentrée&gt;</h1>"))
        #expect(page.text.contains("Campaign created. Write its code on the board: learners join with it."))
        #expect(page.text.contains("<p class=\"campaign-code\">\(code.prefix(4)) \(code.dropFirst(4))</p>"))
        #expect(
            page.text.contains(
                "<p>Learners open <a href=\"/learn\">http://127.0.0.1:\(server.port)/learn</a>, press Start"))
        #expect(
            page.text.contains(
                "<li>2.1 <span lang=\"fr-FR\">Interagir</span></li>"))
        #expect(page.text.contains("<p class=\"empty\">No learner has joined yet."))
        #expect(!page.text.contains("<table>"))
        let again = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)", cookie: Self.cookie)
        #expect(!again.text.contains("Campaign created."))

        // The list: one row, with what the API says.
        let createdAt = try #require(campaign["createdAt"] as? String)
        let home = try await Self.fetch(server, "GET", "/organise", cookie: Self.cookie)
        #expect(home.text.contains("<caption id=\"campaigns-caption\">Your 1 campaign, newest first</caption>"))
        #expect(
            home.text.contains(
                "<tr><th scope=\"row\"><a href=\"/organise/campaigns/\(code)\">4e B &lt;rentrée&gt;</a></th>"
                    + "<td><code>\(code.prefix(4)) \(code.dropFirst(4))</code></td><td>1.1, 2.1</td><td><time datetime=\""
                    + createdAt.prefix(19)))
        #expect(
            home.text.contains(
                ">\(Self.shown(createdAt))</time></td><td>0</td><td>0</td></tr>"))
    }

    @Test func progressAfterTheLearnersPositionings() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Self.server(folder)
        defer { server.stop() }
        let bank = try Harness.openBank(Harness.crcnBank)
        let created = try await server.request(
            "POST", "/v1/campaigns", token: Self.teacher, json: ["title": "5e A", "competences": ["1.1", "2.1"]])
        let code = try #require(try created.json()["code"] as? String)

        // Camille finishes 1.1 and answers one question of 2.1; Noah joins without a name.
        let camille = try await server.newLearner()
        let noah = try await server.newLearner()
        _ = try await server.request(
            "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": code, "name": "Camille <D.>"])
        _ = try await server.request("POST", "/v1/learner/campaigns", token: noah.token, json: ["code": code])
        var session = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"]
        ).json()
        while session["item"] != nil {
            session = try await CampaignTests.answer(server, token: camille.token, session: session, bank: bank)
        }
        let started = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "2.1"]
        ).json()
        _ = try await CampaignTests.answer(server, token: camille.token, session: started, bank: bank)

        let api = try await server.request("GET", "/v1/campaigns/\(code)", token: Self.teacher).json()
        let participants = try #require(api["participants"] as? [[String: Any]])
        let first = try #require((participants.first?["competences"] as? [[String: Any]])?.first)
        let level = try #require(first["level"] as? Int)
        let pix = try #require(first["pix"] as? Int)
        let camilleLast = try #require(participants.first?["lastActivity"] as? String)
        let noahLast = try #require(participants.last?["lastActivity"] as? String)

        let page = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)", cookie: Self.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("<p>2 learners joined; 0 finished every competence.</p>"))
        #expect(page.text.contains("<a href=\"/organise/campaigns/\(code)/results\">Download the results (CSV)</a>"))
        let head: String = [
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"progress-caption\" tabindex=\"0\">\n<table>\n",
            "<caption id=\"progress-caption\">Progress of each learner, in the order they joined</caption>\n",
            "<thead><tr><th scope=\"col\">Learner</th><th scope=\"col\">Competences finished</th>",
            "<th scope=\"col\"><span class=\"visually-hidden\">Competence </span>1.1</th>",
            "<th scope=\"col\"><span class=\"visually-hidden\">Competence </span>2.1</th>",
            "<th scope=\"col\">Last activity</th></tr></thead>",
        ].joined()
        #expect(page.text.contains(head))
        #expect(
            page.text.contains(
                "<tr><th scope=\"row\">Camille &lt;D.&gt;</th><td>1 of 2</td><td>Level \(level), \(pix) pix</td>"
                    + "<td>In progress (1 answer)</td><td><time datetime=\"\(camilleLast.prefix(19))"))
        #expect(page.text.contains(">\(Self.shown(camilleLast))</time></td></tr>"))
        #expect(
            page.text.contains(
                "<tr><th scope=\"row\"><span class=\"unnamed\">No name given</span> (\(noah.id))</th><td>0 of 2</td>"
                    + "<td>Not started</td><td>Not started</td><td><time datetime=\"\(noahLast.prefix(19))"))

        // The CSV behind the link is the API's, byte for byte, as a download.
        let csv = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)/results", cookie: Self.cookie)
        let apiCSV = try await server.request("GET", "/v1/campaigns/\(code)/results", token: Self.teacher)
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"campaign-\(code).csv\"")
        #expect(csv.text == apiCSV.text)
        #expect(csv.text.contains("\n\(camille.id),Camille <D.>,1.1,\(level),\(pix),"))
        let signedOut = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)/results")
        #expect(signedOut.status == 401)
        #expect(signedOut.header("Content-Type") == "text/html; charset=utf-8")

        // Camille finishes 2.1: the list counts her as finished.
        var second = try await server.request(
            "GET", "/v1/sessions/\(started["session"] as? String ?? "")", token: camille.token
        )
        .json()
        while second["item"] != nil {
            second = try await CampaignTests.answer(server, token: camille.token, session: second, bank: bank)
        }
        let home = try await Self.fetch(server, "GET", "/organise", cookie: Self.cookie)
        #expect(home.text.contains("</time></td><td>2</td><td>1</td></tr>"))
        let done = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)", cookie: Self.cookie)
        #expect(done.text.contains("<p>2 learners joined; 1 finished every competence.</p>"))
        #expect(
            done.text.contains(
                "<tr><th scope=\"row\">Camille &lt;D.&gt;</th><td>2 of 2</td><td>Level \(level), \(pix) pix</td><td>Level "
            ))
    }

    /// Closing a campaign from its page: the form (CSRF-checked), then the page and the list say it is
    /// closed; the learner's campaign page keeps "Continue" for the positioning in progress and drops
    /// "Start" for the other.
    @Test func closeTheCampaignThroughThePage() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Self.server(folder)
        defer { server.stop() }
        let bank = try Harness.openBank(Harness.crcnBank)
        let created = try await server.request(
            "POST", "/v1/campaigns", token: Self.teacher, json: ["title": "5e A", "competences": ["1.1", "2.1"]])
        let code = try #require(try created.json()["code"] as? String)
        let camille = try await server.newLearner()
        _ = try await server.request(
            "POST", "/v1/learner/campaigns", token: camille.token, json: ["code": code, "name": "Camille"])
        let started = try await server.request(
            "POST", "/v1/learner/campaigns/\(code)/sessions", token: camille.token, json: ["competence": "1.1"]
        ).json()
        _ = try await CampaignTests.answer(server, token: camille.token, session: started, bank: bank)

        let open = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)", cookie: Self.cookie)
        let form = [
            "<h2 id=\"close-heading\">Close the campaign</h2>\n",
            "<form method=\"post\" action=\"/organise/campaigns/\(code)/close\" aria-labelledby=\"close-heading\">\n",
            "<input type=\"hidden\" name=\"csrf\" value=\"\(Self.csrf)\">\n",
        ].joined()
        #expect(open.text.contains(form))
        #expect(
            open.text.contains(
                "<button type=\"submit\" class=\"secondary\" aria-describedby=\"close-help\">Close the campaign</button>"
            ))
        #expect(!open.text.contains("class=\"closed\""))

        // Without the page's CSRF token, or from another site: refused, still open.
        for (body, headers) in [("", [:]), ("csrf=\(Self.csrf)", ["Sec-Fetch-Site": "cross-site"])] {
            let forged = try await Self.fetch(
                server, "POST", "/organise/campaigns/\(code)/close", cookie: Self.cookie, form: body, headers: headers)
            #expect(forged.status == 403)
            #expect(forged.text.contains("<h1 id=\"content\" tabindex=\"-1\">Form refused</h1>"))
        }
        let other = try await Self.fetch(
            server, "POST", "/organise/campaigns/\(code)/close",
            cookie: "itembank_organiser=" + Self.otherTeacher,
            form: "csrf=\(OrganiserPages.csrfToken(for: Self.otherTeacher))")
        #expect(other.status == 403)
        #expect(
            try await server.request("GET", "/v1/campaigns/\(code)", token: Self.teacher).json()["campaign"]
                .flatMap { ($0 as? [String: Any])?["closedAt"] } == nil)

        let closed = try await Self.fetch(
            server, "POST", "/organise/campaigns/\(code)/close", cookie: Self.cookie, form: "csrf=\(Self.csrf)")
        #expect(closed.status == 303)
        #expect(closed.header("Location") == "/organise/campaigns/\(code)?closed=1")
        let campaign = try #require(
            try await server.request("GET", "/v1/campaigns/\(code)", token: Self.teacher).json()["campaign"]
                as? [String: Any])
        let closedAt = try #require(campaign["closedAt"] as? String)
        let page = try await Self.fetch(server, "GET", "/organise/campaigns/\(code)?closed=1", cookie: Self.cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("<div id=\"notice\" role=\"status\"><p class=\"notice\">Campaign closed.</p></div>"))
        #expect(
            page.text.contains(
                "<p class=\"closed\"><strong>Closed <time datetime=\"\(closedAt.prefix(19))"))
        #expect(
            page.text.contains(
                "</time>.</strong> Learners can no longer join it or start a positioning; those already started go on, "
                    + "and the results below stay.</p>"))
        #expect(!page.text.contains("Close the campaign"))
        #expect(!page.text.contains("press Start, then type this code"))
        #expect(open.text.contains("press Start, then type this code"))
        let list = try await Self.fetch(server, "GET", "/organise", cookie: Self.cookie)
        #expect(list.text.contains("\">5e A</a> (closed <time datetime=\"\(closedAt.prefix(19))"))

        let learner = try await LearnerPageTests.fetch(
            server, "GET", "/learn/campaigns/\(code)", cookie: "itembank_learner=" + camille.token)
        #expect(learner.status == 200)
        #expect(
            learner.text.contains(
                "<p class=\"closed\">Your teacher closed this campaign: you can finish the tests in progress, but not "
                    + "start the others.</p>"))
        #expect(learner.text.contains("<button type=\"submit\">Continue 1.1</button>"))
        #expect(!learner.text.contains("Start 2.1"))
    }

    @Test func anotherOrganisersCampaignAndUnknownCodes() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Self.server(folder)
        defer { server.stop() }
        let created = try await server.request(
            "POST", "/v1/campaigns", token: Self.otherTeacher, json: ["title": "3e C", "competences": ["3.1"]])
        let code = try #require(try created.json()["code"] as? String)

        for path in ["/organise/campaigns/\(code)", "/organise/campaigns/\(code)/results"] {
            let page = try await Self.fetch(server, "GET", path, cookie: Self.cookie)
            #expect(page.status == 403, "\(path)")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1 id=\"content\" tabindex=\"-1\">Forbidden</h1>"))
            #expect(
                page.text.contains(
                    "<p role=\"alert\">Campaign \(code) is another organiser's: only its organiser sees it.</p>"))
            #expect(page.text.contains("<p><a href=\"/organise\">Back to your campaigns</a></p>"))
            #expect(!page.text.contains("3e C"))
        }
        // The other organiser sees it; their list does not show it to the first.
        let theirs = try await Self.fetch(
            server, "GET", "/organise/campaigns/\(code)", cookie: "itembank_organiser=" + Self.otherTeacher)
        #expect(theirs.status == 200)
        // The code as the page shows it (two groups of 4), lower case or with a hyphen: the same campaign.
        let grouped = "\(code.prefix(4))%20\(code.dropFirst(4))"
        for typed in [grouped, code.lowercased(), "\(code.prefix(4))-\(code.dropFirst(4))"] {
            let page = try await Self.fetch(
                server, "GET", "/organise/campaigns/\(typed)", cookie: "itembank_organiser=" + Self.otherTeacher)
            #expect(page.status == 200, "\(typed)")
            let api = try await server.request("GET", "/v1/campaigns/\(typed)", token: Self.otherTeacher)
            #expect(api.status == 200, "\(typed)")
        }
        let mine = try await Self.fetch(server, "GET", "/organise", cookie: Self.cookie)
        #expect(!mine.text.contains(code))

        for typed in ["ABCDEFGH", "nope"] {
            let page = try await Self.fetch(server, "GET", "/organise/campaigns/\(typed)", cookie: Self.cookie)
            #expect(page.status == 404)
            #expect(page.text.contains("<h1 id=\"content\" tabindex=\"-1\">Not found</h1>"))
            #expect(
                page.text.contains(
                    "<p role=\"alert\">There is no campaign with the code \(typed): your campaigns are listed at "
                        + "/organise.</p>"))
        }
    }

    /// The pure parts: cookie values, CSRF tokens, dates, codes.
    @Test func cookieAndCSRFValues() {
        #expect(OrganiserPages.cookieValue("a;b c%é") == "a%3Bb%20c%25%C3%A9")
        #expect(OrganiserPages.token(cookieValue: "a%3Bb%20c%25%C3%A9") == "a;b c%é")
        #expect(OrganiserPages.token(cookieValue: "") == nil)
        let token = OrganiserPages.csrfToken(for: "teacher-token-for-tests-0123")
        #expect(token.count == 64)
        #expect(token != OrganiserPages.csrfToken(for: "teacher-token-for-tests-0124"))
        #expect(OrganiserPages.isValidCSRF(token, token: "teacher-token-for-tests-0123"))
        #expect(!OrganiserPages.isValidCSRF(token, token: "teacher-token-for-tests-0124"))
        #expect(!OrganiserPages.isValidCSRF(nil, token: "teacher-token-for-tests-0123"))
        #expect(OrganiserPages.grouped("R7ZN8FMB") == "R7ZN 8FMB")
        #expect(OrganiserPages.safeNext("/organise/campaigns/R7ZN8FMB") == "/organise/campaigns/R7ZN8FMB")
        for unsafe in [
            nil, "", "/organiser", "/organise/../learn", "/organise/%2e%2e/learn", "/organise\\x", "//evil.example",
            "https://evil.example/organise", "/organise/ x",
        ] {
            #expect(OrganiserPages.safeNext(unsafe) == "/organise", "\(unsafe ?? "nil")")
        }
        #expect(
            OrganiserPages.time(Date(timeIntervalSince1970: 1_796_654_330.5))
                == "<time datetime=\"2026-12-07T14:38:50.500Z\">2026-12-07 14:38 UTC</time>")
    }

    /// `2026-12-07T14:52:10Z` as the pages show it: `2026-12-07 14:52 UTC`.
    static func shown(_ iso: String) -> String {
        "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }
}

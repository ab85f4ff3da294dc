import Foundation
import ItemBankServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The learner page (`/learn`) over real HTTP on the built server: form posts, redirects and the cookie
/// handled by hand (no redirect followed, no cookie store), as a browser without JavaScript would.
@Suite("itembank-server learner page (built binary, SQLite store)", .serialized)
struct LearnerPageTests {
    /// A reply with its headers.
    struct Page {
        var status: Int
        var headers: [String: String]
        var text: String
        func header(_ name: String) -> String {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value ?? ""
        }
    }

    /// Refuses every redirect, so the test sees the 303 itself.
    final class NoRedirect: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) { completionHandler(nil) }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration, delegate: NoRedirect(), delegateQueue: nil)
    }()

    static func fetch(
        _ server: ServerProcess, _ method: String, _ path: String, cookie: String? = nil, form: String? = nil
    ) async throws -> Page {
        guard let url = URL(string: "http://127.0.0.1:\(server.port)\(path)") else { throw HarnessError(path) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HarnessError("no HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return Page(status: http.statusCode, headers: headers, text: String(decoding: data, as: UTF8.self))
    }

    @Test func positioningThroughForms() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/learners.sqlite")
        defer { server.stop() }

        // A new visitor sees the Start button; the page loads nothing from elsewhere.
        let home = try await Self.fetch(server, "GET", "/learn")
        #expect(home.status == 200)
        #expect(home.header("Content-Type") == "text/html; charset=utf-8")
        #expect(home.header("Content-Security-Policy") == LearnerPages.contentSecurityPolicy)
        #expect(home.text.contains("<form method=\"post\" action=\"/learn/start\">"))
        #expect(!home.text.contains("<script"))

        // Start: a learner, its token in an HttpOnly SameSite=Strict cookie, then PRG to /learn.
        let start = try await Self.fetch(server, "POST", "/learn/start", form: "")
        #expect(start.status == 303)
        #expect(start.header("Location") == "/learn")
        let setCookie = start.header("Set-Cookie")
        #expect(setCookie.hasPrefix("itembank_learner="))
        #expect(setCookie.contains("; Path=/learn; HttpOnly; SameSite=Strict"))
        let cookie = String(setCookie.prefix { $0 != ";" })

        let choose = try await Self.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(choose.text.contains("<legend>Positioning test: choose a competence</legend>"))
        // The page's words are English, the CRCN titles French: marked so that a screen reader switches.
        #expect(
            choose.text.contains(
                "<label for=\"competence-1\">1.1 <span lang=\"fr-FR\">Mener une recherche et une veille d’information</span> — level 0, 0 pix</label>"
            ))
        #expect(choose.text.contains("value=\"1.1\" checked>"))

        // Without the cookie (another site's form post): nothing starts.
        let forged = try await Self.fetch(
            server, "POST", "/learn/sessions", form: "kind=positioning&competence=1.1")
        #expect(forged.status == 303)
        #expect(forged.header("Location") == "/learn")

        // An unknown competence: an HTML page with the reason, status 422.
        let unknown = try await Self.fetch(
            server, "POST", "/learn/sessions", cookie: cookie, form: "kind=positioning&competence=9.9")
        #expect(unknown.status == 422)
        #expect(unknown.header("Content-Type") == "text/html; charset=utf-8")
        #expect(unknown.text.contains("<p role=\"alert\">"))
        #expect(unknown.text.contains("9.9"))

        let started = try await Self.fetch(
            server, "POST", "/learn/sessions", cookie: cookie, form: "kind=positioning&competence=1.1")
        #expect(started.status == 303)
        let location = started.header("Location")
        #expect(location.hasPrefix("/learn/sessions/") && location.hasSuffix("#item"))
        let path = String(location.dropLast("#item".count))
        let id = String(path.dropFirst("/learn/sessions/".count))
        #expect(id.count == 32)

        let first = try await Self.fetch(server, "GET", path, cookie: cookie)
        #expect(first.status == 200)
        #expect(first.text.contains("<h1 id=\"item\" tabindex=\"-1\">Positioning test: question 1</h1>"))
        #expect(first.text.contains("<form method=\"post\" action=\"/learn/sessions/\(id)/answers\">"))
        #expect(first.text.contains("<section class=\"ib-item"))
        #expect(!first.text.contains("ib-key"))
        #expect(
            first.text.contains("<div id=\"outcome\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>"))
        let item = try #require(Self.hiddenItem(first.text))

        // Another learner's cookie does not see the session.
        let other = try await Self.fetch(server, "POST", "/learn/start", form: "")
        let otherCookie = String(other.header("Set-Cookie").prefix { $0 != ";" })
        let foreign = try await Self.fetch(server, "GET", path, cookie: otherCookie)
        #expect(foreign.status == 404)

        // Skip: recorded, PRG to the next question with the outcome in the live region.
        let skipped = try await Self.fetch(
            server, "POST", path + "/answers", cookie: cookie, form: "item=\(item)&action=skip")
        #expect(skipped.status == 303)
        #expect(skipped.header("Location") == path + "?outcome=skipped#item")
        let second = try await Self.fetch(server, "GET", path + "?outcome=skipped", cookie: cookie)
        #expect(second.text.contains("<p class=\"outcome outcome-skipped\">Previous question skipped.</p>"))
        #expect(second.text.contains("Positioning test: question 2</h1>"))

        // The first page posted again (back button): not recorded, back to where the session stands.
        let again = try await Self.fetch(
            server, "POST", path + "/answers", cookie: cookie, form: "item=\(item)&action=skip")
        #expect(again.status == 303)
        #expect(again.header("Location") == path + "#item")
        let still = try await Self.fetch(server, "GET", path, cookie: cookie)
        #expect(still.text.contains("Positioning test: question 2</h1>"))

        // Skip to the end: the result page lists level and pix.
        var page = still
        var answered = 1
        while let next = Self.hiddenItem(page.text), answered < 100 {
            let reply = try await Self.fetch(
                server, "POST", path + "/answers", cookie: cookie, form: "item=\(next)&action=skip")
            #expect(reply.status == 303)
            answered += 1
            page = try await Self.fetch(server, "GET", path + "?outcome=skipped", cookie: cookie)
        }
        #expect(page.text.contains("<h1 id=\"item\" tabindex=\"-1\">Positioning test: result</h1>"))
        #expect(page.text.contains("<p>You answered \(answered) questions.</p>"))
        #expect(page.text.contains("<caption>Level and pix per competence</caption>"))
        #expect(
            page.text.contains(
                "<tr><th scope=\"row\">1.1 <span lang=\"fr-FR\">Mener une recherche et une veille d’information</span></th>"
            ))
    }

    /// GET on an address that only takes form posts (shown after a refused form, or reloaded) leads to
    /// the form's page, never to the API's problem+json 404.
    @Test func getOnFormAddressesLeadsToTheirPage() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let expected = [
            ("/organise/sign-in", "/organise"), ("/organise/sign-out", "/organise"),
            ("/organise/campaigns", "/organise"), ("/learn/start", "/learn"), ("/learn/sessions", "/learn"),
            ("/learn/campaigns", "/learn"), ("/learn/resume", "/learn"),
            ("/learn/sessions/0123abcd/answers", "/learn/sessions/0123abcd"),
            ("/learn/campaigns/B9KRPBVY/sessions", "/learn/campaigns/B9KRPBVY"),
        ]
        for (path, location) in expected {
            let page = try await Self.fetch(server, "GET", path)
            #expect(page.status == 303, "\(path)")
            #expect(page.header("Location") == location, "\(path)")
        }
    }

    @Test func formAnswersMapOntoLearnerAnswers() {
        let fields = LearnerPages.formFields("item=abc&choices=2&choices=3&response.r1=un+%C3%A9t%C3%A9&empty=")
        #expect(fields.map(\.name) == ["item", "choices", "choices", "response.r1", "empty"])
        #expect(fields.map(\.value) == ["abc", "2", "3", "un été", ""])
        // As the URL Standard decodes forms: bytes that are not UTF-8 become U+FFFD, a stray % stays.
        let odd = LearnerPages.formFields("title=a%FF%FEb&other=a%zzb&end=100%&nul=a%00b&plus=%2B1")
        #expect(odd.map(\.value) == ["a\u{FFFD}\u{FFFD}b", "a%zzb", "100%", "a\u{0}b", "+1"])
    }

    static func hiddenItem(_ html: String) -> String? {
        guard let range = html.range(of: "<input type=\"hidden\" name=\"item\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

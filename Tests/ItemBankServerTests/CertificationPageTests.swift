import AdaptiveTesting
import Foundation
import ItemBankServer
import Testing

/// Certification on the learner page, over real HTTP on the built server: eligibility stated on the home
/// page, the certification started from it, the certificate with its 3-year expiry on the result page
/// and listed on the home page.
@Suite("itembank-server learner page: certification (built binary, SQLite store)", .serialized)
struct CertificationPageTests {
    @Test func certificationFromThePage() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bank = try Harness.openBank(Harness.crcnBank)
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/learners.sqlite")
        defer { server.stop() }
        let start = try await LearnerPageTests.fetch(server, "POST", "/learn/start", form: "")
        let cookie = String(start.header("Set-Cookie").prefix { $0 != ";" })
        let token = String(cookie.dropFirst("itembank_learner=".count))

        var home = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(home.text.contains("<h2>Certification</h2>"))
        #expect(
            home.text.contains(
                "<p>Not eligible yet: the certification needs level 1 in 5 competences; you have it in 0. "
                    + "Take a positioning test in 5 more competences.</p>"))
        #expect(!home.text.contains("Start the certification"))
        let refused = try await LearnerPageTests.fetch(
            server, "POST", "/learn/sessions", cookie: cookie, form: "kind=certification")
        #expect(refused.status == 422)
        #expect(refused.text.contains("not eligible for certification"))

        // Five positionings, all right (through the API, with the cookie's token).
        let driver = SessionDriver(server: server, token: token, bank: bank)
        for competence in ["1.1", "1.2", "1.3", "2.1", "2.2"] {
            _ = try await driver.run(["kind": "positioning", "competence": competence]) { item, _ in
                ScriptedLearner.rightAnswer(to: item)
            }
        }
        home = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(home.text.contains("<p>You reached level 1 or more in 5 competences"))
        #expect(
            home.text.contains(
                "<input type=\"hidden\" name=\"kind\" value=\"certification\">\n"
                    + "<button type=\"submit\">Start the certification</button>"))

        let started = try await LearnerPageTests.fetch(
            server, "POST", "/learn/sessions", cookie: cookie, form: "kind=certification")
        #expect(started.status == 303)
        let location = started.header("Location")
        let id = String(location.dropFirst("/learn/sessions/".count).dropLast("#item".count))
        let first = try await LearnerPageTests.fetch(server, "GET", "/learn/sessions/\(id)", cookie: cookie)
        #expect(first.text.contains("<h1 id=\"item\" tabindex=\"-1\">Certification: question 1</h1>"))
        var session = try await server.request("GET", "/v1/sessions/\(id)", token: token).json()
        while session["item"] != nil {
            session = try await CampaignTests.answer(server, token: token, session: session, bank: bank)
        }
        let certificate = try #require(session["certificate"] as? [String: Any])
        let date = try #require(certificate["date"] as? String)
        let expiry = try #require(certificate["expiry"] as? String)
        let pix = try #require(certificate["totalPix"] as? Int)
        let summary = "Certificate of \(date): validated, \(pix) pix, valid until \(expiry)."
        #expect(Int(expiry.prefix(4)) == (Int(date.prefix(4)) ?? 0) + 3)

        let result = try await LearnerPageTests.fetch(server, "GET", "/learn/sessions/\(id)", cookie: cookie)
        #expect(result.text.contains("<h1 id=\"item\" tabindex=\"-1\">Certification: result</h1>"))
        #expect(result.text.contains("<p>\(summary)</p>"))
        #expect(result.text.contains("<caption>Levels certified per competence</caption>"))
        let rows = result.text.components(separatedBy: "<tr><th scope=\"row\">").count - 1
        #expect(rows == (certificate["competences"] as? [Any])?.count)
        home = try await LearnerPageTests.fetch(server, "GET", "/learn", cookie: cookie)
        #expect(home.text.contains("<li>\(summary)</li>"))
    }
}

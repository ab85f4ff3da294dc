import Foundation
import ItemBankHTML

extension LearnerPages {
    /// The home page's campaign section: the campaigns the learner joined (links to their pages, with
    /// competences done / total) and a form to join one with its code.
    /// - Parameter campaigns: the learner's participations, in the order they joined.
    public static func campaignSection(_ campaigns: [ParticipationReply]) -> String {
        var body = ""
        if !campaigns.isEmpty {
            body += "<h2>Your campaigns</h2>\n<ul>\n"
            for campaign in campaigns {
                let href = "/learn/campaigns/" + HTMLText.escapeAttribute(campaign.code)
                body += "<li><a href=\"\(href)\">" + HTMLText.escape(campaign.title) + "</a>: "
                body += "\(campaign.done) of \(campaign.total) competence\(campaign.total == 1 ? "" : "s") done</li>\n"
            }
            body += "</ul>\n"
        }
        body += "<form method=\"post\" action=\"/learn/campaigns\">\n"
        body += "<fieldset>\n<legend>Join a campaign</legend>\n"
        body += "<div class=\"field\"><label for=\"campaign-code\">Campaign code (from your teacher)</label>\n"
        body += "<input type=\"text\" id=\"campaign-code\" name=\"code\" required autocomplete=\"off\" "
        body += "autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"20\"></div>\n"
        body += "<div class=\"field\"><label for=\"campaign-name\">Your name, as your teacher will see it</label>\n"
        body +=
            "<input type=\"text\" id=\"campaign-name\" name=\"name\" maxlength=\"100\" autocomplete=\"name\"></div>\n"
        body += "</fieldset>\n<button type=\"submit\">Join the campaign</button>\n</form>\n"
        return body
    }

    /// A campaign's page for a learner who joined it: each competence with where it stands, a button to
    /// start or continue its positioning test, and the level and pix of the ones done. Once the
    /// organiser closed the campaign, a note says so and only the tests in progress keep their button.
    /// - Parameters:
    ///   - participation: the learner's participation.
    ///   - competences: code and title of every competence of the current release.
    ///   - token: the learner's token, shown as their personal code (``personalCode(_:)``) to continue
    ///     on another device; nil to leave it out.
    ///   - language: BCP 47 language of the competence titles (see ``home(competences:scores:campaigns:certification:language:)``).
    public static func campaign(
        _ participation: ParticipationReply, competences: [(code: String, title: String)], token: String? = nil,
        language: String = ""
    ) -> String {
        let titles = Dictionary(competences.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })
        let code = HTMLText.escapeAttribute(participation.code)
        var body = "<p><a href=\"/learn\">Home</a></p>\n"
        body += "<h1 id=\"item\" tabindex=\"-1\">Campaign: " + HTMLText.escape(participation.title) + "</h1>\n"
        body += "<p>Campaign code <strong>\(HTMLText.escape(participation.code))</strong>. "
        body +=
            "\(participation.done) of \(participation.total) competence\(participation.total == 1 ? "" : "s") done. "
        body += "You can stop after any question and come back later: the test continues where you left it.</p>\n"
        if participation.closedAt != nil {
            body += "<p class=\"closed\">Your teacher closed this campaign: you can finish the tests in progress, "
            body += "but not start the others.</p>\n"
        }
        body += "<h2>Your positioning tests</h2>\n<ul class=\"campaign-competences\">\n"
        for competence in participation.competences {
            let name = OrganiserPages.competenceName(
                competence.competence, titles[competence.competence] ?? "", language)
            let status =
                switch competence.status {
                case "completed":
                    "Done: level \(competence.level.map(String.init) ?? "–"), \(competence.pix.map(String.init) ?? "–") pix"
                case "in-progress":
                    "In progress (\(competence.answered) answer\(competence.answered == 1 ? "" : "s"))"
                default: "Not started"
                }
            body += "<li><h3>\(name)</h3>\n<p class=\"status\">\(status)</p>\n"
            if competence.status == "in-progress" || (competence.status != "completed" && participation.closedAt == nil)
            {
                let verb = competence.status == "in-progress" ? "Continue" : "Start"
                body += "<form method=\"post\" action=\"/learn/campaigns/\(code)/sessions\">"
                body += "<input type=\"hidden\" name=\"competence\" value=\""
                body += HTMLText.escapeAttribute(competence.competence) + "\">"
                body += "<button type=\"submit\">\(verb) \(HTMLText.escape(competence.competence))</button></form>\n"
            }
            body += "</li>\n"
        }
        body += "</ul>\n"
        if let token {
            body += "<h2>On another device</h2>\n"
            body += "<p>To continue at home, enter this personal code on the first page there "
            body += "(“Continue with your personal code”). Keep it private: it opens your tests.</p>\n"
            body += "<p class=\"personal-code\"><code>\(HTMLText.escape(personalCode(token)))</code></p>\n"
        }
        return page(title: "Campaign: \(participation.title)", body: body)
    }

    /// A learner token as a personal code: hex digits in groups of 4 (`9c0e 1a2b …`).
    public static func personalCode(_ token: String) -> String {
        var groups: [String] = []
        var rest = Substring(token)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// A personal code as typed (spaces, hyphens, upper case) back to the token; nil when it cannot be one.
    public static func token(personalCode: String) -> String? {
        let token = personalCode.lowercased().filter { $0 != " " && $0 != "-" }
        guard token.count == 32, token.allSatisfy(\.isHexDigit) else { return nil }
        return token
    }

    /// The form that brings a learner's tests to this browser with their personal code.
    static func resumeForm() -> String {
        var body = "<form method=\"post\" action=\"/learn/resume\">\n"
        body += "<fieldset>\n<legend>Continue with your personal code</legend>\n"
        body +=
            "<div class=\"field\"><label for=\"personal-code\">Personal code (shown on your campaign page)</label>\n"
        body += "<input type=\"text\" id=\"personal-code\" name=\"code\" required autocomplete=\"off\" "
        body += "spellcheck=\"false\" maxlength=\"60\"></div>\n"
        body += "</fieldset>\n<button type=\"submit\">Continue</button>\n</form>\n"
        return body
    }
}

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
    /// start or continue its positioning test, and the level and pix of the ones done.
    /// - Parameters:
    ///   - participation: the learner's participation.
    ///   - competences: code and title of every competence of the current release.
    public static func campaign(
        _ participation: ParticipationReply, competences: [(code: String, title: String)]
    ) -> String {
        let titles = Dictionary(competences.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })
        let code = HTMLText.escapeAttribute(participation.code)
        var body = "<p><a href=\"/learn\">Home</a></p>\n"
        body += "<h1 id=\"item\" tabindex=\"-1\">Campaign: " + HTMLText.escape(participation.title) + "</h1>\n"
        body += "<p>Campaign code <strong>\(HTMLText.escape(participation.code))</strong>. "
        body +=
            "\(participation.done) of \(participation.total) competence\(participation.total == 1 ? "" : "s") done. "
        body += "You can stop after any question and come back later: the test continues where you left it.</p>\n"
        body += "<h2>Your positioning tests</h2>\n<ul class=\"campaign-competences\">\n"
        for competence in participation.competences {
            let name = HTMLText.escape("\(competence.competence) \(titles[competence.competence] ?? "")")
            let status =
                switch competence.status {
                case "completed":
                    "Done: level \(competence.level.map(String.init) ?? "–"), \(competence.pix.map(String.init) ?? "–") pix"
                case "in-progress":
                    "In progress (\(competence.answered) answer\(competence.answered == 1 ? "" : "s"))"
                default: "Not started"
                }
            body += "<li><h3>\(name)</h3>\n<p class=\"status\">\(status)</p>\n"
            if competence.status != "completed" {
                let verb = competence.status == "in-progress" ? "Continue" : "Start"
                body += "<form method=\"post\" action=\"/learn/campaigns/\(code)/sessions\">"
                body += "<input type=\"hidden\" name=\"competence\" value=\""
                body += HTMLText.escapeAttribute(competence.competence) + "\">"
                body += "<button type=\"submit\">\(verb) \(HTMLText.escape(competence.competence))</button></form>\n"
            }
            body += "</li>\n"
        }
        body += "</ul>\n"
        return page(title: "Campaign: \(participation.title)", body: body)
    }
}

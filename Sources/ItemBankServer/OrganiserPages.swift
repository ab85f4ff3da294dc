import Crypto
import Foundation
import ItemBankHTML

/// The organiser's pages: server-rendered HTML for a teacher to sign in with their organiser token,
/// list and create positioning campaigns, show a campaign's code big enough to write on a board, and
/// follow each learner's progress. No JavaScript, no external resource (the learner page's
/// Content-Security-Policy and style), plain form posts answered by `303 See Other` (POST-redirect-GET).
///
/// The organiser token travels in the cookie ``cookieName`` (`Path=/organise; HttpOnly; SameSite=Strict`,
/// `Secure` behind HTTPS, ``cookieLifetime`` seconds); every form of a signed-in page carries
/// ``csrfToken(for:)`` in the field `csrf`, which the routes check (docs/server.md, "The organiser's pages").
///
/// Accessibility: one `<main>`, a skip link to the page's heading (`#content`), every control labelled,
/// hints and errors tied to their field with `aria-describedby`, an error summary (`role=alert`) that
/// links to the fields, tables with a caption and `scope` on every header, a visible focus outline.
public enum OrganiserPages {
    /// Name of the cookie holding the organiser token.
    public static let cookieName = "itembank_organiser"
    /// The path the cookie is sent to: the organiser's pages only (not the API, not the learner page).
    public static let cookiePath = "/organise"
    /// How long a sign-in lasts in a browser, in seconds (8 hours: a school day on a shared computer).
    public static let cookieLifetime = 28_800

    // MARK: the cookie and the forms' CSRF token

    /// The `Set-Cookie` value that signs a browser in with `token`.
    /// - Parameter secure: the request came over HTTPS (through a TLS-terminating proxy): adds `Secure`.
    public static func signInCookie(token: String, secure: Bool) -> String {
        "\(cookieName)=\(cookieValue(token)); Path=\(cookiePath); HttpOnly; SameSite=Strict; "
            + "Max-Age=\(cookieLifetime)\(secure ? "; Secure" : "")"
    }

    /// The `Set-Cookie` value that signs a browser out (the cookie expires now).
    public static func signOutCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=\(cookiePath); HttpOnly; SameSite=Strict; Max-Age=0\(secure ? "; Secure" : "")"
    }

    /// A token as a cookie value: ASCII letters, digits and `-._~` as they are, every other byte
    /// percent-encoded (a cookie value holds no `;`, `,`, space or quote).
    public static func cookieValue(_ token: String) -> String {
        var out = ""
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// The token a cookie value holds (``cookieValue(_:)`` reversed); nil when empty or not decodable.
    public static func token(cookieValue: String) -> String? {
        guard !cookieValue.isEmpty, let token = cookieValue.removingPercentEncoding, !token.isEmpty else {
            return nil
        }
        return token
    }

    /// The CSRF token of the forms of a browser signed in with `token`: HMAC-SHA-256 keyed by the
    /// organiser token over a fixed label, hex. Another site knows neither, so it cannot forge a form post
    /// even where the browser would send the cookie (a same-site page, an old browser without SameSite).
    public static func csrfToken(for token: String) -> String {
        let key = SymmetricKey(data: Data(token.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data("itembank organiser form v1".utf8), using: key)
        return JourneyService.hex(code)
    }

    /// Whether a posted `csrf` field is the one of `token`'s forms (compared in constant time).
    public static func isValidCSRF(_ field: String?, token: String) -> Bool {
        guard let field else { return false }
        let expected = Array(csrfToken(for: token).utf8)
        let given = Array(field.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    /// Where a sign-in may send the browser: a path of the organiser's pages (no `//`, `..`, backslash,
    /// percent-encoding or space), else `/organise`: never another site (no open redirect).
    public static func safeNext(_ next: String?) -> String {
        guard let next, next == cookiePath || next.hasPrefix(cookiePath + "/"),
            !next.contains("\\"), !next.contains("//"), !next.contains("/.."), !next.contains("%"),
            next.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else { return cookiePath }
        return next
    }

    // MARK: pages

    /// The sign-in page: a form for the organiser token.
    /// - Parameters:
    ///   - error: why the last sign-in failed (shown next to the field), if it did.
    ///   - notice: a status line (`You are signed out.`), if any.
    ///   - next: the page to go to after signing in (``safeNext(_:)``).
    public static func signIn(error: String? = nil, notice: String? = nil, next: String? = nil) -> String {
        var body = "<h1 id=\"content\" tabindex=\"-1\">Organiser sign-in</h1>\n"
        body += "<div id=\"notice\" role=\"status\">"
        if let notice { body += "<p class=\"notice\">\(HTMLText.escape(notice))</p>" }
        body += "</div>\n"
        body += "<p>Sign in with your organiser token to create positioning campaigns and follow your learners. "
        body += "Learners do not sign in here: they use <a href=\"/learn\">the learner page</a>.</p>\n"
        body += "<form method=\"post\" action=\"/organise/sign-in\" novalidate>\n"
        body += "<input type=\"hidden\" name=\"next\" value=\"\(HTMLText.escapeAttribute(safeNext(next)))\">\n"
        body += "<div class=\"field\(error == nil ? "" : " invalid")\">"
        body += "<label for=\"organiser-token\">Organiser token</label>\n"
        body += "<p class=\"hint\" id=\"token-hint\">Given by your school's administrator. "
        body += "This browser keeps it for 8 hours, or until you sign out.</p>\n"
        var described = "token-hint"
        if let error {
            body += "<p class=\"error\" id=\"token-error\">\(HTMLText.escape(error))</p>\n"
            described += " token-error"
        }
        body += "<input type=\"password\" id=\"organiser-token\" name=\"token\" autocomplete=\"current-password\" "
        body += "spellcheck=\"false\" aria-describedby=\"\(described)\"\(error == nil ? "" : " aria-invalid=\"true\"")>"
        body += "</div>\n<button type=\"submit\">Sign in</button>\n</form>\n"
        return page(title: "Organiser sign-in", body: body, csrf: nil)
    }

    /// The organiser's campaigns, newest first: title, code, competences, creation date, learners
    /// joined and finished; a link to create one; an empty state.
    /// - Parameters:
    ///   - overviews: the organiser's campaigns as ``CampaignService/overviews(organiser:)`` gives them
    ///     (oldest first).
    ///   - csrf: the CSRF token of the signed-in browser (``csrfToken(for:)``).
    public static func campaigns(_ overviews: [CampaignOverview], csrf: String) -> String {
        var body = "<h1 id=\"content\" tabindex=\"-1\">Your campaigns</h1>\n"
        body += "<p><a class=\"button-link\" href=\"/organise/campaigns/new\">New campaign</a></p>\n"
        guard !overviews.isEmpty else {
            body += "<p class=\"empty\">You have no campaign yet. Create one: give it a title, choose the "
            body += "competences, then write its code on the board for your class.</p>\n"
            return page(title: "Your campaigns", body: body, csrf: csrf)
        }
        body += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"campaigns-caption\" tabindex=\"0\">\n"
        body += "<table>\n<caption id=\"campaigns-caption\">Your \(count(overviews.count, "campaign")), newest first"
        body += "</caption>\n<thead><tr><th scope=\"col\">Campaign</th><th scope=\"col\">Code</th>"
        body += "<th scope=\"col\">Competences</th><th scope=\"col\">Created</th>"
        body += "<th scope=\"col\">Learners joined</th><th scope=\"col\">Finished</th></tr></thead>\n<tbody>\n"
        for overview in overviews.reversed() {
            let campaign = overview.campaign
            body += "<tr><th scope=\"row\"><a href=\"/organise/campaigns/\(HTMLText.escapeAttribute(campaign.code))\">"
            body += HTMLText.escape(campaign.title) + "</a>"
            if let closedAt = campaign.closedAt { body += " (closed \(time(closedAt)))" }
            body += "</th>"
            body += "<td><code>\(HTMLText.escape(grouped(campaign.code)))</code></td>"
            body += "<td>\(HTMLText.escape(campaign.competences.joined(separator: ", ")))</td>"
            body += "<td>\(time(campaign.createdAt))</td>"
            body += "<td>\(campaign.participants)</td><td>\(overview.finished)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</div>\n"
        return page(title: "Your campaigns", body: body, csrf: csrf)
    }

    /// What the organiser typed in the campaign form, kept when it is shown again with its errors.
    public struct CampaignForm: Hashable, Sendable {
        public var title: String
        /// Competence codes ticked.
        public var competences: [String]

        public init(title: String = "", competences: [String] = []) {
            self.title = title
            self.competences = competences
        }
    }

    /// The form that creates a campaign: a title and the release's competences as checkboxes. With
    /// problems, an error summary first and each error next to its field, the typed values kept.
    /// - Parameters:
    ///   - form: what was typed (empty the first time).
    ///   - problems: ``CampaignService/problems(in:)`` of the posted form (empty the first time).
    ///   - competences: code and title of every competence of the current release, in bank order.
    ///   - language: BCP 47 language of the competence titles (the bank's framework language).
    ///   - csrf: the CSRF token of the signed-in browser.
    public static func newCampaign(
        form: CampaignForm = CampaignForm(), problems: [CampaignFieldProblem] = [],
        competences: [(code: String, title: String)], language: String, csrf: String
    ) -> String {
        let titleError = problems.first { $0.field == .title }.map { sentence($0.message) }
        let competencesError = problems.first { $0.field == .competences }.map { sentence($0.message) }
        var body = "<p><a href=\"/organise\">All campaigns</a></p>\n"
        body += "<h1 id=\"content\" tabindex=\"-1\">New campaign</h1>\n"
        if !problems.isEmpty {
            body += "<div class=\"error-summary\" role=\"alert\">\n<h2>The campaign was not created</h2>\n<ul>\n"
            if let titleError {
                body += "<li><a href=\"#campaign-title\">Title: \(HTMLText.escape(titleError))</a></li>\n"
            }
            if let competencesError {
                body += "<li><a href=\"#competence-1\">Competences: \(HTMLText.escape(competencesError))</a></li>\n"
            }
            body += "</ul>\n</div>\n"
        }
        body += "<form method=\"post\" action=\"/organise/campaigns\" novalidate>\n"
        body += csrfField(csrf) + "\n"
        body += "<div class=\"field\(titleError == nil ? "" : " invalid")\">"
        body += "<label for=\"campaign-title\">Title</label>\n"
        body += "<p class=\"hint\" id=\"title-hint\">What you and your learners see, such as "
        body += "“4e B — positionnement de rentrée”.</p>\n"
        var described = "title-hint"
        if let titleError {
            body += "<p class=\"error\" id=\"title-error\">\(HTMLText.escape(titleError))</p>\n"
            described += " title-error"
        }
        body += "<input type=\"text\" id=\"campaign-title\" name=\"title\" value=\""
        body += HTMLText.escapeAttribute(form.title) + "\" maxlength=\"200\" autocomplete=\"off\" "
        body += "aria-describedby=\"\(described)\"\(titleError == nil ? "" : " aria-invalid=\"true\"")></div>\n"
        described = "competences-hint"
        if competencesError != nil { described += " competences-error" }
        body += "<fieldset\(competencesError == nil ? "" : " class=\"invalid\"") aria-describedby=\"\(described)\">\n"
        body += "<legend>Competences</legend>\n"
        body += "<p class=\"hint\" id=\"competences-hint\">Each learner takes one positioning test per competence "
        body += "chosen.</p>\n"
        if let competencesError {
            body += "<p class=\"error\" id=\"competences-error\">\(HTMLText.escape(competencesError))</p>\n"
        }
        for (index, competence) in competences.enumerated() {
            let id = "competence-\(index + 1)"
            let checked = form.competences.contains(competence.code) ? " checked" : ""
            body += "<div class=\"choice\"><input type=\"checkbox\" name=\"competences\" id=\"\(id)\" value=\""
            body += HTMLText.escapeAttribute(competence.code) + "\"\(checked)>"
            body +=
                "<label for=\"\(id)\">\(competenceName(competence.code, competence.title, language))</label></div>\n"
        }
        body += "</fieldset>\n<button type=\"submit\">Create the campaign</button>\n</form>\n"
        return page(title: problems.isEmpty ? "New campaign" : "Error: new campaign", body: body, csrf: csrf)
    }

    /// One campaign: its code big enough to write on a board, where learners join, its competences, each
    /// learner's progress (competences finished, level and pix or where they stand per competence, last
    /// activity) and a link to the results as CSV; an empty state before anyone joined.
    /// - Parameters:
    ///   - progress: ``CampaignService/progress(organiser:code:)``.
    ///   - competences: code and title of every competence of the current release.
    ///   - language: BCP 47 language of the competence titles.
    ///   - learnerPage: the learner page's address to show (`http://school.example/learn`), or nil for `/learn`.
    ///   - created: the campaign was just created (a status line says so).
    ///   - closed: the organiser just closed it (a status line says so).
    ///   - csrf: the CSRF token of the signed-in browser.
    ///
    /// An open campaign ends with a form to close it; a closed one says since when, above its code.
    public static func campaign(
        _ progress: CampaignProgressReply, competences: [(code: String, title: String)], language: String,
        learnerPage: String? = nil, created: Bool = false, closed: Bool = false, csrf: String
    ) -> String {
        let campaign = progress.campaign
        let titles = Dictionary(competences.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })
        let code = HTMLText.escapeAttribute(campaign.code)
        var body = "<p><a href=\"/organise\">All campaigns</a></p>\n"
        body += "<h1 id=\"content\" tabindex=\"-1\">Campaign: \(HTMLText.escape(campaign.title))</h1>\n"
        body += "<div id=\"notice\" role=\"status\">"
        if created {
            body += "<p class=\"notice\">Campaign created. Write its code on the board: learners join with it.</p>"
        }
        if closed {
            body += "<p class=\"notice\">Campaign closed.</p>"
        }
        body += "</div>\n"
        if let closedAt = campaign.closedAt {
            body += "<p class=\"closed\"><strong>Closed \(time(closedAt)).</strong> Learners can no longer join "
            body += "it or start a positioning; those already started go on, and the results below stay.</p>\n"
        }
        body += "<h2 id=\"code-heading\">Campaign code</h2>\n"
        body += "<p class=\"campaign-code\">\(HTMLText.escape(grouped(campaign.code)))</p>\n"
        if campaign.closedAt == nil {
            let address = HTMLText.escape(learnerPage ?? "/learn")
            body += "<p>Learners open <a href=\"/learn\">\(address)</a>, press Start, then type this code under "
            body += "“Join a campaign” (capitals, spaces and hyphens do not matter).</p>\n"
        }
        body += "<p>Created \(time(campaign.createdAt)).</p>\n"
        body += "<h2>Competences</h2>\n<ul>\n"
        for competence in campaign.competences {
            body += "<li>\(competenceName(competence, titles[competence] ?? "", language))</li>\n"
        }
        body += "</ul>\n<h2>Progress</h2>\n"
        let finished = progress.participants.filter { $0.done == $0.total }.count
        guard !progress.participants.isEmpty else {
            body +=
                campaign.closedAt == nil
                ? "<p class=\"empty\">No learner has joined yet. Give the class the code above; "
                    + "each learner's progress shows here as soon as they join.</p>\n"
                : "<p class=\"empty\">No learner joined this campaign.</p>\n"
            return page(title: "Campaign: \(campaign.title)", body: body + closeForm(campaign, csrf: csrf), csrf: csrf)
        }
        body += "<p>\(count(progress.participants.count, "learner")) joined; \(finished) finished every "
        body += "competence.</p>\n"
        body += "<p><a href=\"/organise/campaigns/\(code)/results\">Download the results (CSV)</a>: one row per "
        body += "learner and competence, with level, pix, date and completion.</p>\n"
        body += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"progress-caption\" tabindex=\"0\">\n"
        body += "<table>\n<caption id=\"progress-caption\">Progress of each learner, in the order they joined"
        body += "</caption>\n<thead><tr><th scope=\"col\">Learner</th><th scope=\"col\">Competences finished</th>"
        for competence in campaign.competences {
            body += "<th scope=\"col\"><span class=\"visually-hidden\">Competence </span>"
            body += "\(HTMLText.escape(competence))</th>"
        }
        body += "<th scope=\"col\">Last activity</th></tr></thead>\n<tbody>\n"
        for participant in progress.participants {
            let name =
                participant.name.isEmpty
                ? "<span class=\"unnamed\">No name given</span> (\(HTMLText.escape(participant.learner)))"
                : HTMLText.escape(participant.name)
            body += "<tr><th scope=\"row\">\(name)</th><td>\(participant.done) of \(participant.total)</td>"
            for competence in campaign.competences {
                let entry = participant.competences.first { $0.competence == competence }
                body += "<td>\(status(entry))</td>"
            }
            body += "<td>\(time(participant.lastActivity))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</div>\n"
        return page(title: "Campaign: \(campaign.title)", body: body + closeForm(campaign, csrf: csrf), csrf: csrf)
    }

    /// The hidden field that carries a signed-in page's CSRF token in each of its forms.
    static func csrfField(_ csrf: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTMLText.escapeAttribute(csrf))\">"
    }

    /// The form that closes an open campaign (nothing for a closed one).
    static func closeForm(_ campaign: CampaignReply, csrf: String) -> String {
        guard campaign.closedAt == nil else { return "" }
        var form = "<h2 id=\"close-heading\">Close the campaign</h2>\n"
        form += "<form method=\"post\" action=\"/organise/campaigns/\(HTMLText.escapeAttribute(campaign.code))/close\" "
        form += "aria-labelledby=\"close-heading\">\n"
        form += csrfField(csrf) + "\n"
        form += "<p id=\"close-help\">When the term is over: nobody joins any more and no learner starts a new "
        form += "positioning; those already started can still be finished. This cannot be undone.</p>\n"
        form += "<button type=\"submit\" class=\"secondary\" aria-describedby=\"close-help\">Close the campaign"
        form += "</button>\n</form>\n"
        return form
    }

    /// A page stating an error in words (403 another organiser's campaign, 404 no such campaign…), with a
    /// way back to the campaigns.
    /// - Parameter csrf: the CSRF token when the browser is signed in (the header's sign-out), else nil.
    public static func problem(_ error: ServiceError, csrf: String?) -> String {
        var body = "<h1 id=\"content\" tabindex=\"-1\">" + HTMLText.escape(error.title) + "</h1>\n"
        body += "<p role=\"alert\">" + HTMLText.escape(sentence(error.detail)) + "</p>\n"
        body += "<p><a href=\"/organise\">Back to your campaigns</a></p>\n"
        return page(title: error.title, body: body, csrf: csrf)
    }

    // MARK: pieces

    /// A participant's state on one competence, in words.
    static func status(_ entry: CompetenceProgress?) -> String {
        guard let entry else { return "Not started" }
        switch entry.status {
        case "completed":
            return "Level \(entry.level.map(String.init) ?? "–"), \(entry.pix.map(String.init) ?? "–") pix"
        case "in-progress":
            return "In progress (\(count(entry.answered, "answer")))"
        default:
            return "Not started"
        }
    }

    /// A competence's code and title, the title marked with its language when it is not English.
    static func competenceName(_ code: String, _ title: String, _ language: String) -> String {
        let name = HTMLText.escape(code)
        guard !title.isEmpty else { return name }
        guard !language.isEmpty, !language.lowercased().hasPrefix("en") else {
            return name + " " + HTMLText.escape(title)
        }
        return name + " <span lang=\"\(HTMLText.escapeAttribute(language))\">\(HTMLText.escape(title))</span>"
    }

    /// A campaign code in two groups of 4 (`R7ZN 8FMB`), easier to read from a board.
    public static func grouped(_ code: String) -> String {
        code.count == 8 ? "\(code.prefix(4)) \(code.dropFirst(4))" : code
    }

    /// A date as `<time>`: `2026-12-07 14:52 UTC`, the machine-readable instant in `datetime`.
    static func time(_ date: Date) -> String {
        let stamp = JourneyService.timestamp(date)
        let shown = "\(stamp.prefix(10)) \(stamp.dropFirst(11).prefix(5)) UTC"
        return "<time datetime=\"\(stamp)\">\(shown)</time>"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A service message as a sentence: capital first letter, final full stop.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = first.uppercased() + text.dropFirst()
        return capitalised.hasSuffix(".") || capitalised.hasSuffix("?") ? capitalised : capitalised + "."
    }

    static func page(title: String, body: String, csrf: String?) -> String {
        var header = "<header><p class=\"brand\">itembank · organiser</p>"
        if let csrf {
            header += "<form method=\"post\" action=\"/organise/sign-out\">"
            header += csrfField(csrf)
            header += "<button type=\"submit\" class=\"secondary\">Sign out</button></form>"
        }
        header += "</header>"
        return LearnerPages.shell(
            title: title, style: LearnerPages.style + "\n" + style, skipTo: "content", header: header, body: body)
    }

    /// What the organiser's pages add to the learner page's style.
    static let style = """
        header{display:flex;justify-content:space-between;align-items:center;gap:.5rem 1rem;flex-wrap:wrap}
        header form{margin:0}
        header button{margin:0;padding:.25rem .75rem;border-color:#fff}
        main{max-width:64rem}
        .hint{margin:.125rem 0 .25rem;color:#4a4a4a}
        .error{margin:.125rem 0 .25rem;color:#a61b1b;font-weight:600}
        .invalid{border-left:4px solid #a61b1b;padding-left:.75rem}
        .invalid input[type=text],.invalid input[type=password]{border:2px solid #a61b1b}
        input[type=password]{font:inherit;padding:.375rem;border:1px solid #595959;border-radius:.25rem;width:100%;max-width:28rem}
        input[type=text]{width:100%;max-width:36rem}
        .error-summary{border:3px solid #a61b1b;border-radius:.25rem;padding:.25rem 1rem;margin:0 0 1rem}
        .error-summary h2{font-size:1.125rem;margin:.5rem 0}
        .error-summary a{color:#a61b1b;font-weight:600}
        .notice{padding:.5rem .75rem;border-radius:.25rem;background:#e7f5ec;border-left:4px solid #1b6e3a}
        .button-link{display:inline-block;padding:.5rem 1.25rem;border-radius:.25rem;background:#1d3b6a;color:#fff;font-weight:600;text-decoration:none}
        .campaign-code{display:inline-block;margin:0 0 .5rem;padding:.25rem 1rem;border:3px solid #1d3b6a;border-radius:.5rem;font:700 clamp(2.5rem,13vw,5.5rem)/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.08em;white-space:nowrap}
        .table-wrap{overflow-x:auto;margin:0 0 1rem}
        h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        td code,td time{white-space:nowrap}
        @media (max-width:40rem){caption{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}}
        td,th{vertical-align:top}
        thead th{border-bottom:2px solid #1a1a1a}
        .empty{padding:.75rem;border:1px dashed #767676;border-radius:.25rem}
        .unnamed{font-style:italic}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
        """
}

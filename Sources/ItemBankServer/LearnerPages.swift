import AdaptiveTesting
import Foundation
import ItemBankHTML
import ItemBankRuntime

/// The learner page: server-rendered HTML to take a positioning test or a training session in a browser,
/// without JavaScript (plain form posts, POST-redirect-GET) and without any external resource.
///
/// Items are rendered by the shared ``ItemBankHTML/ItemHTMLRenderer`` in learner mode (never a key or a
/// solution). Every page has one `<main>`, a heading per step, labelled controls and an `aria-live`
/// status region (`#outcome`) that states the outcome of the previous answer; the item page is reached
/// at the fragment `#item`, so reading and keyboard focus start at the new item.
public enum LearnerPages {
    /// Where item media are fetched from: the server's media route (``MediaFolder``, `--media`).
    public static let mediaBaseURL = "/v1/media/"

    /// Name of the cookie holding the learner token (`HttpOnly; SameSite=Strict; Path=/learn`).
    public static let cookieName = "itembank_learner"

    /// Content-Security-Policy of every learner page: nothing loads from elsewhere but an item's embed.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
        + "frame-src https:; frame-ancestors 'none'; base-uri 'none'"

    /// The home page: a start button for a new visitor, else the competences to position on or train.
    /// - Parameters:
    ///   - competences: code and title of every competence, in bank order.
    ///   - scores: the learner's level and pix per competence (nil: no learner yet).
    ///   - campaigns: the campaigns the learner joined (``campaignSection(_:)``).
    ///   - certification: the learner's eligibility and certificates (``certificationSection(eligibility:certificates:)``).
    ///   - language: BCP 47 language of the competence titles (the bank's framework language): titles not in
    ///     English are marked with it, so that a screen reader reads them in their language.
    public static func home(
        competences: [(code: String, title: String)], scores: [CompetenceScore]?, campaigns: [ParticipationReply] = [],
        certification: (eligibility: Eligibility, certificates: [IssuedCertificate])? = nil, language: String = ""
    ) -> String {
        var body = "<h1 id=\"title\">Digital skills</h1>\n"
        guard let scores else {
            body += "<p>Take a positioning test on a competence to find your level, then train.</p>\n"
            body += "<form method=\"post\" action=\"/learn/start\">\n"
            body += "<button type=\"submit\">Start</button>\n</form>\n"
            body += "<p>Have a campaign code from your teacher? Press Start, then join the campaign.</p>\n"
            body += resumeForm()
            return page(title: "Digital skills", body: body)
        }
        body += campaignSection(campaigns)
        let level = Dictionary(scores.map { ($0.competence, $0) }, uniquingKeysWith: { first, _ in first })
        body += "<form method=\"post\" action=\"/learn/sessions\">\n"
        body += "<input type=\"hidden\" name=\"kind\" value=\"positioning\">\n"
        body += "<fieldset>\n<legend>Positioning test: choose a competence</legend>\n"
        for (index, competence) in competences.enumerated() {
            let id = "competence-\(index + 1)"
            let score = level[competence.code].map { " — level \($0.level), \($0.pix) pix" } ?? ""
            body += "<div class=\"choice\"><input type=\"radio\" name=\"competence\" id=\"\(id)\" value=\""
            body += HTMLText.escapeAttribute(competence.code) + "\"\(index == 0 ? " checked" : "")>"
            body += "<label for=\"\(id)\">"
            body += OrganiserPages.competenceName(competence.code, competence.title, language) + HTMLText.escape(score)
            body += "</label></div>\n"
        }
        body += "</fieldset>\n<button type=\"submit\">Start the positioning test</button>\n</form>\n"
        body += "<form method=\"post\" action=\"/learn/sessions\">\n"
        body += "<input type=\"hidden\" name=\"kind\" value=\"training\">\n"
        body += "<fieldset>\n<legend>Training: choose competences</legend>\n"
        for (index, competence) in competences.enumerated() {
            let id = "training-\(index + 1)"
            body += "<div class=\"choice\"><input type=\"checkbox\" name=\"competences\" id=\"\(id)\" value=\""
            body += HTMLText.escapeAttribute(competence.code) + "\">"
            body += "<label for=\"\(id)\">" + OrganiserPages.competenceName(competence.code, competence.title, language)
            body += "</label></div>\n"
        }
        body += "</fieldset>\n<button type=\"submit\">Start the training</button>\n</form>\n"
        if let certification {
            body += certificationSection(
                eligibility: certification.eligibility, certificates: certification.certificates)
        }
        return page(title: "Digital skills", body: body)
    }

    /// The page of a session: the item to answer (a form posting to `/learn/sessions/{id}/answers`), or
    /// the result once finished.
    /// - Parameters:
    ///   - session: the session where it stands.
    ///   - item: the item served (nil: finished).
    ///   - outcome: the outcome of the previous answer (`ok`, `ko`, `skipped`, `timed-out`, `focused-out`).
    ///   - competences: code and title of every competence, for the result.
    ///   - language: BCP 47 language of the competence titles (see ``home(competences:scores:campaigns:certification:language:)``).
    public static func session(
        _ session: SessionReply, item: ItemView?, outcome: String?, competences: [(code: String, title: String)],
        language: String = ""
    ) -> String {
        let titles = Dictionary(competences.map { ($0.code, $0.title) }, uniquingKeysWith: { first, _ in first })
        let kind =
            session.kind == "training"
            ? "Training" : session.kind == "certification" ? "Certification" : "Positioning test"
        var body = "<p><a href=\"/learn\">Home</a></p>\n"
        body += "<div id=\"outcome\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\">"
        if let outcome {
            body += "<p class=\"outcome outcome-\(HTMLText.escapeAttribute(outcome))\">\(outcomeText(outcome))</p>"
        }
        body += "</div>\n"
        guard let item, let served = session.item else {
            body += "<h1 id=\"item\" tabindex=\"-1\">\(kind): result</h1>\n"
            body += "<p>You answered \(session.answered) question\(session.answered == 1 ? "" : "s").</p>\n"
            if let scores = session.competences, !scores.isEmpty {
                body += "<table>\n<caption>Level and pix per competence</caption>\n"
                body += "<thead><tr><th scope=\"col\">Competence</th><th scope=\"col\">Level</th>"
                body += "<th scope=\"col\">Pix</th></tr></thead>\n<tbody>\n"
                for score in scores {
                    let name = OrganiserPages.competenceName(score.competence, titles[score.competence] ?? "", language)
                    body += "<tr><th scope=\"row\">\(name)</th><td>\(score.level)</td><td>\(score.pix)</td></tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            if let certificate = session.certificate { body += certificateResult(certificate, titles: titles) }
            body += "<p><a href=\"/learn\">Choose another competence</a></p>\n"
            return page(title: "\(kind): result", body: body)
        }
        let renderer = ItemHTMLRenderer(
            mode: .learner, mediaBaseURL: mediaBaseURL, idPrefix: "item", embedStyle: .frame)
        let action = "/learn/sessions/\(HTMLText.escapeAttribute(session.session))/answers"
        body += "<h1 id=\"item\" tabindex=\"-1\">\(kind): question \(served.number)</h1>\n"
        body += "<form method=\"post\" action=\"\(action)\">\n"
        body += "<input type=\"hidden\" name=\"item\" value=\"\(HTMLText.escapeAttribute(item.id))\">\n"
        body += renderer.render(item)
        body += "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"answer\">Validate</button>\n"
        body += "<button type=\"submit\" name=\"action\" value=\"skip\" class=\"secondary\">Skip</button></div>\n"
        body += "</form>\n"
        return page(title: "\(kind): question \(served.number)", body: body)
    }

    /// A page stating an error in words, with a way back.
    public static func problem(_ error: ServiceError) -> String {
        var body = "<h1 id=\"item\" tabindex=\"-1\">" + HTMLText.escape(error.title) + "</h1>\n"
        body += "<p role=\"alert\">" + HTMLText.escape(error.detail) + "</p>\n"
        body += "<p><a href=\"/learn\">Back to the start</a></p>\n"
        return page(title: error.title, body: body)
    }

    /// The learner's answer from a posted form (`choices`, `response.<id>`, `action=skip`).
    /// - Throws: 422 `invalid-answer` when the form does not fit the item.
    public static func answer(
        form: [(name: String, value: String)], item: ItemView
    ) throws(ServiceError)
        -> LearnerAnswer
    {
        if form.contains(where: { $0.name == "action" && $0.value == "skip" }) { return .skipped }
        if item.type == .qcu || item.type == .qcm {
            var positions: [Int] = []
            for field in form where field.name == ItemHTMLRenderer.choiceField {
                guard let position = Int(field.value), position >= 1, position <= item.choices.count else {
                    throw .unprocessable("invalid-answer", "choice \(field.value) is not a choice of item \(item.id)")
                }
                positions.append(position)
            }
            if item.type == .qcu && positions.count > 1 {
                throw .unprocessable("invalid-answer", "item \(item.id) takes one choice")
            }
            return .choices(positions)
        }
        var texts: [String: String] = [:]
        for response in item.responses {
            let field = ItemHTMLRenderer.responseField(response.id)
            texts[response.id] = form.last { $0.name == field }?.value ?? ""
        }
        if item.responses.count == 1, let only = item.responses.first { return .text(texts[only.id] ?? "") }
        return .texts(texts)
    }

    /// Decodes an `application/x-www-form-urlencoded` body; fields in order, repeated names kept.
    public static func formFields(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (formDecode(parts[0]), parts.count > 1 ? formDecode(parts[1]) : "")
        }
    }

    /// A name or value of an `application/x-www-form-urlencoded` body, decoded as the URL Standard says
    /// (what browsers do): `+` is a space, `%XX` a byte, a `%` not followed by two hex digits stays as it
    /// is, and the bytes are read as UTF-8 with U+FFFD for what is not (`a%FF%FEb` is `a��b`, not the
    /// literal text).
    static func formDecode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]),
                let low = hex(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func outcomeText(_ outcome: String) -> String {
        switch outcome {
        case "ok": "Previous answer: right."
        case "ko": "Previous answer: wrong."
        case "skipped": "Previous question skipped."
        case "timed-out": "Previous answer: right, but after the time limit."
        case "focused-out": "Previous answer: right, but the page was left."
        default: "Previous answer recorded."
        }
    }

    static func page(title: String, body: String) -> String {
        shell(
            title: title, style: style, skipTo: "item", header: "<header><p class=\"brand\">itembank</p></header>",
            body: body)
    }

    /// The HTML page around a body, shared by the learner's and the organiser's pages: English words,
    /// the style inline (no external resource), a skip link to the element `skipTo`, then the header.
    static func shell(title: String, style: String, skipTo: String, header: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title)) — itembank</title>
        <style>\(style)</style>
        </head>
        <body>
        <a class="skip" href="#\(skipTo)">Skip to content</a>
        \(header)
        <main id="main">
        \(body)</main>
        </body>
        </html>

        """
    }

    static let style = """
        *{box-sizing:border-box}
        body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
        header{background:#1d3b6a;color:#fff;padding:.5rem 1rem}
        .brand{margin:0;font-weight:700}
        .closed{padding:.5rem .75rem;border-radius:.25rem;background:#f1f1f1;border-left:4px solid #4a4a4a}
        main{max-width:46rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;line-height:1.25}
        a{color:#0b4ea2}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:.5rem;background:#fff;color:#0b4ea2;padding:.25rem .5rem}
        fieldset{border:1px solid #767676;border-radius:.25rem;margin:0 0 1rem;padding:.5rem 1rem}
        legend{font-weight:600;padding:0 .25rem}
        .choice,.ib-choice{display:flex;gap:.5rem;align-items:flex-start;margin:.375rem 0}
        input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;margin-top:.15rem;flex:none}
        input[type=text],textarea,select{font:inherit;padding:.375rem;border:1px solid #595959;border-radius:.25rem;max-width:100%}
        textarea{width:100%}
        button{font:inherit;padding:.5rem 1.25rem;border-radius:.25rem;border:2px solid #1d3b6a;background:#1d3b6a;color:#fff;cursor:pointer;margin:0 .5rem .5rem 0}
        button.secondary{background:#fff;color:#1d3b6a}
        :focus-visible{outline:3px solid #c2410c;outline-offset:2px}
        .outcome{padding:.5rem .75rem;border-radius:.25rem;background:#eef2f7;border-left:4px solid #1d3b6a}
        .outcome-ok{background:#e7f5ec;border-color:#1b6e3a}
        .outcome-ko{background:#fdecec;border-color:#a61b1b}
        table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #ccc;padding:.375rem;text-align:left}
        img{max-width:100%;height:auto}
        iframe{width:100%;border:1px solid #767676}
        .field{margin:.5rem 0}
        .field label{display:block;font-weight:600}
        .campaign-competences{list-style:none;padding:0}
        .campaign-competences li{border-bottom:1px solid #ccc;padding:.25rem 0 .5rem}
        h3{font-size:1.0625rem;margin:.5rem 0 .25rem}
        .status{margin:.25rem 0}
        .personal-code code{font-size:1.125rem;letter-spacing:.05em;word-spacing:.25em}
        """
}

import ItemBankRuntime

/// Renders one item of a compiled bank as accessible HTML: what a learner sees (``Mode/learner``), or
/// that plus its keys, accepted answers, tolerances and solution (``Mode/reviewer``).
///
/// The output is a `<section class="ib-item">` fragment (UTF-8 text, no `<form>`: the caller wraps it in
/// its own form and page). Form controls are named for a form post that maps onto
/// ``ItemBankRuntime/LearnerAnswer``:
/// - qcu: radio buttons, qcm: checkboxes, all named ``choiceField`` with the choice's 1-based position in
///   document order as value (`choices=2`);
/// - each response: a text input (its `size` from the response format), a `textarea` for `paragraph`, or a
///   `select` for a drop-down, named ``responseField(_:)`` (`response.<id>`).
///
/// Learner mode never writes a key, an accepted answer, a tolerance, the solution or a calibration.
/// Reviewer mode marks each reviewer-only part with the class `ib-key` (so a page can hide and show them).
/// The item's markup is re-written through an allow-list (`p ul ol li em strong code a br`), so a bank
/// built elsewhere cannot inject markup or script. Labels are in English; item content carries its
/// `lang`. Deterministic: the same item and options give the same bytes.
public struct ItemHTMLRenderer: Hashable, Sendable {
    /// What the output shows.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// What a learner sees: no key, accepted answer, tolerance, solution or calibration.
        case learner
        /// The learner's view plus keys, accepted answers, tolerances, answer groups and the solution,
        /// each in an element of class `ib-key`.
        case reviewer
    }

    /// How an item's embedded page (``ItemBankRuntime/ItemEmbed``) is shown.
    public enum EmbedStyle: String, Hashable, Sendable {
        /// A labelled box with a link to the page (reports, previews: nothing loads from the network).
        case placeholder
        /// An `iframe` with the embed's title and height (the learner page).
        case frame
    }

    /// Name of the qcu / qcm controls; their values are 1-based choice positions in document order.
    public static let choiceField = "choices"

    /// Name of the control of a response: `response.<id>`.
    public static func responseField(_ responseID: String) -> String { "response." + responseID }

    /// What the output shows: ``Mode/learner`` (the default) or ``Mode/reviewer``.
    public var mode: Mode
    /// Prefix of media `src` / `href` (the bank's media folder as served), e.g. `media/` or `../media/`.
    public var mediaBaseURL: String
    /// Prefix of the element ids the fragment defines (`<prefix>-stem`, `<prefix>-c1`, `<prefix>-r-<id>`),
    /// so that several items can share a page.
    public var idPrefix: String
    /// How the item's embedded page is shown (``EmbedStyle/placeholder`` by default: nothing is loaded).
    public var embedStyle: EmbedStyle

    /// ``idPrefix`` escaped for an attribute value.
    private var prefix: String { HTMLText.escapeAttribute(idPrefix) }

    /// A renderer; every option has the default a report or preview wants.
    public init(
        mode: Mode = .learner, mediaBaseURL: String = "media/", idPrefix: String = "item",
        embedStyle: EmbedStyle = .placeholder
    ) {
        self.mode = mode
        self.mediaBaseURL = mediaBaseURL
        self.idPrefix = idPrefix
        self.embedStyle = embedStyle
    }

    /// The item as an HTML fragment.
    /// - Parameters:
    ///   - item: an item of a verified bank.
    ///   - choiceOrder: the order to show the choices in, as 1-based positions (a permutation of
    ///     `1...choices.count`, e.g. a shuffled order); nil or not a permutation: document order. Values
    ///     posted stay the document positions.
    public func render(_ item: ItemView, choiceOrder: [Int]? = nil) -> String {
        var out = ""
        let language = HTMLText.escapeAttribute(item.language)
        out += "<section class=\"ib-item ib-\(item.type.rawValue)\" lang=\"\(language)\">\n"
        if let timer = item.timer {
            out += "<p class=\"ib-timer\" lang=\"en\">Time limit: \(Self.duration(timer))</p>\n"
        }
        if item.isFocusable {
            out += "<p class=\"ib-focus\" lang=\"en\">Stay on this page until you answer: leaving it is recorded.</p>\n"
        }
        let responses = Array(item.responses)
        var placed: Set<String> = []
        let stem = FragmentWriter(context: .flow) { id in
            guard let position = responses.firstIndex(where: { $0.id == id }), !placed.contains(id) else { return "" }
            placed.insert(id)
            return control(responses[position], position: position + 1, inline: true)
        }.write(item.stem)
        out += "<div class=\"ib-stem\" id=\"\(prefix)-stem\">\(stem)</div>\n"
        out += media(item)
        if let embed = item.embed { out += self.embed(embed) }
        switch item.type {
        case .qcu, .qcm: out += choices(item, order: choiceOrder)
        case .qroc, .qrocmInd, .qrocmDep:
            let rest = responses.enumerated().filter { !placed.contains($0.element.id) }
            if !rest.isEmpty {
                out += "<div class=\"ib-responses\">\n"
                for (offset, response) in rest {
                    out +=
                        "<p class=\"ib-response\">" + control(response, position: offset + 1, inline: false) + "</p>\n"
                }
                out += "</div>\n"
            }
            if item.type == .qrocmDep, mode == .reviewer { out += groups(item) }
        }
        if mode == .reviewer, let solution = item.solution {
            out += "<div class=\"ib-key ib-solution\"><p class=\"ib-solution-title\" lang=\"en\">Solution</p>"
            out += FragmentWriter(context: .flow).write(solution) + "</div>\n"
        }
        out += "</section>\n"
        return out
    }

    /// `90` → `1 min 30 s`.
    static func duration(_ seconds: Int) -> String {
        let minutes = seconds / 60
        let rest = seconds % 60
        switch (minutes, rest) {
        case (0, _): return "\(rest) s"
        case (_, 0): return "\(minutes) min"
        default: return "\(minutes) min \(rest) s"
        }
    }

    private func media(_ item: ItemView) -> String {
        var out = ""
        var attachments: [ItemMedia] = []
        for media in item.media {
            switch media.kind {
            case .illustration:
                let alt = media.isDecorative ? "" : HTMLText.escapeAttribute(media.text ?? "")
                out += "<figure class=\"ib-illustration\"><img src=\"\(HTMLText.url(mediaBaseURL + media.source))\""
                out += " alt=\"\(alt)\"></figure>\n"
            case .attachment:
                attachments.append(media)
            }
        }
        if !attachments.isEmpty {
            out += "<ul class=\"ib-attachments\">\n"
            for media in attachments {
                let name = media.text ?? media.source.split(separator: "/").last.map(String.init) ?? media.source
                out += "<li><a href=\"\(HTMLText.url(mediaBaseURL + media.source))\" download>"
                out += "\(HTMLText.escape(name))</a></li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    private func embed(_ embed: ItemEmbed) -> String {
        let title = HTMLText.escape(embed.title)
        let safe = embed.url.lowercased().hasPrefix("https://")
        switch embedStyle {
        case .frame where safe:
            let height = embed.height.map { " height=\"\($0)\"" } ?? ""
            return
                "<iframe class=\"ib-embed\" src=\"\(HTMLText.url(embed.url))\" title=\"\(HTMLText.escapeAttribute(embed.title))\""
                + "\(height) sandbox=\"allow-scripts allow-same-origin allow-forms\" loading=\"lazy\"></iframe>\n"
        default:
            let height = embed.height.map { " style=\"min-height:\($0)px\"" } ?? ""
            let link = safe ? "<a href=\"\(HTMLText.url(embed.url))\">\(title)</a>" : title
            return
                "<div class=\"ib-embed\" role=\"group\" aria-label=\"Embedded page: \(HTMLText.escapeAttribute(embed.title))\"\(height)>"
                + "<p><span lang=\"en\">Embedded page:</span> \(link)</p></div>\n"
        }
    }

    private func choices(_ item: ItemView, order: [Int]?) -> String {
        let choices = item.choices
        let documentOrder = Array(1...max(choices.count, 1)).prefix(choices.count)
        let positions =
            order.flatMap { $0.count == choices.count && Set($0) == Set(documentOrder) ? $0 : nil }
            ?? Array(documentOrder)
        let single = item.type == .qcu
        var out = "<fieldset class=\"ib-choices\">\n<legend lang=\"en\">"
        out += single ? "Choose one answer" : "Choose every right answer"
        out += "</legend>\n"
        for position in positions {
            let choice = choices[position - 1]
            let isKey = mode == .reviewer && choice.isKey
            let id = "\(prefix)-c\(position)"
            out += isKey ? "<div class=\"ib-choice ib-is-key\">" : "<div class=\"ib-choice\">"
            out += "<input type=\"\(single ? "radio" : "checkbox")\" id=\"\(id)\" name=\"\(Self.choiceField)\""
            out += " value=\"\(position)\"><label for=\"\(id)\">"
            out += FragmentWriter(context: .phrasing).write(choice.text) + "</label>"
            if isKey { out += " <strong class=\"ib-key\" lang=\"en\">key</strong>" }
            out += "</div>\n"
        }
        out += "</fieldset>\n"
        return out
    }

    /// The control of a response; `position` is 1-based among the item's responses.
    private func control(_ response: ResponseView, position: Int, inline: Bool) -> String {
        let id = "\(prefix)-r-\(HTMLText.escapeAttribute(response.id))"
        let name = HTMLText.escapeAttribute(Self.responseField(response.id))
        var out = ""
        var labelAttribute = ""
        if let label = response.label, !label.isEmpty {
            out += "<label for=\"\(id)\">\(HTMLText.escape(label))</label> "
        } else if inline {
            labelAttribute = " aria-label=\"Response \(position)\""
        } else {
            out += "<label for=\"\(id)\" lang=\"en\">Response \(position)</label> "
        }
        if response.isDropdown {
            out +=
                "<select id=\"\(id)\" name=\"\(name)\"\(labelAttribute)><option value=\"\" lang=\"en\">Choose…</option>"
            for option in response.options {
                out += "<option>\(HTMLText.escape(option))</option>"
            }
            out += "</select>"
        } else if response.format == "paragraph" {
            out += "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"4\" cols=\"50\"\(labelAttribute)></textarea>"
        } else {
            let size: Int
            var extra = ""
            switch response.format {
            case "short": size = 10
            case "number":
                size = 10
                extra = " inputmode=\"decimal\""
            case "sentence": size = 40
            default: size = 20
            }
            out +=
                "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" size=\"\(size)\"\(extra) autocomplete=\"off\"\(labelAttribute)>"
        }
        if mode == .reviewer {
            let answers = response.acceptedAnswers
            if !answers.isEmpty {
                out += " <span class=\"ib-key\"><span lang=\"en\">Accepted:</span> "
                out += answers.map { "<q>\(HTMLText.escape($0))</q>" }.joined(separator: ", ")
                if !response.isDropdown {
                    out += "<span lang=\"en\">; tolerances: " + Self.tolerances(response.tolerances) + "</span>"
                }
                out += "</span>"
            }
        }
        return out
    }

    private func groups(_ item: ItemView) -> String {
        let groups = item.answerGroups
        guard !groups.isEmpty else { return "" }
        let count = item.requiredAnswerCount.map(String.init) ?? "one per response"
        var out = "<div class=\"ib-key ib-groups\"><p lang=\"en\">Answer groups (right answers needed: \(count);"
        out += " tolerances: \(Self.tolerances(item.groupTolerances))):</p>\n<ol>\n"
        for group in groups {
            out += "<li>" + group.map { "<q>\(HTMLText.escape($0))</q>" }.joined(separator: ", ") + "</li>\n"
        }
        out += "</ol></div>\n"
        return out
    }

    /// `t1 t2 t3`, or `none`.
    static func tolerances(_ tolerances: Tolerances) -> String {
        var names: [String] = []
        if tolerances.contains(.t1) { names.append("t1") }
        if tolerances.contains(.t2) { names.append("t2") }
        if tolerances.contains(.t3) { names.append("t3") }
        return names.isEmpty ? "none" : names.joined(separator: " ")
    }
}

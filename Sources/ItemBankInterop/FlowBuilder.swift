import ItemBankModel
import ItemBankXML

/// Turns XHTML / HTML content (a QTI item body, a Moodle question text) into the item format's flow
/// subset: paragraphs and lists of inline markup (`em`, `strong`, `code`, `a`, `br`, `blank`).
///
/// What the subset cannot hold is not dropped silently: markup whose text is kept but whose meaning is
/// lost (`table`, `sub`, `sup`, `math`…) gives one `import.markup` diagnostic per element name, with the
/// source location of its first occurrence; images are collected for the caller.
struct FlowBuilder {
    /// What to do with an element met in the content.
    enum Handling {
        /// Write this inline markup in its place (a `<blank response="…"/>`, or "" to drop it).
        case inline(String)
        /// Walk its content as if it were in place of the element (a QTI `prompt`).
        case content
        /// Walk it normally.
        case normal
    }

    var handle: (SourceElement) -> Handling = { _ in .normal }
    private(set) var blocks: [FlowText.Block] = []
    private(set) var images: [SourceElement] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var current = ""
    private var reported: Set<String> = []

    init(handle: @escaping (SourceElement) -> Handling = { _ in .normal }) {
        self.handle = handle
    }

    static let blockNames: Set<String> = [
        "p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "section",
        "article", "body", "dl", "figure", "hr", "address", "header", "footer", "center",
    ]
    /// Elements whose text is kept and whose markup has no equivalent in the item format.
    static let textOnly: Set<String> = [
        "span", "font", "label", "small", "big", "abbr", "cite", "dfn", "q", "var", "bdo", "ins", "del", "s",
        "strike", "u", "sub", "sup", "math", "object", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "colgroup", "col", "dl", "dt", "dd", "figure", "figcaption", "address", "center", "header",
        "footer", "section", "article", "rubricBlock", "infoControl", "tt",
    ]
    /// Markup whose absence loses nothing a learner sees (structure only).
    static let silent: Set<String> = ["span", "div", "body", "section", "article", "label", "font", "tt"]

    /// The flow built so far.
    mutating func result() -> FlowText {
        flush()
        return FlowText(blocks: blocks)
    }

    /// Walks `element`'s children as block content.
    mutating func addContent(of element: SourceElement) {
        for child in element.children {
            switch child {
            case .text(let text): current += Self.escapeSpaces(text)
            case .element(let element): addBlockLevel(element)
            }
        }
    }

    /// Adds plain text as its own paragraph.
    mutating func addParagraph(plain: String) {
        flush()
        let text = FlowText.collapse(plain)
        if !text.isEmpty { blocks.append(.paragraph(RichText.escape(text))) }
    }

    private mutating func addBlockLevel(_ element: SourceElement) {
        switch handle(element) {
        case .inline(let markup):
            current += markup
            return
        case .content:
            flush()
            addContent(of: element)
            flush()
            return
        case .normal: break
        }
        let name = element.name
        switch name {
        case "ul", "ol":
            flush()
            var items: [String] = []
            for item in element.elements {
                let markup = Self.tidy(inline(item.name == "li" ? item : item, inEmphasis: false))
                if !markup.isEmpty { items.append(markup) }
            }
            if !items.isEmpty { blocks.append(.list(ordered: name == "ol", items: items)) }
        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre":
            flush()
            if name != "p" { note(element, "<\(name)> is written as a paragraph") }
            current = inline(element, inEmphasis: false)
            flush()
        case "hr":
            flush()
        case "img":
            images.append(element)
        case _ where Self.blockNames.contains(name):
            flush()
            if !Self.silent.contains(name) { note(element, "<\(name)> has no equivalent: its text is kept") }
            addContent(of: element)
            flush()
        default:
            current += inlineElement(element, inEmphasis: false)
        }
    }

    private mutating func inline(_ element: SourceElement, inEmphasis: Bool) -> String {
        var out = ""
        for child in element.children {
            switch child {
            case .text(let text): out += Self.escapeSpaces(text)
            case .element(let child): out += inlineElement(child, inEmphasis: inEmphasis)
            }
        }
        return out
    }

    private mutating func inlineElement(_ element: SourceElement, inEmphasis: Bool) -> String {
        switch handle(element) {
        case .inline(let markup): return inEmphasis ? FlowText.strip(markup) : markup
        case .content: return " " + inline(element, inEmphasis: inEmphasis) + " "
        case .normal: break
        }
        switch element.name {
        case "em", "i":
            let content = inline(element, inEmphasis: true)
            return content.isEmpty ? "" : "<em>\(content)</em>"
        case "strong", "b":
            let content = inline(element, inEmphasis: true)
            return content.isEmpty ? "" : "<strong>\(content)</strong>"
        case "code", "kbd", "samp":
            return "<code>\(Self.keepingSpaces(RichText.escape(element.text)))</code>"
        case "br":
            return "<br/>"
        case "a":
            let content = inline(element, inEmphasis: true)
            if let href = element.attribute("href"), href.hasPrefix("https://") || href.hasPrefix("http://") {
                return "<a href=\"\(RichText.escapeAttribute(href))\">\(content)</a>"
            }
            return content
        case "img":
            images.append(element)
            return ""
        case "p", "div", "li", "ul", "ol", "pre", "blockquote":
            return " " + inline(element, inEmphasis: inEmphasis) + " "
        default:
            if !Self.silent.contains(element.name) {
                note(element, "<\(element.name)> has no equivalent: its text is kept")
            }
            return inline(element, inEmphasis: inEmphasis)
        }
    }

    private mutating func note(_ element: SourceElement, _ message: String) {
        guard reported.insert(element.name).inserted else { return }
        diagnostics.append(
            Diagnostic(
                ruleID: "import.markup", severity: .warning, location: element.location, message: message,
                help: "check the imported text; the item format has p, ul, ol, em, strong, code, a and br"))
    }

    private mutating func flush() {
        let markup = Self.tidy(current)
        current = ""
        if !markup.isEmpty, markup != "<br/>" { blocks.append(.paragraph(markup)) }
    }

    /// Escapes text and turns every whitespace run into one space.
    static func escapeSpaces(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text {
            if character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                space = true
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        if space { out.append(" ") }
        return out
    }

    /// Stands for a space of `code` text while the flow's other spaces are collapsed (``tidy(_:)``
    /// turns it back into a space): a private-use character, so that indentation and a trailing space
    /// inside `<code>` (`<code>Ctrl + Maj </code>`) survive. A line break in code is a space.
    static let codeSpace: Character = "\u{E000}"

    /// `code` text with its spaces protected from ``tidy(_:)``.
    static func keepingSpaces(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case " ", "\t": out.append(codeSpace)
            case "\n", "\r", "\r\n": if out.last != codeSpace { out.append(codeSpace) }
            case codeSpace: out.append("\u{FFFD}")
            default: out.append(character)
            }
        }
        return out
    }

    /// Collapses spaces, trims, removes leading and trailing `<br/>`; spaces of `code` are kept.
    static func tidy(_ markup: String) -> String {
        tidyCollapsing(markup).replacingOccurrences(of: String(codeSpace), with: " ")
    }

    private static func tidyCollapsing(_ markup: String) -> String {
        var text = markup.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        var changed = true
        while changed {
            changed = false
            for tag in ["<br/>"] {
                if text.hasPrefix(tag) {
                    text = String(text.dropFirst(tag.count)).trimmingSpaces()
                    changed = true
                }
                if text.hasSuffix(tag) {
                    text = String(text.dropLast(tag.count)).trimmingSpaces()
                    changed = true
                }
            }
        }
        return text.trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}

/// Escaping of text and attribute values for HTML output.
public enum HTMLText {
    /// Escapes `&`, `<` and `>` for text content.
    public static func escape(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Escapes `&`, `<`, `>` and `"` for an attribute value written between double quotes.
    public static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    /// Control characters HTML does not allow in text (C0 but tab, line feed, form feed and carriage
    /// return; DEL) are written as U+FFFD: a NUL typed into a form never reaches the page.
    private static func escape(_ text: String, quotes: Bool) -> String {
        guard
            text.utf8.contains(where: {
                $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) || isControl($0)
            })
        else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case _ where scalar.value < 0x80 && isControl(UInt8(scalar.value)): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) || byte == 0x7F
    }

    /// A media path or URL made safe for `src` / `href`: bytes outside the unreserved set, `/`, `:`, `?`,
    /// `=`, `#`, `%`, `+`, `,`, `;` and `@` are percent-encoded, then `&` is written `&amp;`.
    public static func url(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
                UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "#"), UInt8(ascii: "%"),
                UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "&"):
                out += "&amp;"
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return out
    }

    /// Whether a link target may be written as a link: `https:`, `http:` or `mailto:` (never `javascript:`
    /// or a relative path, whatever bank the text comes from).
    public static func isSafeLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
    }
}

/// Re-writes an XHTML fragment of the item format's markup subset (``ItemBankRuntime/ItemView/stem``) as
/// HTML, keeping only the subset: `p`, `ul`, `ol`, `li` (flow only), `em`, `strong`, `code`, `a href`
/// (http, https, mailto), `br`, and `blank response` (flow only, rendered by the caller). Any other tag is
/// dropped (its text kept), text is re-escaped, unbalanced tags are closed: a bank built elsewhere cannot
/// inject markup or script into the page.
struct FragmentWriter {
    enum Context {
        /// Paragraphs, lists, inline markup and blanks (stem, solution).
        case flow
        /// Inline markup only (choice text).
        case phrasing
    }

    let context: Context
    /// Called for `<blank response="id"/>` in a flow; returns the HTML of the response's control.
    var blank: (String) -> String = { _ in "" }

    private static let phrasing: Set<String> = ["em", "strong", "code", "a"]
    private static let blocks: Set<String> = ["p", "ul", "ol", "li"]

    func write(_ markup: String) -> String {
        let bytes = Array(markup.utf8)
        var out = ""
        out.reserveCapacity(bytes.count + 32)
        var stack: [(name: String, emitted: Bool)] = []
        var index = 0
        var textStart = 0
        func flushText(to end: Int) {
            if textStart < end { out += HTMLText.escape(Self.decodeEntities(bytes[textStart..<end])) }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
            flushText(to: index)
            let tag = Tag(bytes[(index + 1)..<close])
            index = close + 1
            textStart = index
            guard let tag else { continue }
            if tag.isClosing {
                guard let position = stack.lastIndex(where: { $0.name == tag.name }) else { continue }
                while stack.count > position {
                    let open = stack.removeLast()
                    if open.emitted { out += "</\(open.name)>" }
                }
                continue
            }
            switch tag.name {
            case "br":
                out += "<br>"
            case "blank" where context == .flow:
                if let response = tag.attribute("response") { out += blank(response) }
            case "a":
                let href = tag.attribute("href") ?? ""
                let emitted = HTMLText.isSafeLink(href)
                if emitted { out += "<a href=\"\(HTMLText.url(href))\">" }
                if !tag.isEmpty { stack.append(("a", emitted)) } else if emitted { out += "</a>" }
            case let name where Self.phrasing.contains(name) || (context == .flow && Self.blocks.contains(name)):
                if tag.isEmpty {
                    out += "<\(name)></\(name)>"
                } else {
                    out += "<\(name)>"
                    stack.append((name, true))
                }
            default:
                if !tag.isEmpty { stack.append((tag.name, false)) }
            }
        }
        flushText(to: bytes.count)
        for open in stack.reversed() where open.emitted { out += "</\(open.name)>" }
        return out
    }

    /// Text with the XML entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, numeric) decoded; an unknown
    /// entity stays as written (and is escaped on output).
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        var index = bytes.startIndex
        var runStart = index
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "&"),
                let semicolon = bytes[index..<min(index + 12, bytes.endIndex)].firstIndex(of: UInt8(ascii: ";"))
            {
                let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
                var decoded: String?
                switch name {
                case "amp": decoded = "&"
                case "lt": decoded = "<"
                case "gt": decoded = ">"
                case "quot": decoded = "\""
                case "apos": decoded = "'"
                default:
                    if name.hasPrefix("#x"), let value = UInt32(name.dropFirst(2), radix: 16),
                        let scalar = Unicode.Scalar(value)
                    {
                        decoded = String(Character(scalar))
                    } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()),
                        let scalar = Unicode.Scalar(value)
                    {
                        decoded = String(Character(scalar))
                    }
                }
                if let decoded {
                    out += String(decoding: bytes[runStart..<index], as: UTF8.self)
                    out += decoded
                    index = semicolon + 1
                    runStart = index
                    continue
                }
            }
            index += 1
        }
        out += String(decoding: bytes[runStart..<bytes.endIndex], as: UTF8.self)
        return out
    }

    /// One tag between `<` and `>`: name, closing, self-closing, attributes.
    struct Tag {
        var name: String
        var isClosing: Bool
        var isEmpty: Bool
        var attributes: [(String, String)]

        init?(_ bytes: ArraySlice<UInt8>) {
            var body = bytes
            isClosing = body.first == UInt8(ascii: "/")
            if isClosing { body = body.dropFirst() }
            isEmpty = body.last == UInt8(ascii: "/")
            if isEmpty { body = body.dropLast() }
            let nameEnd = body.firstIndex { !Self.isNameByte($0) } ?? body.endIndex
            guard nameEnd > body.startIndex else { return nil }
            name = String(decoding: body[body.startIndex..<nameEnd], as: UTF8.self).lowercased()
            attributes = []
            var index = nameEnd
            while index < body.endIndex {
                while index < body.endIndex, !Self.isNameByte(body[index]) { index += 1 }
                let attributeStart = index
                while index < body.endIndex, Self.isNameByte(body[index]) { index += 1 }
                let attribute = String(decoding: body[attributeStart..<index], as: UTF8.self)
                guard index < body.endIndex, body[index] == UInt8(ascii: "="), index + 1 < body.endIndex else { break }
                let quote = body[index + 1]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                    let valueEnd = body[(index + 2)...].firstIndex(of: quote)
                else { break }
                attributes.append((attribute, FragmentWriter.decodeEntities(body[(index + 2)..<valueEnd])))
                index = valueEnd + 1
            }
        }

        func attribute(_ name: String) -> String? {
            attributes.first { $0.0 == name }?.1
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"):
                return true
            default: return false
            }
        }
    }
}

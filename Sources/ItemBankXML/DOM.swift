import CItemBankLibXML2
import ItemBankModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small read-only helpers over libxml2's tree.
enum DOM {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func children(_ node: xmlNodePtr, named name: String) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, hasLocalName(current, name) { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func child(_ node: xmlNodePtr, named name: String) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, hasLocalName(current, name) { return current }
            child = current.pointee.next
        }
        return nil
    }

    /// Whether the element's local name is `name` (`localName(node) == name`), without making a String:
    /// the bytes are compared; names that differ and are not both ASCII are compared as Strings (which
    /// compare by canonical equivalence).
    static func hasLocalName(_ node: xmlNodePtr, _ name: String) -> Bool {
        guard let actual = node.pointee.name else { return localName(node) == name }
        var name = name
        let sameBytesOrASCII = name.withUTF8 { expected -> Bool? in
            var index = 0
            var ascii = true
            while index < expected.count {
                let byte = actual[index]
                if byte != expected[index] { break }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            if index == expected.count, actual[index] == 0 { return true }
            // They differ: certainly so when both are ASCII.
            if !ascii || expected.contains(where: { $0 >= 0x80 }) { return nil }
            var rest = index
            while actual[rest] != 0 {
                if actual[rest] >= 0x80 { return nil }
                rest += 1
            }
            return false
        }
        return sameBytesOrASCII ?? (localName(node) == name)
    }

    static func localName(_ node: xmlNodePtr) -> String {
        String(cString: node.pointee.name)
    }

    static func namespaceURI(_ node: xmlNodePtr) -> String? {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// Value of an attribute without namespace, nil when absent.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { citembank_xml_free(value) }
        return String(cString: value)
    }

    /// `xml:lang` of the element itself.
    static func language(_ node: xmlNodePtr) -> String? {
        guard let value = xmlGetNsProp(node, "lang", xmlNamespace) else { return nil }
        defer { citembank_xml_free(value) }
        return String(cString: value)
    }

    /// The concatenated text of an element and its descendants, trimmed and with whitespace runs
    /// collapsed to one space.
    static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { citembank_xml_free(value) }
        return collapse(String(cString: value))
    }

    /// The text of an element, trimmed only (inner whitespace kept), for accepted answers and options.
    static func rawText(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { citembank_xml_free(value) }
        return trim(String(cString: value))
    }

    static func trim(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// Collapses runs of XML whitespace (space, tab, CR, LF) to one space and trims.
    static func collapse(_ text: String) -> String {
        var builder = CollapsingBuilder()
        builder.text(text)
        return builder.result
    }

    /// The element's content as ``RichText``: plain text plus an XHTML fragment of the markup subset
    /// (em, strong, code, a, br, p, ul, ol, li, blank), whitespace collapsed outside `<code>` and
    /// removed next to block tags.
    static func richText(_ node: xmlNodePtr) -> RichText {
        var markup = CollapsingBuilder()
        var plain = CollapsingBuilder()
        var blanks: [String] = []
        appendContent(of: node, markup: &markup, plain: &plain, blanks: &blanks)
        return RichText(plain: plain.result, markup: markup.result, blanks: blanks)
    }

    private static func appendContent(
        of node: xmlNodePtr, markup: inout CollapsingBuilder, plain: inout CollapsingBuilder, blanks: inout [String]
    ) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let text = UnsafeBufferPointer(start: content, count: strlen(content))
                    markup.append(text, escaped: true)
                    plain.append(text, escaped: false)
                }
            case XML_ELEMENT_NODE:
                let name = localName(current)
                switch name {
                case "br":
                    markup.inline("<br/>")
                    plain.text(" ")
                case "blank":
                    let response = attribute(current, "response") ?? ""
                    blanks.append(response)
                    markup.inline("<blank response=\"\(RichText.escapeAttribute(response))\"/>")
                    plain.text(" … ")
                case "code":
                    let text = rawCode(current)
                    markup.inline("<code>" + RichText.escape(text) + "</code>")
                    plain.text(text)
                case "a":
                    let href = attribute(current, "href") ?? ""
                    markup.inline("<a href=\"\(RichText.escapeAttribute(href))\">")
                    appendContent(of: current, markup: &markup, plain: &plain, blanks: &blanks)
                    markup.inline("</a>")
                case "p", "li", "ul", "ol":
                    markup.block("<\(name)>")
                    plain.text(" ")
                    appendContent(of: current, markup: &markup, plain: &plain, blanks: &blanks)
                    markup.block("</\(name)>")
                    plain.text(" ")
                default:
                    markup.inline("<\(name)>")
                    appendContent(of: current, markup: &markup, plain: &plain, blanks: &blanks)
                    markup.inline("</\(name)>")
                }
            default:
                break
            }
        }
    }

    private static func rawCode(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { citembank_xml_free(value) }
        return String(cString: value)
    }
}

/// Builds text with XML whitespace runs collapsed to one space, no space at the start or the end, and
/// none next to a block tag. Works on UTF-8 bytes (whitespace and the escaped characters are ASCII).
struct CollapsingBuilder {
    private var bytes: [UInt8] = []
    private var pendingSpace = false
    private var atBoundary = true

    var result: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends text, collapsing whitespace; `escaped` escapes & < > for markup.
    mutating func text(_ text: String, escaped: Bool = false) {
        var text = text
        text.withUTF8 { append($0, escaped: escaped) }
    }

    /// Appends UTF-8 bytes, collapsing whitespace. Runs of ordinary bytes are copied in one go.
    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        if bytes.capacity == 0 { bytes.reserveCapacity(256) }
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D:
                if !atBoundary { pendingSpace = true }
                index += 1
            case UInt8(ascii: "&") where escaped, UInt8(ascii: "<") where escaped, UInt8(ascii: ">") where escaped:
                flushSpace()
                switch byte {
                case UInt8(ascii: "&"): bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case UInt8(ascii: "<"): bytes += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                default: bytes += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                }
                index += 1
            default:
                flushSpace()
                var end = index + 1
                while end < count {
                    let next = utf8[end]
                    if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D { break }
                    if escaped && (next == UInt8(ascii: "&") || next == UInt8(ascii: "<") || next == UInt8(ascii: ">"))
                    {
                        break
                    }
                    end += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                index = end
            }
        }
    }

    private mutating func flushSpace() {
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
        atBoundary = false
    }

    /// Appends an inline fragment verbatim (a tag, a code span), after any pending space.
    mutating func inline(_ fragment: String) {
        if pendingSpace { bytes.append(0x20) }
        pendingSpace = false
        bytes += fragment.utf8
        atBoundary = false
    }

    /// Appends a block tag: spaces around it are dropped.
    mutating func block(_ tag: String) {
        pendingSpace = false
        bytes += tag.utf8
        atBoundary = true
    }
}

import CItemBankLibXML2
import Foundation
import ItemBankModel

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
        children(node).filter { localName($0) == name }
    }

    static func child(_ node: xmlNodePtr, named name: String) -> xmlNodePtr? {
        children(node).first { localName($0) == name }
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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r" || character == "\r\n" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// The element's content as ``RichText``: plain text plus an XHTML fragment of the markup subset
    /// (em, strong, code, a, br, p, ul, ol, li, blank).
    static func richText(_ node: xmlNodePtr) -> RichText {
        var markup = ""
        var plain = ""
        appendContent(of: node, markup: &markup, plain: &plain)
        return RichText(plain: collapse(plain), markup: collapseMarkup(markup))
    }

    private static func appendContent(of node: xmlNodePtr, markup: inout String, plain: inout String) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = current.pointee.content.map { String(cString: $0) } ?? ""
                markup += RichText.escape(text)
                plain += text
            case XML_ELEMENT_NODE:
                let name = localName(current)
                switch name {
                case "br":
                    markup += "<br/>"
                    plain += " "
                case "blank":
                    let response = attribute(current, "response") ?? ""
                    markup += "<blank response=\"\(RichText.escapeAttribute(response))\"/>"
                    plain += " … "
                case "code":
                    let text = current.pointee.children == nil ? "" : rawCode(current)
                    markup += "<code>\(RichText.escape(text))</code>"
                    plain += text
                case "a":
                    let href = attribute(current, "href") ?? ""
                    markup += "<a href=\"\(RichText.escapeAttribute(href))\">"
                    appendContent(of: current, markup: &markup, plain: &plain)
                    markup += "</a>"
                case "p", "li", "ul", "ol":
                    markup += "<\(name)>"
                    plain += " "
                    appendContent(of: current, markup: &markup, plain: &plain)
                    markup += "</\(name)>"
                    plain += " "
                default:
                    markup += "<\(name)>"
                    appendContent(of: current, markup: &markup, plain: &plain)
                    markup += "</\(name)>"
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

    /// Collapses whitespace in a markup fragment outside `<code>` elements, and removes the spaces
    /// next to block tags.
    private static func collapseMarkup(_ markup: String) -> String {
        var out = ""
        var index = markup.startIndex
        while index < markup.endIndex {
            if markup[index...].hasPrefix("<code>"), let end = markup[index...].range(of: "</code>") {
                out += markup[index..<end.upperBound]
                index = end.upperBound
                continue
            }
            let next = markup[index...].range(of: "<code>")?.lowerBound ?? markup.endIndex
            let segment = collapsePreservingEdges(String(markup[index..<next]))
            out += segment
            index = next
        }
        for tag in ["p", "ul", "ol", "li"] {
            out = out.replacingOccurrences(of: "<\(tag)> ", with: "<\(tag)>")
            out = out.replacingOccurrences(of: " </\(tag)>", with: "</\(tag)>")
            out = out.replacingOccurrences(of: "</\(tag)> <", with: "</\(tag)><")
            out = out.replacingOccurrences(of: "> <\(tag)>", with: "><\(tag)>")
        }
        return trim(out)
    }

    private static func collapsePreservingEdges(_ text: String) -> String {
        var out = ""
        var inSpace = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r" || character == "\r\n" {
                if !inSpace { out.append(" ") }
                inSpace = true
            } else {
                out.append(character)
                inSpace = false
            }
        }
        return out
    }
}

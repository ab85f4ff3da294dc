import CItemBankLibXML2
import Foundation
import ItemBankModel

/// Collects libxml2's structured errors for one parse or one validation.
final class ErrorCollector {
    struct Entry {
        var line: Int
        var column: Int
        var message: String
        var level: xmlErrorLevel
        var node: UnsafeMutableRawPointer?
        var code: Int
        var int1: Int
        var str1: String?
        var str2: String?
    }

    var entries: [Entry] = []
    /// Set when the parser met a `<!DOCTYPE`: (line, column).
    var doctype: (line: Int, column: Int)?

    func record(_ error: UnsafePointer<xmlError>) {
        let value = error.pointee
        var message = value.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        message = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        entries.append(
            Entry(
                line: Int(value.line), column: Int(value.int2), message: message, level: value.level,
                node: value.node, code: Int(value.code), int1: Int(value.int1),
                str1: value.str1.map { String(cString: $0) }, str2: value.str2.map { String(cString: $0) }))
    }
}

/// A parsed XML document (libxml2 tree) with its source text. Not shared between threads.
final class ParsedDocument {
    let pointer: xmlDocPtr
    let source: SourceText
    let path: String

    init(pointer: xmlDocPtr, source: SourceText, path: String) {
        self.pointer = pointer
        self.source = source
        self.path = path
    }

    deinit { xmlFreeDoc(pointer) }

    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    /// Exact location of an element's start tag.
    func location(of node: xmlNodePtr) -> SourceLocation {
        let line = Int(xmlGetLineNo(node))
        guard line > 0 else { return SourceLocation(path: path) }
        if let offset = source.startTagOffset(
            qualifiedName: qualifiedName(node), reportedLine: line, skip: laterSiblingsOnSameLine(node, line: line))
        {
            let position = source.position(ofOffset: offset)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
        return SourceLocation(path: path, line: line, column: 1)
    }

    /// How many following sibling elements of the same name libxml2 reports on the same line
    /// (`<accept>a</accept><accept>b</accept>`): the backward search must pass over them.
    private func laterSiblingsOnSameLine(_ node: xmlNodePtr, line: Int) -> Int {
        var count = 0
        var sibling = node.pointee.next
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE {
                guard Int(xmlGetLineNo(current)) == line else { break }
                if xmlStrEqual(current.pointee.name, node.pointee.name) != 0 { count += 1 }
            }
            sibling = current.pointee.next
        }
        return count
    }

    /// Exact location of an attribute's value; the element's location when not found.
    func location(ofAttribute name: String, in node: xmlNodePtr) -> SourceLocation {
        let line = Int(xmlGetLineNo(node))
        if line > 0,
            let tag = source.startTagOffset(
                qualifiedName: qualifiedName(node), reportedLine: line, skip: laterSiblingsOnSameLine(node, line: line)),
            let value = source.attributeValueOffset(name: name, tagOffset: tag)
        {
            let position = source.position(ofOffset: value)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
        return location(of: node)
    }

    /// Exact locations of several attributes' values of one element, each as
    /// ``location(ofAttribute:in:)`` gives it; the element's start tag is searched for once.
    func locations(ofAttributes names: [String], in node: xmlNodePtr) -> [SourceLocation] {
        let line = Int(xmlGetLineNo(node))
        let tag =
            line > 0
            ? source.startTagOffset(
                qualifiedName: qualifiedName(node), reportedLine: line, skip: laterSiblingsOnSameLine(node, line: line))
            : nil
        return names.map { name in
            if let tag, let value = source.attributeValueOffset(name: name, tagOffset: tag) {
                let position = source.position(ofOffset: value)
                return SourceLocation(path: path, line: position.line, column: position.column)
            }
            return location(of: node)
        }
    }

    private func qualifiedName(_ node: xmlNodePtr) -> String {
        let name = String(cString: node.pointee.name)
        if let ns = node.pointee.ns, let prefix = ns.pointee.prefix {
            return String(cString: prefix) + ":" + name
        }
        return name
    }
}

/// Safe XML parsing of author files with libxml2.
///
/// Options: `NONET | BIG_LINES | NOCDATA` (+ `NO_XXE` on libxml2 ≥ 2.13); never entity substitution,
/// DTD loading, XInclude or HUGE. A `<!DOCTYPE` stops the parse and is reported as `xml.doctype`
/// (items have no use for one, and it is where entity attacks live).
enum SafeParser {
    static let options: Int32 = {
        Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_BIG_LINES.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
            | citembank_parse_no_xxe()
    }()

    /// Must run once before any parse from several threads.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes`; returns the document, or nil with diagnostics when it is not well-formed.
    /// `utf8Only: false` accepts the encodings libxml2 reads (ISO-8859-1…), for foreign sources being imported.
    static func parse(bytes: [UInt8], path: String, utf8Only: Bool = true) -> (ParsedDocument?, [Diagnostic]) {
        _ = initialized
        if bytes.isEmpty {
            return (
                nil,
                [
                    XMLRules.notWellFormed.diagnostic(
                        at: SourceLocation(path: path, line: 1, column: 1), message: "the file is empty",
                        help: "write an XML document, or delete the file")
                ]
            )
        }
        guard let context = xmlNewParserCtxt() else {
            return (
                nil,
                [
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path), message: "could not allocate an XML parser")
                ]
            )
        }
        defer { xmlFreeParserCtxt(context) }
        let collector = ErrorCollector()
        let retained = Unmanaged.passRetained(collector)
        defer { retained.release() }
        context.pointee._private = retained.toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let privateData = parser.pointee._private else { return }
            Unmanaged<ErrorCollector>.fromOpaque(privateData).takeUnretainedValue().record(error)
        }
        context.pointee.sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            if let privateData = parser.pointee._private {
                let line = parser.pointee.input.map { Int($0.pointee.line) } ?? 0
                Unmanaged<ErrorCollector>.fromOpaque(privateData).takeUnretainedValue().doctype = (line, 1)
            }
            xmlStopParser(parser)
        }
        if let encoding = byteOrderMarkEncoding(bytes) {
            return (
                nil,
                [
                    XMLRules.encoding.diagnostic(
                        at: SourceLocation(path: path, line: 1, column: 1),
                        message: "the file is encoded in \(encoding) (byte-order mark); itembank reads UTF-8 only",
                        help: "save the file as UTF-8")
                ]
            )
        }
        guard bytes.count < Int(Int32.max) else {
            return (
                nil,
                [
                    XMLRules.notWellFormed.diagnostic(
                        at: SourceLocation(path: path), message: "the file is too large to parse (\(bytes.count) bytes)"
                    )
                ]
            )
        }
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                characters.baseAddress.flatMap {
                    xmlCtxtReadMemory(context, $0, Int32(characters.count), path, nil, options)
                }
            }
        }
        let wellFormed = context.pointee.wellFormed != 0
        let source = SourceText(bytes: bytes)
        var diagnostics: [Diagnostic] = []
        if let doctype = collector.doctype {
            diagnostics.append(
                XMLRules.doctype.diagnostic(
                    at: SourceLocation(path: path, line: doctype.line, column: doctype.column),
                    message: "document type declaration (<!DOCTYPE>) is not allowed in itembank files",
                    help:
                        "delete the <!DOCTYPE …> declaration and any entity it declares; write characters directly in UTF-8"
                ))
        } else if let first = collector.entries.first(where: { $0.level.rawValue >= XML_ERR_ERROR.rawValue }) {
            // Only the first error: the ones after it are libxml2 recovering from it.
            diagnostics.append(wellFormednessDiagnostic(first, source: source, path: path))
        }
        guard let document, wellFormed, collector.doctype == nil else {
            if let document { xmlFreeDoc(document) }
            if diagnostics.isEmpty {
                diagnostics.append(
                    XMLRules.notWellFormed.diagnostic(
                        at: SourceLocation(path: path, line: 1, column: 1), message: "the file is not well-formed XML"))
            }
            return (nil, diagnostics)
        }
        if utf8Only, let declared = document.pointee.encoding.map({ String(cString: $0) }),
            declared.uppercased() != "UTF-8", declared.uppercased() != "UTF8"
        {
            xmlFreeDoc(document)
            return (
                nil,
                diagnostics + [
                    XMLRules.encoding.diagnostic(
                        at: SourceLocation(path: path, line: 1, column: 1),
                        message: "the file declares encoding \(declared); itembank reads UTF-8 only",
                        help: "convert the file to UTF-8 and write encoding=\"UTF-8\" in the XML declaration")
                ]
            )
        }
        return (ParsedDocument(pointer: document, source: source, path: path), diagnostics)
    }

    /// The encoding named by a UTF-16 or UTF-32 byte-order mark, nil for none (or a UTF-8 BOM, accepted).
    static func byteOrderMarkEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 4, bytes[0] == 0x00, bytes[1] == 0x00, bytes[2] == 0xFE, bytes[3] == 0xFF {
            return "UTF-32BE"
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0x00, bytes[3] == 0x00 {
            return "UTF-32LE"
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16BE" }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16LE" }
        return nil
    }

    /// A diagnostic for a well-formedness error; an unclosed element is reported where it opens.
    private static func wellFormednessDiagnostic(
        _ entry: ErrorCollector.Entry, source: SourceText, path: String
    )
        -> Diagnostic
    {
        if entry.code == Int(XML_ERR_TAG_NAME_MISMATCH.rawValue), let opened = entry.str1, entry.int1 > 0 {
            let found = entry.str2.map { "</\($0)>" } ?? "another end tag"
            var location = SourceLocation(path: path, line: entry.int1, column: 1)
            if let offset = source.startTagOffset(qualifiedName: opened, reportedLine: entry.int1) {
                let position = source.position(ofOffset: offset)
                location = SourceLocation(path: path, line: position.line, column: position.column)
            }
            return XMLRules.notWellFormed.diagnostic(
                at: location, message: "element <\(opened)> is not closed (found \(found) at line \(entry.line))",
                help: "close it with </\(opened)> or make it empty with <\(opened)/>")
        }
        var message = entry.message
        var help: String?
        if message.hasPrefix("Excessive depth in document") {
            message = "elements are nested more than 256 levels deep"
            help = "items never need such nesting: check for unclosed elements"
        } else if message.contains("huge text node") {
            message = "a text is longer than 10,000,000 characters"
            help = "split the content; put large data in an attachment"
        } else if message.hasPrefix("Input is not proper UTF-8") {
            message =
                "the file is not valid UTF-8 ("
                + message.replacingOccurrences(of: "Input is not proper UTF-8, indicate encoding ! ", with: "") + ")"
            help = "save the file as UTF-8"
        }
        return XMLRules.notWellFormed.diagnostic(
            at: SourceLocation(path: path, line: entry.line, column: max(entry.column, 1)), message: message, help: help
        )
    }
}

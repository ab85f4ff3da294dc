import CItemBankLibXML2
import Foundation
import ItemBankModel

/// An error that prevents schemas from being loaded at all (a broken installation, not an author error).
public struct SchemaLoadingError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var messages: [String]
    public var description: String {
        "cannot compile XML schema \(path): " + (messages.isEmpty ? "unknown error" : messages.joined(separator: "; "))
    }
}

/// A compiled XSD, shared by every thread (each validation has its own context).
public final class CompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// The schema's path.
    public let path: String

    /// Compiles the XSD at `path` (imports are resolved relative to it; no network access).
    /// - Throws: ``SchemaLoadingError`` when the file cannot be read or is not a valid XSD.
    public init(path: String) throws {
        _ = SafeParser.initialized
        guard let parserContext = xmlSchemaNewParserCtxt(path) else {
            throw SchemaLoadingError(path: path, messages: ["cannot create a schema parser"])
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let collector = ErrorCollector()
        let retained = Unmanaged.passRetained(collector)
        defer { retained.release() }
        xmlSchemaSetParserStructuredErrors(
            parserContext,
            { userData, error in
                guard let userData, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
            }, retained.toOpaque())
        guard let schema = xmlSchemaParse(parserContext) else {
            throw SchemaLoadingError(path: path, messages: collector.entries.map(\.message))
        }
        self.pointer = schema
        self.path = path
    }

    deinit { xmlSchemaFree(pointer) }

    /// Validates a parsed document; returns one `xml.schema` diagnostic per error, with the line and
    /// the column of the offending element when it can be found.
    func validate(_ document: ParsedDocument) -> [Diagnostic] {
        guard let context = xmlSchemaNewValidCtxt(pointer) else {
            return [
                XMLRules.schema.diagnostic(
                    at: SourceLocation(path: document.path), message: "cannot create a validation context")
            ]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let retained = Unmanaged.passRetained(collector)
        defer { retained.release() }
        xmlSchemaSetValidStructuredErrors(
            context,
            { userData, error in
                guard let userData, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
            }, retained.toOpaque())
        _ = xmlSchemaValidateDoc(context, document.pointer)
        return collector.entries.map { entry in
            var location = SourceLocation(path: document.path, line: entry.line, column: 1)
            if let node = entry.node?.assumingMemoryBound(to: xmlNode.self), node.pointee.type == XML_ELEMENT_NODE {
                let found =
                    SchemaMessages.attributeName(in: entry.message).map { document.location(ofAttribute: $0, in: node) }
                    ?? document.location(of: node)
                if found.line > 0 { location = found }
            }
            let (message, help) = SchemaMessages.rewrite(SchemaMessages.humanize(entry.message))
            return XMLRules.schema.diagnostic(at: location, message: message, help: help)
        }
    }
}

/// The three schemas of the authoring format, compiled once.
public struct SchemaSet: Sendable {
    public let item: CompiledSchema
    public let framework: CompiledSchema
    public let bank: CompiledSchema

    /// Compiles `item.xsd`, `framework.xsd` and `bank.xsd` from a folder (which also holds `xml.xsd`).
    /// - Throws: ``SchemaLoadingError``.
    public init(directory: String) throws {
        item = try CompiledSchema(path: directory + "/item.xsd")
        framework = try CompiledSchema(path: directory + "/framework.xsd")
        bank = try CompiledSchema(path: directory + "/bank.xsd")
    }

    /// The schemas built into the tool (copies of `Schemas/`), written to a new private temporary
    /// folder, compiled from there (so `xml.xsd` is imported by relative path, without network access),
    /// then deleted.
    /// - Throws: ``SchemaLoadingError`` when the folder cannot be written.
    public static func builtIn() throws -> SchemaSet {
        let directory = try EmbeddedSchemas.materialize()
        defer { EmbeddedSchemas.remove(directory) }
        return try SchemaSet(directory: directory)
    }

    /// The built-in schemas' file names and contents (for tests and `itembank schemas`).
    public static var builtInFiles: [(name: String, content: String)] { EmbeddedSchemas.files }
}

/// Turns libxml2's schema messages into shorter, author-readable ones.
enum SchemaMessages {
    static func humanize(_ message: String) -> String {
        var text = message
        for namespace in ["urn:itembank:item:1", "urn:itembank:framework:1", "urn:itembank:bank:1"] {
            text = text.replacingOccurrences(of: "{\(namespace)}", with: "")
        }
        text = text.replacingOccurrences(of: "{http://www.w3.org/XML/1998/namespace}", with: "xml:")
        // "Element 'choice': ..." -> "element <choice>: ..."
        if let range = text.range(of: #"^Element '([^']+)'"#, options: .regularExpression) {
            let name = text[range].dropFirst("Element '".count).dropLast()
            text.replaceSubrange(range, with: "element <\(name)>")
        }
        text = text.replacingOccurrences(of: #"\[facet '[A-Za-z]+'\] "#, with: "", options: .regularExpression)
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// libxml2's three most frequent messages in the project's words, with what to do: a value outside
    /// an enumeration (`status="valided"`), an element not expected (`<choise>`, or elements out of
    /// order), an attribute not allowed (`shufle`); a misspelling gets "did you mean …?". Another
    /// message is returned unchanged, without help. Takes the output of ``humanize(_:)``.
    static func rewrite(_ message: String) -> (message: String, help: String?) {
        if let match = message.wholeMatch(
            of: #/element <([^>]+)>, attribute '([^']+)': The value '([^']*)' is not an element of the set \{(.*)\}/#)
        {
            let allowed = match.4.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            }
            let attribute = String(match.2)
            let value = String(match.3)
            let list = SchemaMessages.list(allowed)
            let close = closest(to: value, among: allowed)
            return (
                "value '\(value)' of attribute \(attribute) on <\(match.1)> is not one of \(list)",
                close.map { "did you mean \(attribute)=\"\($0)\"?" } ?? "write one of \(list)"
            )
        }
        if let match = message.wholeMatch(
            of: #/element <([^>]+)>: This element is not expected\.(?: Expected is (one of )?\( (.*) \))?/#)
        {
            let name = String(match.1)
            guard let expectedList = match.3 else {
                return (
                    "element <\(name)> is not expected here",
                    "elements come in the order their schema gives (Schemas/item.xsd, framework.xsd, bank.xsd; docs/authoring.md)"
                )
            }
            let expected = expectedList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let names = expected.map { "<\($0)>" }
            let list = match.2 == nil ? names.joined() : "one of " + SchemaMessages.list(names)
            let close = closest(to: name, among: expected)
            return (
                "element <\(name)> is not expected here; expected \(list)",
                close.map { "did you mean <\($0)>?" }
                    ?? "elements come in the order their schema gives (Schemas/item.xsd, framework.xsd, bank.xsd; docs/authoring.md)"
            )
        }
        if let match = message.wholeMatch(
            of: #/element <([^>]+)>, attribute '([^']+)': The attribute '[^']+' is not allowed/#)
        {
            let attribute = String(match.2)
            let close = closest(to: attribute, among: attributeNames)
            return (
                "attribute \(attribute) is not allowed on <\(match.1)>",
                close.map { "did you mean \($0)?" } ?? "delete it, or see the element's attributes in its schema"
            )
        }
        return (message, nil)
    }

    /// "a, b or c".
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The candidate closest to `name` (case ignored) when a typo away: an edit distance of at most 2,
    /// and at most a third of the name's length; nil when none or when several are as close.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let found = Suggestions.closest(to: name, among: candidates, maximumDistance: 2)
        return found.count == 1 ? found.first : nil
    }

    /// Every attribute name the built-in schemas declare (`<xs:attribute name="…"`).
    static let attributeNames: [String] = {
        var names: Set<String> = []
        for file in EmbeddedSchemas.files {
            for match in file.content.matches(of: #/<xs:attribute\s+name="([A-Za-z_:][A-Za-z0-9_.:\-]*)"/#) {
                names.insert(String(match.1))
            }
        }
        return names.sorted()
    }()

    /// The attribute a schema message is about (`Element 'item', attribute 'type': …` -> `type`).
    static func attributeName(in message: String) -> String? {
        guard let range = message.range(of: #"^Element '[^']+', attribute '[^']+'"#, options: .regularExpression) else {
            return nil
        }
        let head = message[range]
        guard let start = head.range(of: "attribute '")?.upperBound else { return nil }
        let name = head[start...].dropLast()
        // xml:lang is reported as '{http://www.w3.org/XML/1998/namespace}lang'.
        if name.hasPrefix("{") { return name.split(separator: "}").last.map { "xml:" + $0 } }
        return String(name)
    }
}

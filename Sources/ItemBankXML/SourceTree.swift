import CItemBankLibXML2
import Foundation
import ItemBankModel

/// A node of a generic XML document read by ``SourceTreeReader``: an element or a run of text.
public enum SourceNode: Hashable, Sendable {
    case element(SourceElement)
    /// Character data (CDATA included), entities already expanded by the parser.
    case text(String)
}

/// An element of a foreign XML document (QTI, Moodle XML, IMS manifest), as plain values: no libxml2
/// type leaks out of `ItemBankXML`.
public struct SourceElement: Hashable, Sendable {
    /// Namespace URI, nil when the element has none.
    public var namespace: String?
    /// Local name (`choiceInteraction`, `qti-choice-interaction`).
    public var name: String
    /// Attributes in document order: (namespace URI or nil, local name, value).
    public var attributes: [SourceAttribute]
    /// Child elements and text runs, in document order (comments and processing instructions dropped).
    public var children: [SourceNode]
    /// Where the start tag begins (`path:line:column`).
    public var location: SourceLocation

    public init(
        namespace: String?, name: String, attributes: [SourceAttribute], children: [SourceNode],
        location: SourceLocation
    ) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.children = children
        self.location = location
    }

    /// The value of the attribute `name` without namespace, nil when absent.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// `xml:lang` of this element itself (not inherited).
    public var language: String? {
        attributes.first { $0.namespace == SourceTreeReader.xmlNamespace && $0.name == "lang" }?.value
    }

    /// The child elements, in order.
    public var elements: [SourceElement] {
        children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    /// The child elements named `name` (local name).
    public func elements(named name: String) -> [SourceElement] { elements.filter { $0.name == name } }

    /// The first child element named `name` (local name).
    public func element(named name: String) -> SourceElement? { elements.first { $0.name == name } }

    /// Every descendant element (depth first, document order), this one excluded.
    public var descendants: [SourceElement] {
        var result: [SourceElement] = []
        func walk(_ element: SourceElement) {
            for child in element.elements {
                result.append(child)
                walk(child)
            }
        }
        walk(self)
        return result
    }

    /// The concatenated text of the element and its descendants, unchanged.
    public var text: String {
        var result = ""
        func walk(_ element: SourceElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += text
                case .element(let element): walk(element)
                }
            }
        }
        walk(self)
        return result
    }
}

/// An attribute of a ``SourceElement``.
public struct SourceAttribute: Hashable, Sendable {
    /// Namespace URI, nil for an attribute without prefix.
    public var namespace: String?
    public var name: String
    public var value: String

    public init(namespace: String?, name: String, value: String) {
        self.namespace = namespace
        self.name = name
        self.value = value
    }
}

/// An XSD of a foreign format (QTI 2.1, QTI 3.0, IMS content packaging…), compiled once and shared by
/// every thread. Its imports are resolved offline through an OASIS XML catalog.
public final class ForeignSchema: Sendable {
    let compiled: CompiledSchema
    /// The XSD's path.
    public var path: String { compiled.path }

    /// Loads `catalog` (an OASIS XML catalog, once per process and path), then compiles the XSD at `path`.
    /// Network access is refused: an import the catalog does not resolve to a local file fails.
    /// - Throws: ``SchemaLoadingError`` when the XSD cannot be compiled.
    public init(path: String, catalog: String?) throws {
        _ = ForeignSchema.offline
        if let catalog { ForeignSchema.load(catalog: catalog) }
        compiled = try CompiledSchema(path: path)
    }

    private static let offline: Bool = {
        _ = SafeParser.initialized
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        return true
    }()

    private static let loaded = CatalogLock<Set<String>>([])

    private static func load(catalog: String) {
        let absolute = URL(fileURLWithPath: catalog).standardizedFileURL.path
        loaded.withLock { set in
            guard !set.contains(absolute) else { return }
            set.insert(absolute)
            xmlInitializeCatalog()
            _ = xmlLoadCatalog(absolute)
        }
    }
}

/// A small lock (loads of catalogs are serialised).
final class CatalogLock<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Reads foreign XML documents (QTI, Moodle XML, IMS manifests) safely into ``SourceElement`` trees,
/// validating them against their own XSD when one is given.
///
/// The parse is the project's safe parse (no network, no entity substitution, a `<!DOCTYPE>` refused);
/// errors are ``Diagnostic``s (`xml.not-well-formed`, `xml.schema`…) with `path:line:column`.
public enum SourceTreeReader {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Parses `bytes` (UTF-8, or the encoding the XML declaration names); `schema` picks the XSD from the root element's (namespace, local name), nil for none.
    /// - Returns: the root element (nil when the file is not well-formed) and the diagnostics: parse
    ///   errors, then schema errors. A tree is returned even when the schema fails, so that the caller
    ///   can say what the file was.
    public static func read(
        bytes: [UInt8], path: String, schema: (_ namespace: String?, _ name: String) -> ForeignSchema? = { _, _ in nil }
    ) -> (SourceElement?, [Diagnostic]) {
        let (document, diagnostics) = SafeParser.parse(bytes: bytes, path: path, utf8Only: false)
        guard let document, let root = document.root else { return (nil, diagnostics) }
        var all = diagnostics
        let tree = element(root, document: document)
        if let foreign = schema(tree.namespace, tree.name) {
            all += foreign.compiled.validate(document).map { diagnostic in
                var copy = diagnostic
                copy.message = copy.message.replacingOccurrences(
                    of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
                return copy
            }
        }
        return (tree, all)
    }

    /// Parses an HTML fragment (the HTML text of a Moodle or GIFT question) with libxml2's HTML parser
    /// (no network, errors recovered as browsers do) into a `<body>` element; every element gets
    /// `location`, the place of the text in its own file.
    public static func readHTMLFragment(_ html: String, location: SourceLocation) -> SourceElement {
        _ = SafeParser.initialized
        let wrapped = "<html><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let bytes = Array(wrapped.utf8)
        let empty = SourceElement(namespace: nil, name: "body", attributes: [], children: [], location: location)
        guard bytes.count < Int(Int32.max) else { return empty }
        let pointer: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                characters.baseAddress.flatMap {
                    htmlReadMemory($0, Int32(characters.count), location.path, "UTF-8", options)
                }
            }
        }
        guard let pointer else { return empty }
        let document = ParsedDocument(pointer: pointer, source: SourceText(bytes: []), path: location.path)
        guard let root = document.root else { return empty }
        func find(_ node: SourceElement) -> SourceElement? {
            if node.name == "body" { return node }
            for child in node.elements { if let found = find(child) { return found } }
            return nil
        }
        let tree = element(root, document: document, fixed: location)
        return find(tree) ?? empty
    }

    private static func element(
        _ node: xmlNodePtr, document: ParsedDocument, fixed: SourceLocation? = nil
    ) -> SourceElement {
        var attributes: [SourceAttribute] = []
        var property = node.pointee.properties
        while let current = property {
            let name = String(cString: current.pointee.name)
            let namespace = current.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
            var value = ""
            if let raw = xmlNodeListGetString(document.pointer, current.pointee.children, 1) {
                value = String(cString: raw)
                citembank_xml_free(raw)
            }
            attributes.append(SourceAttribute(namespace: namespace, name: name, value: value))
            property = current.pointee.next
        }
        var children: [SourceNode] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(element(current, document: document, fixed: fixed)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let text = String(cString: content)
                    if case .text(let previous) = children.last {
                        children[children.count - 1] = .text(previous + text)
                    } else {
                        children.append(.text(text))
                    }
                }
            default: break
            }
            child = current.pointee.next
        }
        return SourceElement(
            namespace: DOM.namespaceURI(node), name: DOM.localName(node), attributes: attributes, children: children,
            location: fixed ?? document.location(of: node))
    }
}

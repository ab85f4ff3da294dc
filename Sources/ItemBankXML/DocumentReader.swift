import CItemBankLibXML2
import Foundation
import ItemBankModel

/// Reads one source file: safe parse, root check, XSD validation, decoding.
///
/// Every problem becomes a ``Diagnostic``; a value is returned only when the file is well-formed,
/// has the expected root and passes its schema.
public struct DocumentReader: Sendable {
    public let schemas: SchemaSet

    public init(schemas: SchemaSet) {
        self.schemas = schemas
    }

    /// Reads an item file's bytes. `path` is the path shown in diagnostics.
    public func item(bytes: [UInt8], path: String) -> (Item?, [Diagnostic]) {
        read(
            bytes: bytes, path: path, root: "item", namespace: Namespaces.item, schema: schemas.item,
            decode: Decoders.item)
    }

    /// Reads a framework file's bytes.
    public func framework(bytes: [UInt8], path: String) -> (Framework?, [Diagnostic]) {
        read(
            bytes: bytes, path: path, root: "framework", namespace: Namespaces.framework, schema: schemas.framework,
            decode: Decoders.framework)
    }

    /// Reads a bank manifest's bytes.
    public func manifest(bytes: [UInt8], path: String) -> (BankManifest?, [Diagnostic]) {
        read(
            bytes: bytes, path: path, root: "bank", namespace: Namespaces.bank, schema: schemas.bank,
            decode: Decoders.manifest)
    }

    /// Reads a file from disk; an unreadable file or a folder gives one `xml.unreadable` diagnostic.
    public func readFile(_ path: String) -> ([UInt8]?, Diagnostic?) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (
                nil,
                XMLRules.unreadable.diagnostic(
                    at: SourceLocation(path: path), message: "expected a file, found a folder")
            )
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = access(path, F_OK) == 0 ? "permission denied" : "no such file"
            return (
                nil,
                XMLRules.unreadable.diagnostic(
                    at: SourceLocation(path: path), message: "cannot read the file: \(reason)")
            )
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return ([UInt8](data), nil)
        } catch {
            return (
                nil,
                XMLRules.unreadable.diagnostic(
                    at: SourceLocation(path: path), message: "cannot read the file: \(error.localizedDescription)")
            )
        }
    }

    private func read<Value>(
        bytes: [UInt8], path: String, root expectedRoot: String, namespace: String, schema: CompiledSchema,
        decode: (ParsedDocument, xmlNodePtr) -> Value
    ) -> (Value?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = SafeParser.parse(bytes: bytes, path: path)
        guard let document = parsed, let root = document.root else { return (nil, parseDiagnostics) }
        let name = DOM.localName(root)
        let actualNamespace = DOM.namespaceURI(root)
        if name != expectedRoot || actualNamespace != namespace {
            let found = actualNamespace.map { "<\(name)> in namespace \($0)" } ?? "<\(name)> without namespace"
            return (
                nil,
                parseDiagnostics + [
                    XMLRules.wrongRoot.diagnostic(
                        at: document.location(of: root),
                        message: "expected root element <\(expectedRoot)> in namespace \(namespace), found \(found)",
                        help: "write <\(expectedRoot) xmlns=\"\(namespace)\" …>")
                ]
            )
        }
        let schemaDiagnostics = schema.validate(document)
        guard schemaDiagnostics.isEmpty else { return (nil, parseDiagnostics + schemaDiagnostics) }
        return (decode(document, root), parseDiagnostics)
    }
}

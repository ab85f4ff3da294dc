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

    /// Reads a file from disk (POSIX `open`/`read`, retried on `EINTR`); an unreadable file or a folder
    /// gives one `xml.unreadable` diagnostic.
    public func readFile(_ path: String) -> ([UInt8]?, Diagnostic?) {
        func failure(_ message: String) -> ([UInt8]?, Diagnostic?) {
            (nil, XMLRules.unreadable.diagnostic(at: SourceLocation(path: path), message: message))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return failure("cannot read the file: \(errno == ENOENT ? "no such file" : FileWalker.systemReason(path))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return failure("cannot read the file: \(FileWalker.systemReason(path))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return failure("expected a file, found a folder") }
        if Int(info.st_size) > XMLRules.maximumFileSize {
            return (
                nil,
                XMLRules.tooLarge.diagnostic(
                    at: SourceLocation(path: path),
                    message:
                        "the file has \(info.st_size) bytes, more than the 8 MiB allowed for a source file: not read",
                    help: "an item is a few kilobytes: split it, or put large data in an attachment")
            )
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return posixRead(descriptor, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return failure("cannot read the file: \(FileWalker.systemReason(path))")
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return (bytes, nil)
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

/// POSIX `read(2)` (a free function, so that `DocumentReader`'s methods do not shadow it).
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

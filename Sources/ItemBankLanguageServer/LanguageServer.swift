import Foundation
import ItemBankLint
import ItemBankModel
import ItemBankXML

/// The itembank language server: JSON-RPC 2.0 over a pair of file descriptors (standard input and
/// output for `itembank lsp`), LSP 3.17.
///
/// Each bank (the folder holding `bank.xml` above an opened document) is read and indexed once, when
/// its first document opens; then an edit re-checks only the edited document against the index
/// (``IndexedBank``), and the bank-wide rules for every open document of that bank. Diagnostics are
/// published when no more input is waiting, so a burst of changes is checked once (debounce without a
/// fixed delay).
public struct LanguageServer {
    struct OpenDocument {
        var uri: String
        var path: String
        var version: Int?
        var document: TextDocument
        var bankRoot: String?
        var published: [LSPDiagnostic]?
    }

    let session: LintSession
    var reader: MessageReader
    let writer: MessageWriter
    var documents: [String: OpenDocument] = [:]  // path -> document
    var banks: [String: IndexedBank] = [:]  // canonical bank folder -> index
    var unreadableBanks: [String: String] = [:]  // bank folder -> why it could not be read
    var pendingBanks: Set<String> = []
    var forcedPaths: Set<String> = []
    var initialized = false
    /// The client's root folder (`rootUri`), indexed as soon as the client is initialized when it is a
    /// bank folder.
    var workspaceRoot: String?
    var shutdownRequested = false
    let decoder = JSONDecoder()
    /// Writes one line per published document to standard error (`ITEMBANK_LSP_LOG=1`).
    let logging: Bool

    /// - Parameters:
    ///   - schemas: the XSDs the items are validated against (the built-in ones for `itembank lsp`).
    ///   - input: descriptor the client's messages are read from.
    ///   - output: descriptor the server's messages are written to.
    public init(schemas: SchemaSet, input: Int32 = 0, output: Int32 = 1) {
        session = LintSession(schemas: schemas)
        reader = MessageReader(descriptor: input)
        writer = MessageWriter(descriptor: output)
        logging = ProcessInfo.processInfo.environment["ITEMBANK_LSP_LOG"] == "1"
    }

    /// Serves until the client sends `exit` or closes the input. Returns the process exit status: 0
    /// after `shutdown` then `exit`, 1 otherwise (LSP).
    public mutating func run() -> Int32 {
        while true {
            let content: [UInt8]?
            do {
                content = try reader.next()
            } catch {
                writer.respond(id: .null, error: error)
                return 1
            }
            guard let content else { return 1 }
            if handle(content) { return shutdownRequested ? 0 : 1 }
            if !reader.hasPendingInput() { publishPending() }
        }
    }

    /// Handles one message; true on `exit`.
    mutating func handle(_ content: [UInt8]) -> Bool {
        guard let message = try? decoder.decode(IncomingMessage.self, from: Data(content)) else {
            writer.respond(id: .null, error: ResponseError(code: ResponseError.parseError, message: "not JSON-RPC"))
            return false
        }
        guard let method = message.method else { return false }  // a response to nothing we asked
        let params = message.params ?? .null
        if let id = message.id {
            if method == "initialize" {
                initialized = true
                if let parameters = try? decode(InitializeParams.self, params) {
                    workspaceRoot =
                        parameters.rootUri.flatMap(Self.path(of:)) ?? parameters.rootPath.map(Self.canonical)
                }
                writer.respond(id: id, result: Self.initializeResult)
                return false
            }
            guard initialized else {
                writer.respond(
                    id: id, error: ResponseError(code: ResponseError.serverNotInitialized, message: "initialize first"))
                return false
            }
            guard !shutdownRequested else {
                writer.respond(
                    id: id, error: ResponseError(code: ResponseError.invalidRequest, message: "the server is shut down")
                )
                return false
            }
            do {
                try request(method: method, id: id, params: params)
            } catch let error as ResponseError {
                writer.respond(id: id, error: error)
            } catch {
                writer.respond(
                    id: id,
                    error: ResponseError(
                        code: ResponseError.invalidParams, message: "\(method): invalid params: \(error)"))
            }
            return false
        }
        if method == "exit" { return true }
        guard initialized, !shutdownRequested else { return false }
        try? notification(method: method, params: params)
        return false
    }

    func decode<Value: Decodable>(_ type: Value.Type, _ params: JSONValue) throws -> Value {
        try decoder.decode(Value.self, from: JSONEncoder().encode(params))
    }

    mutating func request(method: String, id: JSONValue, params: JSONValue) throws {
        switch method {
        case "shutdown":
            shutdownRequested = true
            writer.respondNull(id: id)
        case "textDocument/codeAction":
            writer.respond(id: id, result: codeActions(try decode(CodeActionParams.self, params)))
        case "textDocument/completion":
            writer.respond(id: id, result: completion(try decode(PositionParams.self, params)))
        case "textDocument/hover":
            if let hover = hover(try decode(PositionParams.self, params)) {
                writer.respond(id: id, result: hover)
            } else {
                writer.respondNull(id: id)
            }
        case "textDocument/definition":
            if let location = definition(try decode(PositionParams.self, params)) {
                writer.respond(id: id, result: location)
            } else {
                writer.respondNull(id: id)
            }
        case "textDocument/documentSymbol":
            writer.respond(id: id, result: documentSymbols(try decode(DocumentParams.self, params)))
        default:
            writer.respond(
                id: id, error: ResponseError(code: ResponseError.methodNotFound, message: "unknown method \(method)"))
        }
    }

    mutating func notification(method: String, params: JSONValue) throws {
        switch method {
        case "textDocument/didOpen":
            let params = try decode(DidOpenParams.self, params)
            open(uri: params.textDocument.uri, version: params.textDocument.version, text: params.textDocument.text)
        case "textDocument/didChange":
            let params = try decode(DidChangeParams.self, params)
            change(params)
        case "textDocument/didSave":
            let params = try decode(DidSaveParams.self, params)
            save(uri: params.textDocument.uri)
        case "textDocument/didClose":
            let params = try decode(DocumentParams.self, params)
            close(uri: params.textDocument.uri)
        case "initialized":
            // A bank opened as the workspace is read now, before its first file opens.
            if let root = workspaceRoot, FileManager.default.fileExists(atPath: root + "/bank.xml") {
                _ = loadBank(at: root)
            }
        default:
            break  // `$/…` and notifications the server does not use
        }
    }

    static let initializeResult: JSONValue = .object([
        "capabilities": .object([
            "textDocumentSync": .object([
                "openClose": .bool(true), "change": .number(2), "save": .object(["includeText": .bool(false)]),
            ]),
            "codeActionProvider": .object([
                "codeActionKinds": .array([.string("quickfix"), .string("source.fixAll")])
            ]),
            "completionProvider": .object([
                "triggerCharacters": .array([.string("<"), .string("\""), .string("@"), .string(" ")])
            ]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "documentSymbolProvider": .bool(true),
        ]),
        "serverInfo": .object(["name": .string("itembank"), "version": .string("0.1.0")]),
    ])
}

// MARK: - Documents and banks

extension LanguageServer {
    /// The file path of a `file:` URI (percent-decoded), with symbolic links resolved when it exists.
    static func path(of uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return canonical(url.path)
    }

    static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return path }
        return canonical(parent) + "/" + (path as NSString).lastPathComponent
    }

    /// The bank folder holding `path`: the nearest folder above it with a `bank.xml`.
    static func bankRoot(containing path: String) -> String? {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            if FileManager.default.fileExists(atPath: folder + "/bank.xml") { return folder }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder { break }
            folder = parent
        }
        return nil
    }

    /// Reads and indexes the bank at `root` unless it is already; false when it cannot be read.
    /// (Indexes are changed in place, `banks[root]?.…`: a copy would copy the whole index.)
    mutating func loadBank(at root: String) -> Bool {
        if banks[root] != nil { return true }
        if unreadableBanks[root] != nil { return false }
        do {
            banks[root] = try IndexedBank(root: root, session: session)
            return true
        } catch {
            unreadableBanks[root] = "\(error)"
            return false
        }
    }

    mutating func open(uri: String, version: Int?, text: String) {
        guard let path = Self.path(of: uri) else { return }
        let root = Self.bankRoot(containing: path)
        documents[path] = OpenDocument(
            uri: uri, path: path, version: version, document: TextDocument(text), bankRoot: root)
        forcedPaths.insert(path)
        guard let root else { return }
        if path == root + "/bank.xml", banks[root] != nil {
            reindex(root)
            return
        }
        if loadBank(at: root) { banks[root]?.update(path: path, bytes: Array(text.utf8)) }
        pendingBanks.insert(root)
    }

    mutating func change(_ params: DidChangeParams) {
        guard let path = Self.path(of: params.textDocument.uri), var open = documents[path] else { return }
        for change in params.contentChanges {
            if let range = change.range {
                open.document = open.document.replacing(range, with: change.text)
            } else {
                open.document = TextDocument(change.text)
            }
        }
        open.version = params.textDocument.version
        documents[path] = open
        guard let root = open.bankRoot, banks[root] != nil else { return }
        if banks[root]?.update(path: path, bytes: open.document.bytes) != .ignored { pendingBanks.insert(root) }
        forcedPaths.insert(path)
    }

    mutating func save(uri: String) {
        guard let path = Self.path(of: uri), let root = Self.bankRoot(containing: path) else { return }
        // The manifest (settings, folders) is read from disk: a saved bank.xml re-reads the bank.
        if path == root + "/bank.xml" { reindex(root) }
    }

    mutating func close(uri: String) {
        guard let path = Self.path(of: uri), let open = documents.removeValue(forKey: path) else { return }
        writer.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams(uri: open.uri, diagnostics: []))
        forcedPaths.remove(path)
        guard let root = open.bankRoot, banks[root] != nil else { return }
        // Back to the file on disk (or out of the bank when the file was never saved).
        if let bytes = FileManager.default.contents(atPath: path) {
            banks[root]?.update(path: path, bytes: Array(bytes))
        } else {
            banks[root]?.remove(path: path)
        }
        pendingBanks.insert(root)
    }

    /// Reads the bank again from disk, then applies the open documents' text.
    mutating func reindex(_ root: String) {
        banks[root] = nil
        unreadableBanks[root] = nil
        if loadBank(at: root) {
            for open in documents.values where open.bankRoot == root {
                banks[root]?.update(path: open.path, bytes: open.document.bytes)
            }
        }
        pendingBanks.insert(root)
        for open in documents.values where open.bankRoot == root { forcedPaths.insert(open.path) }
    }

    /// Publishes the diagnostics of the open documents of the banks that changed: those whose
    /// diagnostics differ from what was last published, and those just opened or edited.
    mutating func publishPending() {
        var forced = forcedPaths
        for path in forcedPaths where documents[path]?.bankRoot == nil {
            publish(path: path, diagnostics: [])
            forced.remove(path)
        }
        for root in pendingBanks.sorted() {
            let paths = Set(documents.values.filter { $0.bankRoot == root }.map(\.path))
            guard let found = banks[root]?.diagnostics(for: paths) else {
                for path in paths.sorted() { publish(path: path, diagnostics: unreadableBankDiagnostics(root, path)) }
                continue
            }
            for path in paths.sorted() {
                let converted = (found[path] ?? []).map { convert($0) }
                if forced.contains(path) || documents[path]?.published != converted {
                    publish(path: path, diagnostics: converted)
                }
                forced.remove(path)
            }
        }
        for path in forced.sorted() { publish(path: path, diagnostics: documents[path]?.published ?? []) }
        pendingBanks = []
        forcedPaths = []
    }

    func unreadableBankDiagnostics(_ root: String, _ path: String) -> [LSPDiagnostic] {
        [
            LSPDiagnostic(
                range: Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)), severity: 1,
                code: XMLRules.unreadable.id, codeDescription: nil, source: "itembank",
                message: "the bank \(root) cannot be read: \(unreadableBanks[root] ?? "unknown error")")
        ]
    }

    mutating func publish(path: String, diagnostics: [LSPDiagnostic]) {
        guard var open = documents[path] else { return }
        open.published = diagnostics
        documents[path] = open
        writer.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams(uri: open.uri, version: open.version, diagnostics: diagnostics))
        if logging {
            FileHandle.standardError.write(Data("itembank lsp: published \(diagnostics.count) for \(path)\n".utf8))
        }
    }

    /// The text of a file: the open document's, else the file on disk.
    func textDocument(at path: String) -> TextDocument? {
        if let open = documents[path] { return open.document }
        return FileManager.default.contents(atPath: path).map { TextDocument(bytes: Array($0)) }
    }

    func uri(of path: String) -> String {
        documents[path]?.uri ?? URL(fileURLWithPath: path).absoluteString
    }
}

// MARK: - Diagnostics

extension LanguageServer {
    /// Where docs/rules.md lives; a rule's section is `#` + its id without dots (GitHub's anchors).
    static let rulesDocument = "https://github.com/itembank/itembank/blob/main/docs/rules.md"
    static let knownRules = Set(Catalogue.descriptions.map(\.id))

    /// The link to a rule's section of docs/rules.md.
    static func ruleLink(_ id: String) -> String {
        rulesDocument + "#" + String(id.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    func range(of location: SourceLocation) -> Range {
        guard let document = textDocument(at: location.path) else {
            let position = Position(line: max(location.line - 1, 0), character: max(location.column - 1, 0))
            return Range(start: position, end: position)
        }
        return document.range(line: location.line, column: location.column)
    }

    func convert(_ diagnostic: Diagnostic) -> LSPDiagnostic {
        let severity =
            switch diagnostic.severity {
            case .error: 1
            case .warning: 2
            case .info: 3
            }
        var message = diagnostic.message
        if let help = diagnostic.help { message += "\nhelp: " + help }
        let related = diagnostic.notes.map {
            LSPDiagnostic.RelatedInformation(
                location: Location(uri: uri(of: $0.location.path), range: range(of: $0.location)), message: $0.message)
        }
        return LSPDiagnostic(
            range: range(of: diagnostic.location), severity: severity, code: diagnostic.ruleID,
            codeDescription: Self.knownRules.contains(diagnostic.ruleID)
                ? LSPDiagnostic.CodeDescription(href: Self.ruleLink(diagnostic.ruleID)) : nil,
            source: "itembank", message: message, relatedInformation: related.isEmpty ? nil : related)
    }
}

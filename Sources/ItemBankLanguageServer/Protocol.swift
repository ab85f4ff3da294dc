/// The Language Server Protocol 3.17 types the server reads and writes (only the members it uses).

/// A position in a text document: 0-based line, and 0-based character offset in UTF-16 code units.
public struct Position: Codable, Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

/// A range in a text document, `end` exclusive.
public struct Range: Codable, Hashable, Sendable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }
}

/// A place in a document.
public struct Location: Codable, Hashable, Sendable {
    public var uri: String
    public var range: Range
}

struct TextDocumentIdentifier: Codable {
    var uri: String
}

struct TextDocumentItem: Codable {
    var uri: String
    var languageId: String?
    var version: Int?
    var text: String
}

struct VersionedTextDocumentIdentifier: Codable {
    var uri: String
    var version: Int?
}

struct DidOpenParams: Codable {
    var textDocument: TextDocumentItem
}

struct ContentChange: Codable {
    var range: Range?
    var text: String
}

struct DidChangeParams: Codable {
    var textDocument: VersionedTextDocumentIdentifier
    var contentChanges: [ContentChange]
}

struct DidSaveParams: Codable {
    var textDocument: TextDocumentIdentifier
    var text: String?
}

struct DocumentParams: Codable {
    var textDocument: TextDocumentIdentifier
}

struct PositionParams: Codable {
    var textDocument: TextDocumentIdentifier
    var position: Position
}

struct CodeActionParams: Codable {
    var textDocument: TextDocumentIdentifier
    var range: Range
}

struct InitializeParams: Codable {
    var rootUri: String?
    var rootPath: String?
}

/// LSP `Diagnostic`.
struct LSPDiagnostic: Codable, Hashable {
    struct CodeDescription: Codable, Hashable {
        var href: String
    }
    struct RelatedInformation: Codable, Hashable {
        var location: Location
        var message: String
    }
    var range: Range
    var severity: Int
    var code: String
    var codeDescription: CodeDescription?
    var source: String
    var message: String
    var relatedInformation: [RelatedInformation]?
}

struct PublishDiagnosticsParams: Codable {
    var uri: String
    var version: Int?
    var diagnostics: [LSPDiagnostic]
}

struct TextEdit: Codable, Hashable {
    var range: Range
    var newText: String
}

struct WorkspaceEdit: Codable, Hashable {
    var changes: [String: [TextEdit]]
}

struct CodeAction: Codable, Hashable {
    var title: String
    var kind: String
    var diagnostics: [LSPDiagnostic]?
    var isPreferred: Bool?
    var edit: WorkspaceEdit
}

struct MarkupContent: Codable, Hashable {
    var kind: String
    var value: String
}

struct Hover: Codable {
    var contents: MarkupContent
    var range: Range?
}

struct CompletionItem: Codable, Hashable {
    var label: String
    /// LSP CompletionItemKind: 5 field, 7 class, 10 property, 12 value, 17 file, 18 reference, 14 keyword.
    var kind: Int
    var detail: String?
    var documentation: MarkupContent?
    var textEdit: TextEdit?
    var sortText: String?
    var filterText: String?
}

struct CompletionList: Codable {
    var isIncomplete: Bool
    var items: [CompletionItem]
}

struct DocumentSymbol: Codable, Hashable {
    var name: String
    var detail: String?
    /// LSP SymbolKind: 2 module, 5 class, 8 field, 13 variable, 14 constant, 15 string, 22 enum member.
    var kind: Int
    var range: Range
    var selectionRange: Range
    var children: [DocumentSymbol]?
}

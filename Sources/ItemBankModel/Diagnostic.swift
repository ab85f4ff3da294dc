/// How serious a ``Diagnostic`` is. Ordered: `info < warning < error`.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable, Codable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about the sources: a stable rule id, a severity, where, what is wrong and what to do.
///
/// Diagnostics are data: every stage (parsing, schema validation, model rules) returns them and the
/// command-line tool sorts and renders them. Nothing is thrown for a problem in an author's file.
public struct Diagnostic: Hashable, Sendable, Comparable {
    /// Stable, dotted rule id, for example `key.qcu-single-key`.
    public var ruleID: String
    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong, one sentence, no trailing period.
    public var message: String
    /// What to do about it, when there is something more precise to say than the message.
    public var help: String?
    /// Related places (the first declaration of a duplicate…).
    public var notes: [DiagnosticNote]
    /// Mechanical corrections of the source file (`itembank lint --fix` applies them).
    public var fixIts: [FixIt]

    public init(
        ruleID: String, severity: Severity, location: SourceLocation, message: String, help: String? = nil,
        notes: [DiagnosticNote] = [], fixIts: [FixIt] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.location = location
        self.message = message
        self.help = help
        self.notes = notes
        self.fixIts = fixIts
    }

    /// The same diagnostic with another severity.
    public func with(severity: Severity) -> Diagnostic {
        var copy = self
        copy.severity = severity
        return copy
    }

    /// Order: path, line, column, rule id, message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}

/// A related place attached to a ``Diagnostic``.
public struct DiagnosticNote: Hashable, Sendable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// A mechanical correction attached to a ``Diagnostic``: byte-range edits of the file the diagnostic is
/// in (swift-syntax's fix-its, rustc's machine-applicable suggestions).
///
/// Offsets are UTF-8 byte offsets in the file as it was read. Each edit carries the bytes it expects to
/// replace, so that a file changed since it was linted is left alone rather than damaged.
public struct FixIt: Hashable, Sendable {
    /// One replacement: the bytes `offset..<offset + original.utf8.count` become `replacement`.
    public struct Edit: Hashable, Sendable, Comparable {
        /// UTF-8 byte offset in the file.
        public var offset: Int
        /// The source text replaced (may be empty: an insertion).
        public var original: String
        /// The new text (may be empty: a deletion).
        public var replacement: String

        public init(offset: Int, original: String, replacement: String) {
            self.offset = offset
            self.original = original
            self.replacement = replacement
        }

        /// Byte length of the replaced text.
        public var length: Int { original.utf8.count }

        public static func < (lhs: Edit, rhs: Edit) -> Bool {
            (lhs.offset, lhs.length) < (rhs.offset, rhs.length)
        }
    }

    /// What the fix does, imperative: "replace the space with a narrow no-break space (U+202F)".
    public var message: String
    /// Non-overlapping edits, sorted by offset.
    public var edits: [Edit]

    public init(message: String, edits: [Edit]) {
        self.message = message
        self.edits = edits.sorted()
    }
}

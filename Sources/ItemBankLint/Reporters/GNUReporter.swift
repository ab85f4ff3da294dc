import ItemBankModel
import ItemBankSystem

/// Renders diagnostics one per line, GNU style: `path:line:column: severity: message [rule-id]`.
///
/// Paths under `workingDirectory` are shown relative to it; a diagnostic about a whole file
/// (line 0) is shown as `path: severity: message [rule-id]`. Control characters in paths are escaped
/// (`\n`, `\u{1B}`: ``PrintableText``), so one diagnostic is always one line.
public struct GNUReporter: Sendable {
    public var workingDirectory: String

    public init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    /// The diagnostic's line, without its notes.
    public func line(for diagnostic: Diagnostic) -> String {
        "\(position(diagnostic.location)): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.ruleID)]"
    }

    /// Each diagnostic's line followed by its notes (`path:line:col: note: message`).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(for: diagnostic) + "\n"
            for note in diagnostic.notes { out += "\(position(note.location)): note: \(note.message)\n" }
        }
        return out
    }

    private func position(_ location: SourceLocation) -> String {
        let path = PrintableText.escaped(displayPath(location.path))
        return location.line > 0 ? "\(path):\(location.line):\(max(location.column, 1))" : path
    }

    /// `path` relative to the working directory when it is under it; otherwise unchanged.
    public func displayPath(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if path.hasPrefix("/"), path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
        return path
    }
}

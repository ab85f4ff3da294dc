import ItemBankModel

/// Renders diagnostics one per line, GNU style: `path:line:column: severity: message [rule-id]`.
///
/// Paths under `workingDirectory` are shown relative to it; a diagnostic about a whole file
/// (line 0) is shown as `path: severity: message [rule-id]`.
public struct GNUReporter: Sendable {
    public var workingDirectory: String

    public init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    public func line(for diagnostic: Diagnostic) -> String {
        let path = displayPath(diagnostic.location.path)
        let position =
            diagnostic.location.line > 0
            ? "\(path):\(diagnostic.location.line):\(max(diagnostic.location.column, 1))" : path
        return "\(position): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.ruleID)]"
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { line(for: $0) + "\n" }.joined()
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

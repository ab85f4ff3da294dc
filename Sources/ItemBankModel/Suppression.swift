/// An inline suppression written by an author: `<?itembank-disable rule.id …?>` (or the comment
/// `<!-- itembank-disable rule.id … -->`) silences those rules on the next element and everything in
/// it; `itembank-disable-file` silences them in the whole file.
public struct Suppression: Hashable, Sendable {
    /// Rule ids named by the suppression.
    public var rules: [String]
    /// Where the suppression is written.
    public var location: SourceLocation
    /// First and last line it covers (1-based, inclusive).
    public var lines: ClosedRange<Int>
    /// Why the finding is accepted: the text after a colon (`<?itembank-disable iwf.longest-key: …?>`).
    public var reason: String?

    public init(rules: [String], location: SourceLocation, lines: ClosedRange<Int>, reason: String? = nil) {
        self.rules = rules
        self.location = location
        self.lines = lines
        self.reason = reason
    }

    /// Whether it silences this diagnostic.
    public func covers(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.location.path == location.path && rules.contains(diagnostic.ruleID)
            && lines.contains(max(diagnostic.location.line, 1))
    }
}

/// The families of rules, as they appear in rule ids (`key.qcu-single-key` is in `key`).
public enum RuleCategory: String, Hashable, Sendable, CaseIterable, Codable {
    /// The file itself: well-formedness, schema, encoding.
    case xml
    /// The competence framework file.
    case framework
    /// Items against the framework and each other (references).
    case ref
    /// Answer keys of choice items.
    case key
    /// Responses and accepted answers of open items.
    case response
    /// Item-writing flaws.
    case iwf
    /// Accessibility.
    case a11y
    /// French typography.
    case typo
    /// Media files and links.
    case media
    /// The bank as a whole.
    case bank
}

/// What a rule is: stable id, category, default severity, summary and rationale with its source.
public struct RuleDescription: Hashable, Sendable {
    /// Stable dotted id (`key.qcu-single-key`); never reused for another meaning.
    public var id: String
    public var category: RuleCategory
    public var defaultSeverity: Severity
    /// One line: what the rule reports.
    public var summary: String
    /// Why it matters, with its source (Pix behaviour, Haladyna et al. 2002 rule n, WCAG criterion…).
    public var rationale: String

    public init(id: String, category: RuleCategory, defaultSeverity: Severity, summary: String, rationale: String) {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
    }

    /// A diagnostic of this rule at its default severity.
    public func diagnostic(
        at location: SourceLocation, message: String, help: String? = nil, notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(
            ruleID: id, severity: defaultSeverity, location: location, message: message, help: help, notes: notes)
    }
}

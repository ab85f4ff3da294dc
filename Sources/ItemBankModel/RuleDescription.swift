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
    /// Item files that trigger the rule (each `↓` marks where a diagnostic of the rule is expected) and
    /// that do not (no marker). One parameterized test runs them all, so docs and tests cannot drift.
    public var examples: [RuleExample]

    public init(
        id: String, category: RuleCategory, defaultSeverity: Severity, summary: String, rationale: String,
        examples: [RuleExample] = []
    ) {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.examples = examples
    }

    /// A diagnostic of this rule at its default severity.
    public func diagnostic(
        at location: SourceLocation, message: String, help: String? = nil, notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(
            ruleID: id, severity: defaultSeverity, location: location, message: message, help: help, notes: notes)
    }
}

/// An example of a rule: a whole item file of the test bank (`Tests/Fixtures/clean-bank`: skills
/// `@rechercheWeb1`–`3`, `@formatsFichiers1`, `2`, `4`; media `requete.svg`). `↓` (U+2193) marks the
/// exact position of each expected diagnostic; an example without a marker must not trigger the rule.
public struct RuleExample: Hashable, Sendable {
    public var xml: String

    public init(_ xml: String) {
        self.xml = xml
    }

    /// An item file of the test bank: `<item … id="e" skill="…" type="…">`, the body lines indented by
    /// two spaces, `</item>`. `markRoot` marks the root element as the expected position.
    public static func item(
        _ type: String, skill: String = "@rechercheWeb1", markRoot: Bool = false, _ body: String
    )
        -> RuleExample
    {
        let root =
            "<item xmlns=\"urn:itembank:item:1\" id=\"e\" skill=\"\(skill)\" type=\"\(type)\" status=\"validated\" xml:lang=\"fr\">"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return RuleExample((markRoot ? "↓" : "") + root + "\n" + lines.joined(separator: "\n") + "\n</item>")
    }

    /// The marker.
    public static let marker: Character = "↓"

    /// Whether the example triggers its rule.
    public var triggers: Bool { xml.contains(RuleExample.marker) }

    /// The file without markers, and the 1-based (line, column) of each marker in it.
    public var source: (text: String, positions: [(line: Int, column: Int)]) {
        var text = ""
        var positions: [(line: Int, column: Int)] = []
        var line = 1
        var column = 1
        for character in xml {
            if character == RuleExample.marker {
                positions.append((line, column))
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (text, positions)
    }
}

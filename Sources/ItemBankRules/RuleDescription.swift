import ItemBankModel

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
    /// The numbers the bank's `<lint>` settings may change (`<rule id=".." threshold=".."/>`).
    public var parameters: [RuleParameter]
    /// Whether the diagnostics of the rule carry fix-its that `itembank lint --fix` applies.
    public var hasFixIts: Bool

    public init(
        id: String, category: RuleCategory, defaultSeverity: Severity, summary: String, rationale: String,
        parameters: [RuleParameter] = [], hasFixIts: Bool = false, examples: [RuleExample] = []
    ) {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.parameters = parameters
        self.hasFixIts = hasFixIts
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

/// A number of a rule that a bank may set in its `<lint>` settings: `threshold`, `min` or `max`
/// (attributes of `<rule>` in `bank.xml`, bank-wide or per folder).
public struct RuleParameter: Hashable, Sendable {
    /// The attribute's name: `threshold`, `min` or `max`.
    public var name: String
    /// The value when the bank sets none.
    public var defaultValue: Double
    /// The values allowed; `bank.lint-settings` reports others.
    public var range: ClosedRange<Double>
    /// What the number means, with its unit: "the longest alt allowed, in characters".
    public var meaning: String

    public init(name: String, defaultValue: Double, range: ClosedRange<Double>, meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.meaning = meaning
    }

    /// The attribute names a `<rule>` setting may carry.
    public static let names = ["threshold", "min", "max"]
}

/// An example of a rule: one file of a small bank, the *example bank* (``ExampleBank``: the framework
/// of `Tests/Fixtures/clean-bank`, skills `@rechercheWeb1`–`3`, `@formatsFichiers1`, `2`, `4`; media
/// `requete.svg`; no other item). The example's file is put in that bank (an item, or in place of its
/// `framework.xml` or `bank.xml`), with the other files the situation needs, and the bank is linted.
///
/// `↓` (U+2193) marks the exact position of each expected diagnostic of the rule; ``wholeFile`` expects
/// one diagnostic about the whole file (no line). An example without either must not trigger the rule.
/// One parameterized test runs every example, the same example inside an XML comment of a clean one (it
/// must not trigger), and the example with an `itembank-disable-file` suppression (it must be silenced).
public struct RuleExample: Hashable, Sendable {
    /// The file shown, with its markers.
    public var xml: String
    /// Where the file goes, relative to the bank folder: `items/example.xml` (an item), `framework.xml`,
    /// `bank.xml`, or another file (`items/notes.txt`).
    public var path: String
    /// Other files of the situation, unmarked (more items for a bank-wide rule): path and content.
    public var otherFiles: [ExampleFile]
    /// When set, the file is written with exactly this many bytes: the text, then spaces (size limits).
    public var paddedSize: Int?
    /// Whether one diagnostic about the whole file (no line, no column) is expected.
    public var wholeFile: Bool
    /// What the situation is when the text alone cannot show it ("the file is padded to 8 MiB + 1 byte").
    public var situation: String?
    /// For a rule with fix-its, the file after `itembank lint --fix` applied the rule's fix-its once
    /// (no markers): the example's before → after, checked by the same parameterized test. Set with
    /// ``fixed(as:)``.
    public var fixedXML: String?

    public init(
        _ xml: String, path: String = RuleExample.itemPath, otherFiles: [ExampleFile] = [], paddedSize: Int? = nil,
        wholeFile: Bool = false, situation: String? = nil
    ) {
        self.xml = xml
        self.path = path
        self.otherFiles = otherFiles
        self.paddedSize = paddedSize
        self.wholeFile = wholeFile
        self.situation = situation
    }

    /// The path of an item example.
    public static let itemPath = "items/example.xml"

    /// This example with its corrected text: `corrected` is the file as the rule's fix-its leave it
    /// (`.item("qcu", "…↓...").fixed(as: .item("qcu", "……"))`).
    public func fixed(as corrected: RuleExample) -> RuleExample {
        var copy = self
        copy.fixedXML = corrected.xml
        return copy
    }

    /// The root start tag of an item of the example bank.
    public static func itemRoot(
        id: String = "e", type: String, skill: String = "@rechercheWeb1", status: String = "validated",
        language: String = "fr", extra: String = ""
    ) -> String {
        "<item xmlns=\"urn:itembank:item:1\" id=\"\(id)\" skill=\"\(skill)\" type=\"\(type)\" status=\"\(status)\" xml:lang=\"\(language)\"\(extra)>"
    }

    /// An item file of the example bank: `<item … id="e" skill="…" type="…">`, the body lines indented by
    /// two spaces, `</item>`. `markRoot` marks the root element as the expected position; `extra` adds
    /// attributes to the root (` genealogy="variant"`); `language` is its `xml:lang`.
    public static func item(
        _ type: String, skill: String = "@rechercheWeb1", markRoot: Bool = false, language: String = "fr",
        extra: String = "", otherFiles: [ExampleFile] = [], _ body: String
    )
        -> RuleExample
    {
        let root = itemRoot(type: type, skill: skill, language: language, extra: extra)
        return RuleExample(
            (markRoot ? "↓" : "") + root + "\n" + indented(body) + "\n</item>", otherFiles: otherFiles)
    }

    /// A framework file in place of the example bank's.
    public static func framework(_ xml: String, otherFiles: [ExampleFile] = []) -> RuleExample {
        RuleExample(xml, path: "framework.xml", otherFiles: otherFiles)
    }

    /// A bank manifest in place of the example bank's.
    public static func manifest(_ xml: String, otherFiles: [ExampleFile] = []) -> RuleExample {
        RuleExample(xml, path: "bank.xml", otherFiles: otherFiles)
    }

    static func indented(_ body: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
    }

    /// The marker.
    public static let marker: Character = "↓"

    /// Whether the example triggers its rule.
    public var triggers: Bool { wholeFile || xml.contains(RuleExample.marker) }

    /// Whether the file is XML (an inline suppression or a comment can be written in it).
    public var isXML: Bool { path.hasSuffix(".xml") }

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

    /// The bytes of the file as written in the example bank (the text, padded when asked).
    public var bytes: [UInt8] {
        var bytes = Array(source.text.utf8)
        if let paddedSize, paddedSize > bytes.count {
            bytes += [UInt8](repeating: 0x20, count: paddedSize - bytes.count)
        }
        return bytes
    }

    /// The example with a file-wide suppression of `rule`: `<?itembank-disable-file rule?>` on the first
    /// line (after the XML declaration, if any); nil for a file that is not XML.
    public func suppressing(_ rule: String) -> RuleExample? {
        guard isXML else { return nil }
        var copy = self
        let text = source.text
        let pi = "<?itembank-disable-file \(rule)?>\n"
        if text.hasPrefix("<?xml "), let end = text.firstIndex(of: ">") {
            let after = text.index(after: end)
            copy.xml = String(text[..<after]) + "\n" + pi + String(text[after...].drop { $0 == "\n" })
        } else {
            copy.xml = pi + text
        }
        copy.wholeFile = false
        return copy
    }

    /// This (clean) example with `other`'s text inside an XML comment before its last end tag; nil when
    /// either file is not XML. The comment's text has `--` written `- -` (forbidden in a comment).
    public func commenting(_ other: RuleExample) -> RuleExample? {
        guard isXML, other.isXML, let end = xml.lastIndex(of: "<") else { return nil }
        var commented = ""
        for character in other.source.text {
            if character == "-" && commented.last == "-" { commented.append(" ") }
            commented.append(character)
        }
        if commented.last == "-" { commented.append(" ") }
        var copy = self
        copy.xml = String(xml[..<end]) + "<!--\n" + commented + "\n-->\n" + String(xml[end...])
        return copy
    }
}

/// Another file of an example's situation.
public struct ExampleFile: Hashable, Sendable {
    /// Relative to the example bank's folder.
    public var path: String
    public var content: String

    public init(_ path: String, _ content: String) {
        self.path = path
        self.content = content
    }

    /// An item file `items/<id>.xml` of the example bank.
    public static func item(
        id: String, type: String, skill: String = "@rechercheWeb1", status: String = "validated",
        extra: String = "", _ body: String
    ) -> ExampleFile {
        ExampleFile(
            "items/\(id).xml",
            RuleExample.itemRoot(id: id, type: type, skill: skill, status: status, extra: extra) + "\n"
                + RuleExample.indented(body) + "\n</item>\n")
    }
}

/// The bank every rule example is linted in: a manifest, a framework (that of `Tests/Fixtures/clean-bank`)
/// and one media file; no item but the example's.
public enum ExampleBank {
    public static let manifest = """
        <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
          <title>Banque d’exemple</title>
          <framework src="framework.xml"/>
          <items src="items"/>
          <media src="media"/>
        </bank>
        """

    public static let framework = """
        <framework xmlns="urn:itembank:framework:1" id="mini" version="1" maxLevel="7" xml:lang="fr-FR">
          <title>Mini-référentiel</title>
          <area code="1">
            <title>Information et données</title>
            <competence code="1.1">
              <title>Mener une recherche et une veille d’information</title>
              <thematic id="rechercher">
                <title>Rechercher</title>
                <tube name="@rechercheWeb">
                  <title>Formuler une requête</title>
                  <skill name="@rechercheWeb1" level="1"/>
                  <skill name="@rechercheWeb2" level="2"/>
                  <skill name="@rechercheWeb3" level="3"/>
                </tube>
              </thematic>
            </competence>
            <competence code="1.2">
              <title>Gérer des données</title>
              <thematic id="formats">
                <title>Formats</title>
                <tube name="@formatsFichiers">
                  <title>Formats de fichiers</title>
                  <skill name="@formatsFichiers1" level="1"/>
                  <skill name="@formatsFichiers2" level="2"/>
                  <skill name="@formatsFichiers4" level="4"/>
                </tube>
              </thematic>
            </competence>
          </area>
        </framework>
        """

    /// What the examples of `itembank explain` are linted in, in one sentence (the framework is not
    /// Banks/crcn's: an example's skill names refer to this one).
    public static let summary =
        "Examples are files of a small bank: framework \"mini\" (that of Tests/Fixtures/clean-bank, open maximum level 7: competence 1.1, tube @rechercheWeb at levels 1, 2, 3; competence 1.2, tube @formatsFichiers at levels 1, 2, 4), the media file requete.svg, no other item."

    /// Media files: path relative to the media folder, and content.
    public static let media: [(path: String, content: String)] = [
        ("requete.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n")
    ]
}

extension ExampleBank {
    /// The example bank's framework with one skill given `status="archived"`.
    public static func archiving(_ skill: String) -> String {
        let attribute = "name=\"\(skill)\""
        var out = ""
        for line in framework.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if text.contains(attribute), let slash = text.lastIndex(of: "/") {
                text.insert(contentsOf: " status=\"archived\"", at: slash)
            }
            out += (out.isEmpty ? "" : "\n") + text
        }
        return out
    }
}

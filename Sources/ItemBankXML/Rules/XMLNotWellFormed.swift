import ItemBankRules

/// `xml.not-well-formed`: the file is not well-formed XML.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLNotWellFormed: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.not-well-formed", category: .xml, defaultSeverity: .error,
        summary: "the file is not well-formed XML",
        rationale:
            "XML 1.0 §2.1: a document that is not well-formed cannot be read at all (libxml2 reports the first errors with line and column).",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice>↓<choice>b</choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])
}

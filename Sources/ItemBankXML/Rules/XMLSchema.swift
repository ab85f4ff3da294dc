import ItemBankRules

/// `xml.schema`: the file does not follow its XML schema (Schemas/*.xsd).
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLSchema: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.schema", category: .xml, defaultSeverity: .error,
        summary: "the file does not follow its XML schema (Schemas/*.xsd)",
        rationale:
            "The schemas define the authoring format: element order, required attributes, enumerations, patterns and identifiers unique in an item.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice>↓<choise>c</choise></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])
}

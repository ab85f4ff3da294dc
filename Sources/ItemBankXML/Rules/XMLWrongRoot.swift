import ItemBankRules

/// `xml.wrong-root`: the root element or its namespace is not the expected one.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLWrongRoot: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.wrong-root", category: .xml, defaultSeverity: .error,
        summary: "the root element or its namespace is not the expected one",
        rationale:
            "Each kind of file has one root element in one namespace (item in urn:itembank:item:1…); anything else is a misplaced or mistyped file.",
        examples: [
            RuleExample(
                #"""
                ↓<item xmlns="urn:itembank:item:2" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])
}

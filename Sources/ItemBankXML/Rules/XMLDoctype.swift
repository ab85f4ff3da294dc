import ItemBankRules

/// `xml.doctype`: a <!DOCTYPE> declaration is present.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLDoctype: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.doctype", category: .xml, defaultSeverity: .error,
        summary: "a <!DOCTYPE> declaration is present",
        rationale:
            "Items need no DTD; document type declarations carry entity attacks (XXE, billion laughs: OWASP XXE Prevention Cheat Sheet). The file is not parsed further.",
        examples: [
            RuleExample(
                #"""
                ↓<!DOCTYPE item>
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
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

import ItemBankRules

/// `xml.encoding`: the file is not encoded in UTF-8.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLEncoding: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.encoding", category: .xml, defaultSeverity: .error,
        summary: "the file is not encoded in UTF-8",
        rationale:
            "Banks are UTF-8 end to end (the compiled string pool is UTF-8, NFC); a UTF-16 file or one declaring another encoding (ISO-8859-1…) is refused rather than silently converted, so that every tool sees the same text.",
        examples: [
            RuleExample(
                #"""
                ↓<?xml version="1.0" encoding="ISO-8859-1"?>
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
            RuleExample(
                #"""
                <?xml version="1.0" encoding="UTF-8"?>
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
        ])
}

import ItemBankRules

/// `xml.unreadable`: a source file or folder cannot be read.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLUnreadable: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.unreadable", category: .xml, defaultSeverity: .error,
        summary: "a source file or folder cannot be read",
        rationale:
            "A file the tool cannot read is a file nobody checked; the run reports it and goes on with the others. The example names an items folder that does not exist; unreadable files, broken or escaping symbolic links and link loops are the other cases (BankReaderTests and the hostile-input tests create them on disk).",
        examples: [
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="↓questions"/>
                  <media src="media"/>
                </bank>
                """#),
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                </bank>
                """#),
        ])
}

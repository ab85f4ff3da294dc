import ItemBankRules

/// `xml.too-large`: a source file is larger than 8 MiB.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLTooLarge: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.too-large", category: .xml, defaultSeverity: .error,
        summary: "a source file is larger than 8 MiB",
        rationale:
            "An item is a few kilobytes; a file of megabytes is a mistake or an attack, and parsing it would cost about ten times its size in memory. It is refused before it is read; large data belongs in an attachment. The examples are files padded with spaces to the limit and one byte over it: a snippet cannot show a size.",
        examples: [
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#, paddedSize: XMLRules.maximumFileSize + 1, wholeFile: true,
                situation: "The file is this item followed by spaces, 8,388,609 bytes in all: one byte over the limit."),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#, paddedSize: XMLRules.maximumFileSize, wholeFile: false,
                situation: "The file is this item followed by spaces, 8,388,608 bytes in all: exactly the limit."),
        ])
}

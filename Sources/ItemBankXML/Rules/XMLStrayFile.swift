import ItemBankRules

/// `xml.stray-file`: a file in an items folder is not an .xml file.
///
/// Reported by the bank reader while it reads the files, before any model rule runs.
public enum XMLStrayFile: ReadingRule {
    public static let description = RuleDescription(
        id: "xml.stray-file", category: .xml, defaultSeverity: .warning,
        summary: "a file in an items folder is not an .xml file",
        rationale:
            "Only .xml files are items; anything else in an items folder is probably misplaced (media belong in the media folder). The examples are a text file in the items folder and in the media folder; such a file cannot carry an inline suppression: configure the rule in bank.xml (per folder) instead.",
        examples: [
            RuleExample(
                "Réponses attendues : voir le document partagé.\n", path: "items/notes.txt", wholeFile: true,
                situation: "A text file in the items folder."),
            RuleExample(
                "Réponses attendues : voir le document partagé.\n", path: "media/notes.txt",
                situation: "The same file in the media folder, where any file may be."),
        ])
}

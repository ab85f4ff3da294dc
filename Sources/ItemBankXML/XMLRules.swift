import ItemBankModel

/// The rules whose diagnostics come from reading files: they run before any model rule.
public enum XMLRules {
    public static let unreadable = RuleDescription(
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

    public static let notWellFormed = RuleDescription(
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

    public static let doctype = RuleDescription(
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

    public static let encoding = RuleDescription(
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

    public static let tooLarge = RuleDescription(
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
                """#, paddedSize: maximumFileSize + 1, wholeFile: true,
                situation: "The file is this item followed by spaces, 8,388,609 bytes in all: one byte over the limit."),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#, paddedSize: maximumFileSize, wholeFile: false,
                situation: "The file is this item followed by spaces, 8,388,608 bytes in all: exactly the limit."),
        ])

    public static let wrongRoot = RuleDescription(
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

    public static let schema = RuleDescription(
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

    public static let strayFile = RuleDescription(
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

    /// Rules whose errors mean a file was not read at all: the bank's settings cannot lower or silence
    /// them, so that `build` never drops a file without saying so.
    public static let blocking: Set<String> = [
        unreadable.id, notWellFormed.id, doctype.id, encoding.id, tooLarge.id, wrongRoot.id, schema.id,
    ]

    /// Every rule of this module.
    public static let all: [RuleDescription] = [
        unreadable, notWellFormed, doctype, encoding, tooLarge, wrongRoot, schema, strayFile,
    ]

    /// Source files larger than this (bytes) are refused unread.
    public static let maximumFileSize = 8 << 20
}

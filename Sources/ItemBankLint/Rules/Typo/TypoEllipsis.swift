import ItemBankModel

/// `typo.ellipsis`: three dots are the ellipsis character.
struct TypoEllipsis: Rule {
    static let description = RuleDescription(
        id: "typo.ellipsis", category: .typo, defaultSeverity: .warning,
        summary: "three dots \"...\" instead of the ellipsis … in French text",
        rationale:
            "French typography writes the ellipsis as one character, … (U+2026), which does not break across lines and keeps its spacing (Imprimerie nationale; docs/authoring.md §7). Checked in the prose of French items, not in <code>. Fix-it: the dots become …",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Complétez : un navigateur sert à↓...</stem>
                <choices><choice key="true">consulter des pages web</choice><choice>écrire des lettres</choice><choice>calculer</choice></choices>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Complétez : un navigateur sert à…</stem>
                    <choices><choice key="true">consulter des pages web</choice><choice>écrire des lettres</choice><choice>calculer</choice></choices>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Complétez : un navigateur sert à…</stem>
                <choices><choice key="true">consulter des pages web</choice><choice>écrire des lettres</choice><choice>calculer</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .dots) {
            var index = 0
            while index < characters.count {
                guard characters.scalars[index] == "." else {
                    index += 1
                    continue
                }
                var end = index
                while end < characters.count, characters.scalars[end] == "." { end += 1 }
                if end - index >= 3 {
                    found.append(
                        diagnostic(
                            Typography.location(characters[index], item),
                            "\(end - index) dots: French typography writes the ellipsis …",
                            fixIts: [
                                FixIt(
                                    message: "replace the dots with … (U+2026)",
                                    edits: [Typography.replace(characters[index..<end], in: run, with: "…")])
                            ]))
                }
                index = end
            }
        }
        return found.diagnostics
    }
}

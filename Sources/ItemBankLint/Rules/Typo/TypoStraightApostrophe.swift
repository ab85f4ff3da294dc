import ItemBankModel

/// `typo.straight-apostrophe`: French text uses the typographic apostrophe ’.
struct TypoStraightApostrophe: Rule {
    static let description = RuleDescription(
        id: "typo.straight-apostrophe", category: .typo, defaultSeverity: .warning,
        summary: "a straight apostrophe ' between letters in French text",
        rationale:
            "French typography writes the apostrophe ’ (U+2019): l’expression, qu’un (Imprimerie nationale; docs/authoring.md §7). The straight ' is a typewriter substitute. Checked in the prose of French items, not in <code> (a command keeps the quote it needs) or in accepted answers (learners type '). Fix-it: ' becomes ’.",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quelle requête cherche l↓'expression exacte ?</stem>
                <choices><choice key="true"><code>"vie privée"</code></choice><choice><code>vie privée</code></choice><choice><code>vie OR privée</code></choice></choices>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Quelle requête cherche l’expression exacte ?</stem>
                    <choices><choice key="true"><code>"vie privée"</code></choice><choice><code>vie privée</code></choice><choice><code>vie OR privée</code></choice></choices>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Quelle requête cherche l’expression exacte ?</stem>
                <choices><choice key="true"><code>"vie privée"</code></choice><choice><code>vie privée</code></choice><choice><code>vie OR privée</code></choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .straightApostrophe) {
            for index in characters.indices.dropFirst().dropLast() where characters.scalars[index] == "'" {
                guard Typography.isWord(characters.scalars[index - 1]), Typography.isWord(characters.scalars[index + 1])
                else { continue }
                found.append(
                    diagnostic(
                        Typography.location(characters[index], item),
                        "straight apostrophe: French typography uses ’",
                        fixIts: [
                            FixIt(
                                message: "replace ' with ’ (U+2019)",
                                edits: [Typography.replace(characters[index...index], in: run, with: "’")])
                        ]))
            }
        }
        return found.diagnostics
    }
}

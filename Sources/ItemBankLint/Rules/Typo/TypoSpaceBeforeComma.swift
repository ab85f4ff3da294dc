import ItemBankModel

/// `typo.space-before-comma`: no space before a comma or a full stop.
struct TypoSpaceBeforeComma: Rule {
    static let description = RuleDescription(
        id: "typo.space-before-comma", category: .typo, defaultSeverity: .warning,
        summary: "a space before a comma or a full stop in French text",
        rationale:
            "The comma and the full stop follow the word without a space, in French as in English (Imprimerie nationale); a space before them can wrap the mark to the next line. A dot followed by a letter or a digit (« le format .pdf », « 0 ,5 ») is left alone. Checked in the prose of French items, not in <code>. Fix-it: the space is deleted.",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Pour chercher une expression exacte↓ , quel signe entoure les mots ?</stem>
                <choices><choice key="true">Les guillemets</choice><choice>Les parenthèses</choice><choice>Les crochets</choice></choices>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Pour chercher une expression exacte, quel signe entoure les mots ?</stem>
                    <choices><choice key="true">Les guillemets</choice><choice>Les parenthèses</choice><choice>Les crochets</choice></choices>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Pour chercher une expression exacte, quel signe entoure les mots ?</stem>
                <choices><choice key="true">Les guillemets</choice><choice>Les parenthèses</choice><choice>Les crochets</choice></choices>
                <solution>Les guillemets, comme dans un fichier .pdf cherché par son titre.</solution>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .spaceBeforeCommaOrDot) {
            for index in characters.indices.dropFirst()
            where characters.scalars[index] == "," || characters.scalars[index] == "." {
                let isSpace = { (scalar: Unicode.Scalar) in
                    Typography.isCollapsible(scalar) || Typography.isNoBreak(scalar)
                }
                guard isSpace(characters.scalars[index - 1]) else { continue }
                if index + 1 < characters.count {
                    let next = characters.scalars[index + 1]
                    if Typography.isWord(next) || next == "." { continue }
                }
                var start = index - 1
                while start > 0, isSpace(characters.scalars[start - 1]) { start -= 1 }
                guard start > 0 else { continue }
                found.append(
                    diagnostic(
                        Typography.location(characters[start], item),
                        "space before \"\(characters.scalars[index])\"",
                        fixIts: [
                            FixIt(
                                message: "delete the space",
                                edits: [Typography.replace(characters[start..<index], in: run, with: "")])
                        ]))
            }
        }
        return found.diagnostics
    }
}

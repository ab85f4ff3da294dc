import ItemBankModel

/// `typo.nbsp-in-guillemets`: « and » are separated from the quotation by no-break spaces.
struct TypoNoBreakSpaceInGuillemets: Rule {
    static let description = RuleDescription(
        id: "typo.nbsp-in-guillemets", category: .typo, defaultSeverity: .warning,
        summary: "an ordinary space, or none, inside « » in French text",
        rationale:
            "French guillemets take a no-break space inside: « énergie solaire » (Imprimerie nationale); an ordinary space lets the guillemet wrap alone to a line. The project writes U+202F (docs/authoring.md §7; U+00A0 is accepted). Checked in the prose of French items; a guillemet next to markup (« <em>mot</em> ») is left alone. Fix-it: the space becomes U+202F, or one is inserted.",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Que cherche la requête «↓ énergie solaire↓» ?</stem>
                <choices><choice key="true">L’expression exacte</choice><choice>Chaque mot</choice><choice>Un site</choice></choices>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Que cherche la requête «\#u{202F}énergie solaire\#u{202F}» ?</stem>
                    <choices><choice key="true">L’expression exacte</choice><choice>Chaque mot</choice><choice>Un site</choice></choices>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Que cherche la requête «&#x202F;énergie solaire&#x202F;» ?</stem>
                <choices><choice key="true">L’expression exacte</choice><choice>Chaque mot</choice><choice>Un site</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .guillemet) {
            for index in characters.indices {
                let scalar = characters.scalars[index]
                if scalar == "«", index + 1 < characters.count {
                    var end = index + 1
                    while end < characters.count, Typography.isCollapsible(characters.scalars[end]) { end += 1 }
                    if end > index + 1 {
                        guard end < characters.count, !Typography.isNoBreak(characters.scalars[end]) else { continue }
                        found.append(spaceFinding(characters[(index + 1)..<end], run, item, after: true))
                    } else if !Typography.isNoBreak(characters.scalars[end]) {
                        found.append(
                            missingFinding(at: characters[end], report: characters[end], item, after: true))
                    }
                } else if scalar == "»", index > 0 {
                    var start = index
                    while start > 0, Typography.isCollapsible(characters.scalars[start - 1]) { start -= 1 }
                    if start < index {
                        guard start > 0, !Typography.isNoBreak(characters.scalars[start - 1]) else { continue }
                        found.append(spaceFinding(characters[start..<index], run, item, after: false))
                    } else if !Typography.isNoBreak(characters.scalars[index - 1]) {
                        found.append(
                            missingFinding(at: characters[index], report: characters[index], item, after: false))
                    }
                }
            }
        }
        return found.diagnostics
    }

    private func spaceFinding(
        _ spaces: Slice<TextCharacters>, _ run: TextRun, _ item: Item, after: Bool
    )
        -> Diagnostic
    {
        diagnostic(
            Typography.location(spaces[spaces.startIndex], item),
            "ordinary space \(after ? "after «" : "before »"): French typography puts a no-break space there",
            fixIts: [
                FixIt(
                    message: "use a narrow no-break space (U+202F)",
                    edits: [Typography.replace(spaces, in: run, with: "\u{202F}")])
            ])
    }

    private func missingFinding(
        at character: TextCharacter, report: TextCharacter, _ item: Item, after: Bool
    )
        -> Diagnostic
    {
        diagnostic(
            Typography.location(report, item),
            "no space \(after ? "after «" : "before »"): French typography puts a no-break space there",
            fixIts: [
                FixIt(
                    message: "insert a narrow no-break space (U+202F)",
                    edits: [Typography.insert("\u{202F}", before: character)])
            ])
    }
}

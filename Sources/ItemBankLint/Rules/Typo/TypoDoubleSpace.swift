import ItemBankModel

/// `typo.double-space`: a no-break space next to another space shows as two spaces.
struct TypoDoubleSpace: Rule {
    static let description = RuleDescription(
        id: "typo.double-space", category: .typo, defaultSeverity: .warning,
        summary: "a no-break space next to another space (two spaces on screen)",
        rationale:
            "XML collapses runs of ordinary spaces and line breaks into one space, but not no-break spaces: « mot\u{202F} ? » (a no-break space, then an ordinary one) shows two spaces and may still break the line before the mark. Checked in the prose of French items, not in <code>. Fix-it: the spaces become the no-break space alone, written as it was (the character or its reference).",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel moteur de recherche ne trace pas ses utilisateurs↓&#x202F; ?</stem>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Quel moteur de recherche ne trace pas ses utilisateurs&#x202F;?</stem>
                    <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Quel moteur de recherche ne trace pas ses utilisateurs&#x202F;?</stem>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .noBreakSpace) {
            var index = 0
            while index < characters.count {
                let isSpace = { (scalar: Unicode.Scalar) in
                    Typography.isCollapsible(scalar) || Typography.isNoBreak(scalar)
                }
                guard isSpace(characters.scalars[index]) else {
                    index += 1
                    continue
                }
                var end = index
                while end < characters.count, isSpace(characters.scalars[end]) { end += 1 }
                let spaces = characters[index..<end]
                if spaces.count >= 2, let kept = spaces.firstIndex(where: { Typography.isNoBreak($0.scalar) }) {
                    found.append(
                        diagnostic(
                            Typography.location(characters[index], item),
                            "a no-break space next to another space shows as two spaces",
                            fixIts: [
                                FixIt(
                                    message: "keep the no-break space alone",
                                    edits: [
                                        Typography.replace(
                                            spaces, in: run, with: Typography.original(characters[kept...kept], in: run)
                                        )
                                    ])
                            ]))
                }
                index = end
            }
        }
        return found.diagnostics
    }
}

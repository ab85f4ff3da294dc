import ItemBankModel

/// `typo.straight-quotes`: French text quotes with « », not "".
struct TypoStraightQuotes: Rule {
    static let description = RuleDescription(
        id: "typo.straight-quotes", category: .typo, defaultSeverity: .warning,
        summary: "straight quotes \"…\" in French text",
        rationale:
            "French typography quotes with guillemets « » and no-break spaces inside (Imprimerie nationale; docs/authoring.md §7). Checked in the prose of French items, not in <code>, where a query keeps the quotes that must be typed (<code>\"énergie solaire\"</code>). Fix-it, when the quotes of a text pair up: \"mot\" becomes « mot » with U+202F inside; an unpaired quote is reported without one.",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Que cherche la requête ↓"énergie solaire" ?</stem>
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
                <stem>Que cherche la requête <code>"énergie solaire"</code> ?</stem>
                <choices><choice key="true">L’expression exacte</choice><choice>Chaque mot</choice><choice>Un site</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .straightQuote) {
            let quotes = characters.indices.filter { characters.scalars[$0] == "\"" }
            var pair = 0
            while pair < quotes.count {
                let open = quotes[pair]
                guard pair + 1 < quotes.count else {
                    found.append(
                        diagnostic(
                            Typography.location(characters[open], item),
                            "straight quote: French typography quotes with « »",
                            help: "write « … » around the quotation"))
                    break
                }
                let close = quotes[pair + 1]
                var afterOpen = open + 1
                while afterOpen < close, Typography.isCollapsible(characters.scalars[afterOpen]) { afterOpen += 1 }
                var beforeClose = close
                while beforeClose > afterOpen, Typography.isCollapsible(characters.scalars[beforeClose - 1]) {
                    beforeClose -= 1
                }
                found.append(
                    diagnostic(
                        Typography.location(characters[open], item),
                        "straight quotes: French typography quotes with « »",
                        fixIts: [
                            FixIt(
                                message: "write « … » with narrow no-break spaces inside",
                                edits: [
                                    Typography.replace(characters[open..<afterOpen], in: run, with: "«\u{202F}"),
                                    Typography.replace(characters[beforeClose...close], in: run, with: "\u{202F}»"),
                                ])
                        ]))
                pair += 2
            }
        }
        return found.diagnostics
    }
}

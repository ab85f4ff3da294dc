import ItemBankModel

/// `iwf.all-none-of-the-above`: a choice such as « Toutes ces réponses » or « Aucune de ces réponses ».
struct IWFAllNoneOfTheAbove: Rule {
    static let description = RuleDescription(
        id: "iwf.all-none-of-the-above", category: .iwf, defaultSeverity: .warning,
        summary: "a choice is \"all of the above\" or \"none of the above\" (« toutes / aucune de ces réponses »)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guidelines 25 and 26: \"none of the above\" rewards knowing what is wrong rather than what is right, and \"all of the above\" is found by spotting two right choices; both also break when choices are shuffled. The phrases are in Lexicons/<language>/all-none-of-the-above.txt (French and English; the item's xml:lang picks the list). A choice is reported when it starts with one of them.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Lequel de ces services est un moteur de recherche ?</stem>
                <choices>
                  <choice key="true">Qwant</choice>
                  <choice>Firefox</choice>
                  ↓<choice>Aucune de ces réponses</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which of these services is a search engine?</stem>
                <choices>
                  <choice key="true">Qwant</choice>
                  <choice>Firefox</choice>
                  ↓<choice>None of the above</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Lequel de ces services est un moteur de recherche ?</stem>
                <choices>
                  <choice key="true">Qwant</choice>
                  <choice>Firefox</choice>
                  <choice>Gmail</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return item.choices.indices.compactMap { index in
            guard let field = text.choice(index),
                let match = lexicons.allNoneOfTheAbove.matches(in: field.tokens).first, match.first == 0
            else { return nil }
            return diagnostic(
                item.choices[index].location,
                "choice \(index + 1) \"\(item.choices[index].text.plain)\" is an all-or-none-of-the-above option",
                help: "replace it with a plausible distractor drawn from learners' usual errors")
        }
    }
}

import ItemBankModel

/// `iwf.true-false-choices`: a choice item whose choices are Vrai / Faux (Oui / Non).
struct IWFTrueFalseChoices: Rule {
    static let description = RuleDescription(
        id: "iwf.true-false-choices", category: .iwf, defaultSeverity: .warning,
        summary: "the choices are true/false or yes/no answers",
        rationale:
            "A true/false item is a coin toss (50 % by guessing) and true/false statements are hard to make unambiguously true or false (Haladyna, Downing & Rodriguez 2002; Frisbie & Becker 1991). Ask for the right statement among several instead. The answers are in Lexicons/<language>/true-false.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Un moteur de recherche classe les résultats selon leur pertinence.</stem>
                <choices>↓<choice key="true">Vrai</choice><choice>Faux</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Selon quoi un moteur de recherche classe-t-il d’abord les résultats ?</stem>
                <choices>
                  <choice key="true">Leur pertinence pour la requête</choice>
                  <choice>Leur date de création</choice>
                  <choice>L’ordre alphabétique</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons, item.type.hasChoices, item.choices.count >= 2 else { return [] }
        let all = item.choices.indices.allSatisfy { index in
            text.choice(index).map { lexicons.trueFalse.isEntry($0.tokens) } ?? false
        }
        guard all, let first = item.choices.first else { return [] }
        return [
            diagnostic(
                first.location,
                "the choices are true/false answers (" + item.choices.map(\.text.plain).joined(separator: ", ") + ")",
                help: "ask which statement is right, with plausible wrong statements as distractors")
        ]
    }
}

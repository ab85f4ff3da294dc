import ItemBankModel

/// `iwf.vague-terms`: a vague frequency or quantity term (souvent, parfois, généralement…).
struct IWFVagueTerms: Rule {
    static let description = RuleDescription(
        id: "iwf.vague-terms", category: .iwf, defaultSeverity: .info,
        summary: "the stem or a choice uses a vague term (souvent, parfois, généralement…)",
        rationale:
            "Readers give vague frequency terms very different values, so the item measures their reading of « souvent » rather than the skill (Haladyna, Downing & Rodriguez 2002, guideline 9: avoid ambiguity; Case & Swanson, NBME item-writing manual). Advice only: some items need them. The terms are in Lexicons/<language>/vague-terms.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel navigateur est ↓généralement installé avec Windows ?</stem>
                <choices><choice key="true">Edge</choice><choice>Safari</choice><choice>Opera</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel navigateur est installé avec Windows 11 ?</stem>
                <choices><choice key="true">Edge</choice><choice>Safari</choice><choice>Opera</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return text.fields.filter { $0.part == .stem || $0.part == .choice }.flatMap { field in
            lexicons.vagueTerms.matches(in: field.tokens).map { match in
                let place = field.part == .stem ? "the stem" : "choice \((field.choice ?? 0) + 1)"
                return diagnostic(
                    text.location(of: field.tokens[match.first], in: field),
                    "\(place) uses the vague term \"\(field.text(match.first, match.last))\"",
                    help: "say how often or how much, or drop the term")
            }
        }
    }
}

import ItemBankModel

/// `iwf.absolute-terms`: an absolute term (toujours, jamais, uniquement…) in a choice.
struct IWFAbsoluteTerms: Rule {
    static let description = RuleDescription(
        id: "iwf.absolute-terms", category: .iwf, defaultSeverity: .warning,
        summary: "a choice uses an absolute term (toujours, jamais, uniquement…)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 28 (avoid specific determiners such as always, never, completely): test-wise learners know that absolute claims are seldom true and discard those choices without knowing the content. The terms are in Lexicons/<language>/absolute-terms.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Que permet un gestionnaire de mots de passe ?</stem>
                <choices>
                  <choice key="true">Utiliser un mot de passe différent pour chaque site</choice>
                  <choice>Se connecter ↓toujours sans mot de passe</choice>
                  <choice>Partager ses mots de passe par courriel</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Que permet un gestionnaire de mots de passe ?</stem>
                <choices>
                  <choice key="true">Utiliser un mot de passe différent pour chaque site</choice>
                  <choice>Se connecter sans mot de passe</choice>
                  <choice>Partager ses mots de passe par courriel</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return text.fields.filter { $0.part == .choice }.flatMap { field in
            lexicons.absoluteTerms.matches(in: field.tokens).map { match in
                diagnostic(
                    text.location(of: field.tokens[match.first], in: field),
                    "choice \((field.choice ?? 0) + 1) uses the absolute term \"\(field.text(match.first, match.last))\"",
                    help: "state the condition precisely instead")
            }
        }
    }
}

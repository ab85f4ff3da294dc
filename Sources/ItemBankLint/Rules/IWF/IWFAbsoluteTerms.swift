import ItemBankModel

/// `iwf.absolute-terms`: an absolute term (toujours, jamais, uniquement…) in a choice; a hedged one
/// (right after a negator: « pas nécessairement », "not always") is not absolute.
struct IWFAbsoluteTerms: Rule {
    static let description = RuleDescription(
        id: "iwf.absolute-terms", category: .iwf, defaultSeverity: .warning,
        summary: "a choice uses an absolute term (toujours, jamais, uniquement…)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 28 (avoid specific determiners such as always, never, completely): test-wise learners know that absolute claims are seldom true and discard those choices without knowing the content. A term right after a negator (Lexicons/<language>/negators.txt: « pas nécessairement », « pas systématiquement », « not always », « not necessarily ») is a hedge, the opposite of an absolute claim, and is not reported; « ne jamais » is still absolute. The terms are in Lexicons/<language>/absolute-terms.txt.",
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
            .item(
                "qcu",
                #"""
                <stem>Que garantit le cadenas affiché près de l’adresse d’un site ?</stem>
                <choices>
                  <choice key="true">La connexion est chiffrée, mais le site n’est pas nécessairement fiable</choice>
                  <choice>Le site est vérifié, mais pas systématiquement</choice>
                  <choice>Le site ne collecte ↓jamais de données</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>What does the padlock next to a site's address guarantee?</stem>
                <choices>
                  <choice key="true">The connection is encrypted, but the site is not necessarily safe</choice>
                  <choice>The site isn't always checked by the browser</choice>
                  <choice>The site is ↓always safe to use</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return text.fields.filter { $0.part == .choice }.flatMap { field in
            lexicons.absoluteTerms.matches(in: field.tokens).filter { match in
                !Self.isHedged(match, in: field.tokens, negators: lexicons.negators)
            }.map { match in
                diagnostic(
                    text.location(of: field.tokens[match.first], in: field),
                    "choice \((field.choice ?? 0) + 1) uses the absolute term \"\(field.text(match.first, match.last))\"",
                    help: "state the condition precisely instead")
            }
        }
    }

    /// Whether the token right before the match, in the same clause, is a negator (« pas », "not").
    static func isHedged(_ match: Lexicon.Match, in tokens: [Token], negators: Lexicon) -> Bool {
        guard match.first > 0 else { return false }
        let before = tokens[match.first - 1]
        return before.clause == tokens[match.first].clause && negators.contains(before.folded)
    }
}

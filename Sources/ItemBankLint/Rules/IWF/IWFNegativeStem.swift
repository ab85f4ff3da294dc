import ItemBankModel

/// `iwf.negative-stem`: a negation in the stem that is not emphasised.
struct IWFNegativeStem: Rule {
    static let description = RuleDescription(
        id: "iwf.negative-stem", category: .iwf, defaultSeverity: .warning,
        summary: "the stem is worded negatively (ne … pas, sauf, excepté…) and the negation is not emphasised",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 17: word the stem positively; a negation that cannot be avoided must stand out, or readers skip it and answer the opposite question (Tarrant et al. 2006 found negative stems among the commonest flaws). The negations are in Lexicons/<language>/negations.txt; `ne … pas` matches up to three words between its parts (« n’est vraiment pas »), within one clause. Only the sentences that ask for a choice are checked: questions (ending with ?) with a word of choice-questions.txt (quel, lequel, parmi…), and sentences with an instruction of choice-instructions.txt (cochez, sélectionnez…). « L’ordinateur ne démarre plus. Que faites-vous ? » describes a situation, and so does « une remarque à laquelle il ne répond pas. », and neither is reported. A negation is emphasised when one of its words is inside <strong> or <em>.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Lequel de ces services ↓n’est pas un moteur de recherche ?</stem>
                <choices><choice>Qwant</choice><choice>Google</choice><choice key="true">Firefox</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Parmi ces services, tous sont des moteurs de recherche ↓sauf un : lequel ?</stem>
                <choices><choice>Qwant</choice><choice>Google</choice><choice key="true">Firefox</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Lequel de ces services n’est <strong>pas</strong> un moteur de recherche ?</stem>
                <choices><choice>Qwant</choice><choice>Google</choice><choice key="true">Firefox</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Votre ordinateur ne démarre plus. Que faites-vous d’abord ?</stem>
                <choices><choice key="true">Vérifier le branchement</choice><choice>Le jeter</choice><choice>Le secouer</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Léa attache à une phrase une remarque à laquelle Inès ne répond pas. Comment s’appelle cette remarque ?</stem>
                <choices><choice key="true">Un commentaire</choice><choice>Une révision</choice><choice>Une note de bas de page</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons, let stem = text.stem else { return [] }
        let negations = lexicons.negations.matches(in: stem.tokens)
        guard !negations.isEmpty else { return [] }
        // Sentences that ask for a choice ("Laquelle … ?", "Cochez…"): a negation elsewhere describes the
        // situation, and « lequel » in a statement is a relative pronoun.
        let asking = Set(
            stem.tokens.filter { token in
                (token.inQuestion && lexicons.choiceQuestions.words.contains(token.folded))
                    || lexicons.choiceInstructions.words.contains(token.folded)
            }.map(\.sentence))
        return negations.compactMap { match in
            guard asking.contains(stem.tokens[match.first].sentence),
                !match.tokens.contains(where: { stem.isEmphasised(stem.tokens[$0]) })
            else { return nil }
            return diagnostic(
                text.location(of: stem.tokens[match.first], in: stem),
                "the stem is worded negatively (\"\(stem.text(match.first, match.last))\") and the negation is not emphasised",
                help: "word the stem positively, or put the negation in <strong>…</strong>")
        }
    }
}

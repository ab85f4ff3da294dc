import ItemBankModel

/// `a11y.alt-gives-key`: an illustration's alt contains the answer.
struct A11yAltGivesKey: Rule {
    static let description = RuleDescription(
        id: "a11y.alt-gives-key", category: .a11y, defaultSeverity: .warning,
        summary: "an illustration's alt contains the key (or an accepted answer), and no distractor",
        rationale:
            "WCAG 2.1 success criterion 1.1.1 makes an exception for tests: when the image is the question, its alternative identifies it without giving the answer away. An alt that names the key (and none of the distractors) answers the item for screen-reader users only, so the item no longer measures the same thing for everyone. Words are compared as the wording rules read them (case, accents, elisions ignored); a drop-down is read like choices (an accepted option named with no other option). Only answers of three letters or more are compared: « Un » or « 18 » in a description (« d’un », the values of a data table) are not the answer.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel est le moteur de recherche affiché ?</stem>
                <illustration src="↓requete.svg" alt="La page d’accueil de Qwant, avec sa barre de recherche."/>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel est le moteur de recherche affiché ?</stem>
                <illustration src="requete.svg" alt="Une page d’accueil avec un logo bleu et vert et une barre de recherche."/>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                """#),
        ])

    /// The first key the alt names, when it names no other choice.
    static func given(
        keys: [String], others: [String], named: (String) -> Bool, appears: (String) -> Bool
    )
        -> String?
    {
        guard !others.contains(where: named) else { return nil }
        return keys.first(where: appears)
    }

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let illustration = item.illustration, !illustration.isDecorative else { return [] }
        let tokenizer = text.lexicons?.tokenizer ?? Lexicons.builtIn(.fr).tokenizer
        let alt = tokenizer.tokens(illustration.alternative).map(\.folded)
        func words(_ text: String) -> [String] { tokenizer.tokens(text).map(\.folded) }
        func named(_ answer: [String]) -> Bool {
            !answer.isEmpty && IWFChoiceContainsAnother.contains(alt, answer)
        }
        func appears(_ answer: [String]) -> Bool {
            answer.joined().filter(\.isLetter).count >= 3 && named(answer)
        }
        var given: String?
        if item.type.hasChoices {
            given = Self.given(
                keys: item.choices.filter(\.isKey).map(\.text.plain),
                others: item.choices.filter { !$0.isKey }.map(\.text.plain), named: { named(words($0)) },
                appears: { appears(words($0)) })
        }
        for response in item.responses where given == nil {
            switch response.kind {
            case .dropdown(let options):
                // Like choices: an accepted option named alone gives it away; all options named do not.
                let accepted = Set(response.acceptedAnswers.map(\.text))
                given = Self.given(
                    keys: Array(accepted), others: options.map(\.text).filter { !accepted.contains($0) },
                    named: { named(words($0)) }, appears: { appears(words($0)) })
            case .text:
                given = response.acceptedAnswers.first { appears(words($0.text)) }?.text
            }
        }
        if given == nil, let groups = item.answerGroups {
            given = groups.groups.flatMap(\.acceptedAnswers).first { appears(words($0.text)) }?.text
        }
        guard let given else { return [] }
        return [
            diagnostic(
                illustration.location,
                "the alt of illustration \(illustration.source) contains the answer \"\(given)\"",
                help: "describe what the image shows without naming the answer (WCAG 1.1.1, test exception)")
        ]
    }
}

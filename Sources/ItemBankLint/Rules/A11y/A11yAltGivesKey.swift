import ItemBankModel

/// `a11y.alt-gives-key`: an illustration's alt contains the answer: the key's words in a row, or a word
/// that stands for a key of one or two words (in no other choice and not in the stem), singular or plural.
struct A11yAltGivesKey: Rule {
    static let description = RuleDescription(
        id: "a11y.alt-gives-key", category: .a11y, defaultSeverity: .warning,
        summary: "an illustration's alt contains the key (or an accepted answer), and no distractor",
        rationale:
            "WCAG 2.1 success criterion 1.1.1 makes an exception for tests: when the image is the question, its alternative identifies it without giving the answer away. An alt that names the key (and none of the distractors) answers the item for screen-reader users only, so the item no longer measures the same thing for everyone. Words are compared as the wording rules read them (case, accents, elisions ignored) and singular or plural alike (a final s or x of a word of 4 letters or more is ignored). A choice is named by its words in a row; a choice of one or two words (a name: « Mozilla Firefox », « Google Drive ») also by one of its distinctive words: 4 letters or more, in no other choice and not in the stem (« Firefox » names « Mozilla Firefox » when the other choices are « Google Chrome » and « Microsoft Edge »). A longer choice is a statement, and an alt that describes what the image shows may share a word with it. A drop-down is read like choices (an accepted option named with no other option). Only answers of three letters or more are compared: « Un » or « 18 » in a description (« d’un », the values of a data table) are not the answer.",
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
            .item(
                "qcu",
                #"""
                <stem>Quel navigateur est ouvert sur cette capture ?</stem>
                <illustration src="↓requete.svg" alt="La fenêtre de Firefox avec trois onglets ouverts."/>
                <choices><choice key="true">Mozilla Firefox</choice><choice>Google Chrome</choice><choice>Microsoft Edge</choice></choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which files can this folder hold?</stem>
                <illustration src="↓requete.svg" alt="A folder window listing spreadsheets only."/>
                <choices><choice key="true">Spreadsheet</choice><choice>Photo</choice><choice>Video</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel navigateur est ouvert sur cette capture ?</stem>
                <illustration src="requete.svg" alt="Deux fenêtres côte à côte : Firefox à gauche, Chrome à droite ; l’une est au premier plan."/>
                <choices><choice key="true">Mozilla Firefox</choice><choice>Google Chrome</choice><choice>Microsoft Edge</choice></choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which browser is shown in this browser window?</stem>
                <illustration src="requete.svg" alt="A browser window with a blue globe icon."/>
                <choices><choice key="true">Browser A</choice><choice>Browser B</choice><choice>Browser C</choice></choices>
                """#),
        ])

    /// A word as the rule compares it: without a final s or x when it has 4 letters or more
    /// (« onglets » = « onglet », "spreadsheets" = "spreadsheet").
    static func singular(_ word: String) -> String {
        guard word.count >= 4, let last = word.last, last == "s" || last == "x" else { return word }
        return String(word.dropLast())
    }

    /// For each choice (its words, already ``singular(_:)``), the words that stand for it: for a choice
    /// of one or two words (a name), those of 4 letters or more, letters only, in no other choice and not
    /// in the stem; none for a longer choice.
    static func distinctiveWords(of choices: [[String]], stem: Set<String>) -> [Set<String>] {
        choices.indices.map { index in
            guard choices[index].count <= 2 else { return [] }
            var others: Set<String> = stem
            for other in choices.indices where other != index { others.formUnion(choices[other]) }
            return Set(choices[index].filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) && !others.contains($0) })
        }
    }

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
        let alt = tokenizer.tokens(illustration.alternative).map { Self.singular($0.folded) }
        let altWords = Set(alt)
        func words(_ text: String) -> [String] { tokenizer.tokens(text).map { Self.singular($0.folded) } }
        func named(_ answer: [String]) -> Bool {
            !answer.isEmpty && IWFChoiceContainsAnother.contains(alt, answer)
        }
        func appears(_ answer: [String]) -> Bool {
            answer.joined().filter(\.isLetter).count >= 3 && named(answer)
        }
        var given: String?
        if item.type.hasChoices {
            let stem = Set(
                text.fields.filter { $0.part == .stem }.flatMap { $0.tokens.map { Self.singular($0.folded) } })
            let texts = item.choices.map(\.text.plain)
            let choiceWords = texts.map(words)
            let distinctive = Self.distinctiveWords(of: choiceWords, stem: stem)
            // Text -> the distinctive words of the choices with that text (duplicates are another rule's).
            var standIns: [String: Set<String>] = [:]
            for (index, text) in texts.enumerated() { standIns[text, default: []].formUnion(distinctive[index]) }
            func namedByWord(_ text: String) -> Bool { !(standIns[text] ?? []).isDisjoint(with: altWords) }
            given = Self.given(
                keys: item.choices.filter(\.isKey).map(\.text.plain),
                others: item.choices.filter { !$0.isKey }.map(\.text.plain),
                named: { named(words($0)) || namedByWord($0) },
                appears: { appears(words($0)) || namedByWord($0) })
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

import ItemBankModel

/// `iwf.clang-association`: the key repeats a distinctive word of the stem that no distractor repeats.
struct IWFClangAssociation: Rule {
    static let description = RuleDescription(
        id: "iwf.clang-association", category: .iwf, defaultSeverity: .warning,
        summary: "the key repeats a word of the stem that no distractor repeats (clang association)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 31 (avoid clang associations): a word of the stem echoed in the key, and only there, lets a learner find the key by matching words instead of knowing the answer. To stay precise the rule looks only at qcu items with at least three choices in French or English, at distinctive words (five letters or more, not a question or function word, not a name capitalised inside the key; singular and plural are one word), and reports only when no distractor repeats any distinctive word of the stem: when the distractors echo the stem too, the echo is no cue.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel logiciel sert à retoucher une photographie ?</stem>
                <choices>
                  <choice key="true">Un éditeur de ↓photographies</choice>
                  <choice>Un tableur</choice>
                  <choice>Un navigateur web</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel logiciel sert à retoucher une photographie ?</stem>
                <choices>
                  <choice key="true">Un éditeur d’images</choice>
                  <choice>Un tableur</choice>
                  <choice>Un navigateur web</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Où se trouve l’historique de navigation ?</stem>
                <choices>
                  <choice key="true">Dans le menu du navigateur</choice>
                  <choice>Dans l’historique du système</choice>
                  <choice>Dans la corbeille</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which software is used to edit a photograph?</stem>
                <choices>
                  <choice key="true">A ↓photograph editor</choice>
                  <choice>A spreadsheet</choice>
                  <choice>A web browser</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which software is used to edit a photograph?</stem>
                <choices>
                  <choice key="true">An image editor</choice>
                  <choice>A spreadsheet</choice>
                  <choice>A web browser</choice>
                </choices>
                """#),
        ])

    /// Question and function words of five letters or more, which say nothing about the content.
    static let functionWords: Set<String> = [
        // French (folded: lower case, no diacritics)
        "quelle", "quelles", "quels", "lequel", "laquelle", "lesquels", "lesquelles", "pourquoi", "comment",
        "combien", "parmi", "suivant", "suivants", "suivante", "suivantes", "comme", "entre", "aucun", "aucune",
        "toutes", "autre", "autres", "cette", "votre", "notre", "leurs", "elles", "depuis", "avant", "apres",
        "pendant", "contre", "selon", "leurs", "celui", "celle", "celles", "ceux", "dont", "faire", "permet",
        "permettent", "doit", "peut", "peuvent", "choisir", "cochez", "indiquez", "reponse", "reponses",
        "correcte", "correctes", "exacte", "exactes", "proposition", "propositions",
        // English
        "which", "where", "there", "their", "these", "those", "about", "among", "following", "should", "would",
        "could", "other", "others", "every", "being", "after", "before", "between", "without", "through",
        "while", "answer", "answers", "correct", "choose", "select",
    ]

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard item.type == .qcu, item.choices.count >= 3, text.lexicons != nil, let stem = text.stem,
            let keyIndex = item.choices.firstIndex(where: \.isKey),
            item.choices.filter(\.isKey).count == 1
        else { return [] }
        let stemWords = Set(stem.tokens.compactMap { Self.distinctive($0.folded) })
        guard !stemWords.isEmpty else { return [] }
        for index in item.choices.indices where index != keyIndex {
            guard let field = text.choice(index) else { continue }
            if field.tokens.contains(where: { Self.distinctive($0.folded).map(stemWords.contains) ?? false }) {
                return []
            }
        }
        guard let key = text.choice(keyIndex),
            let echo = key.tokens.indices.first(where: { index in
                // A capitalised word inside the key is a name (« À Chloé »): the answer names the
                // person or product the stem is about, which is no cue.
                guard index == 0 || !(key.text(index, index).first?.isUppercase ?? false) else { return false }
                return Self.distinctive(key.tokens[index].folded).map(stemWords.contains) ?? false
            })
        else { return [] }
        let word = key.text(echo, echo)
        return [
            diagnostic(
                text.location(of: key.tokens[echo], in: key),
                "the key repeats \"\(word)\" from the stem and no distractor does: the word points at the key",
                help: "reword the key, or let a plausible distractor use the word too")
        ]
    }

    /// The word's comparison form when it is distinctive (five letters or more, only letters, not a
    /// function word): singular (a final s or x dropped); nil otherwise.
    static func distinctive(_ folded: String) -> String? {
        guard folded.count >= 5, folded.allSatisfy(\.isLetter), !functionWords.contains(folded) else { return nil }
        if let last = folded.last, last == "s" || last == "x" { return String(folded.dropLast()) }
        return folded
    }
}

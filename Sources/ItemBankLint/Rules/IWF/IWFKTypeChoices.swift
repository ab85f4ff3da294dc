import ItemBankModel

/// `iwf.k-type-choices`: a choice that combines other choices (« A et B », « les réponses 1 et 3 »).
struct IWFKTypeChoices: Rule {
    static let description = RuleDescription(
        id: "iwf.k-type-choices", category: .iwf, defaultSeverity: .warning,
        summary: "a choice combines other choices (« A et B », « 1 et 3 », « les deux »)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 24: avoid the complex (K-type) format. Combined choices are solved by eliminating combinations rather than knowing the content; a qcm (several keys) asks the same question directly. A choice is combined when it is a phrase of Lexicons/<language>/k-type-phrases.txt, or labels (a single letter a–h, or a number) joined by a connector of k-type-connectors.txt, optionally after words of k-type-prefixes.txt; either may end with up to three words of k-type-suffixes.txt (« A et B seulement », « Les deux sont correctes », « Both are correct », « A and C only »). Any other word makes the choice a statement, not a combination (« Les deux navigateurs »).",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quels logiciels sont des navigateurs ? A. Firefox B. Chrome C. Word</stem>
                <choices>
                  <choice>A seulement</choice>
                  ↓<choice key="true">A et B</choice>
                  ↓<choice>B et C</choice>
                </choices>
                """#),
            .item(
                "qcm",
                #"""
                <stem>Quels logiciels sont des navigateurs ?</stem>
                <choices>
                  <choice key="true">Firefox</choice>
                  <choice key="true">Chrome</choice>
                  <choice>Word</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quels logiciels sont des navigateurs ? A. Firefox B. Chrome C. Word</stem>
                <choices>
                  ↓<choice key="true">A et B seulement</choice>
                  ↓<choice>Les deux premiers sont corrects</choice>
                  <choice>Les deux navigateurs de l’énoncé</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>Which of these are browsers? A. Firefox B. Chrome C. Word</stem>
                <choices>
                  ↓<choice key="true">Both A and B are correct</choice>
                  ↓<choice>A and C only</choice>
                  <choice>Only the first one</choice>
                  <choice>Both browsers</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return item.choices.indices.compactMap { index in
            guard let field = text.choice(index), Self.isCombined(field.tokens, lexicons) else { return nil }
            return diagnostic(
                item.choices[index].location,
                "choice \(index + 1) \"\(item.choices[index].text.plain)\" combines other choices",
                help: "make the item a qcm with one choice per statement")
        }
    }

    /// Whether the tokens are a combined choice.
    static func isCombined(_ tokens: [Token], _ lexicons: Lexicons) -> Bool {
        // Up to three trailing words that only qualify the combination (« seulement », "are correct").
        var end = tokens.count
        while end > 0, tokens.count - end < 3, lexicons.kTypeSuffixes.contains(tokens[end - 1].folded) { end -= 1 }
        guard end > 0 else { return false }
        let tokens = Array(tokens[..<end])
        if lexicons.kTypePhrases.isEntry(tokens) { return true }
        var index = 0
        while index < tokens.count, index < 3, lexicons.kTypePrefixes.words.contains(tokens[index].folded) {
            index += 1
        }
        var labels = 0
        var connectors = 0
        var expectLabel = true
        while index < tokens.count {
            if expectLabel {
                guard isLabel(tokens[index].folded) else { return false }
                labels += 1
                index += 1
                expectLabel = false
            } else if let match = lexicons.kTypeConnectors.matches(in: Array(tokens[index...])).first,
                match.first == 0
            {
                connectors += 1
                index += match.last + 1
                expectLabel = true
            } else if isLabel(tokens[index].folded) {
                expectLabel = true  // "A, B et C": the comma is not a token
            } else {
                return false
            }
        }
        return labels >= 2 && connectors >= 1 && !expectLabel
    }

    private static func isLabel(_ word: String) -> Bool {
        if word.count == 1, let letter = word.first, ("a"..."h").contains(letter) { return true }
        return word.count <= 2 && word.allSatisfy(\.isNumber)
    }
}

import ItemBankModel

/// `a11y.colour-only`: an instruction that points at something by its colour alone.
struct A11yColourOnly: Rule {
    static let description = RuleDescription(
        id: "a11y.colour-only", category: .a11y, defaultSeverity: .warning,
        summary: "the stem points at something by its colour (« le bouton vert », « en rouge »)",
        rationale:
            "WCAG 2.1 success criteria 1.4.1 (use of colour) and 1.3.3 (sensory characteristics), RGAA 4.1 criterion 3.1: colour-blind and blind learners cannot follow « cliquez sur le bouton vert ». Name the thing by its label or its place as well. Reported when a colour word (Lexicons/<language>/colours.txt) comes within two words of a thing an instruction points at (colour-referents.txt: bouton, case, zone, lien, cellule…), or right after « en ».",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Dans le tableau, que contient la cellule ↓rouge ?</stem>
                <choices><choice key="true">Un total</choice><choice>Une date</choice><choice>Un nom</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Dans le tableau, que contient la cellule B4, en rouge ?</stem>
                <choices><choice key="true">Un total</choice><choice>Une date</choice><choice>Un nom</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons, let stem = text.stem else { return [] }
        let tokens = stem.tokens
        // A reference that also names the thing (« la cellule B4, en rouge ») is not colour only.
        let named = tokens.contains { token in
            token.folded.count <= 4 && token.folded.contains(where: \.isNumber)
                && token.folded.contains(where: \.isLetter)
        }
        guard !named else { return [] }
        return tokens.indices.compactMap { index in
            guard lexicons.colours.words.contains(tokens[index].folded) else { return nil }
            let window = tokens[max(0, index - 2)..<min(tokens.count, index + 3)]
            let pointed = window.contains { $0.folded != "en" && lexicons.colourReferents.words.contains($0.folded) }
            let after = index > 0 && tokens[index - 1].folded == "en" && lexicons.colourReferents.words.contains("en")
            guard pointed || after else { return nil }
            return diagnostic(
                text.location(of: tokens[index], in: stem),
                "the stem points at something by its colour (\"\(stem.text(index, index))\")",
                help: "name it by its label, text or position too")
        }
    }
}

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
        let colours = tokens.indices.filter { lexicons.colours.contains(tokens[$0].folded) }
        // A reference that also names the thing (« la cellule B4, en rouge ») is not colour only.
        guard !colours.isEmpty, !tokens.contains(where: { Self.names($0.folded) }) else { return [] }
        return colours.compactMap { index in
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

    /// Whether a word names a thing by a short code with letters and digits (B4, A1, 3e): at most 4
    /// characters, a number and a letter among them. ASCII words are read byte by byte.
    static func names(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else {
            return word.count <= 4 && word.contains(where: \.isNumber) && word.contains(where: \.isLetter)
        }
        // ASCII without CR: one character per byte; the numbers are the digits, the letters A-Z a-z.
        return utf8.count <= 4 && utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            && utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
    }
}

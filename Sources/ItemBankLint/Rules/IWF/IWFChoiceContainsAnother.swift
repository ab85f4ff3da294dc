import ItemBankModel

/// `iwf.choice-contains-another`: a choice repeats another one word for word and adds to it; a choice
/// that adds a negation (« Non chiffré » after « Chiffré ») is its opposite, not an overlap, and is left.
struct IWFChoiceContainsAnother: Rule {
    static let description = RuleDescription(
        id: "iwf.choice-contains-another", category: .iwf, defaultSeverity: .warning,
        summary: "a choice contains another choice word for word",
        rationale:
            "When one choice is another plus more words (« Firefox », « Mozilla Firefox »), they overlap: both can be right, or the longer one is the qualified, hence right, one (Haladyna, Downing & Rodriguez 2002, guideline 21: choices mutually exclusive). Words are compared as the wording rules read them (case, accents and elisions ignored); choices written wholly in <code> are left out (a query and its variant are meant to differ by a character). A longer choice whose added words negate the shorter one (a negator of Lexicons/<language>/negators.txt such as « pas », « non », « sans », « not », « never », or a negation of negations.txt such as « ne … pas ») is its opposite: opposites are mutually exclusive, the point of the guideline, and are not reported.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel logiciel est un navigateur web ?</stem>
                <choices>
                  <choice key="true">Firefox</choice>
                  ↓<choice>Firefox Send</choice>
                  <choice>Thunderbird</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quel logiciel est un navigateur web ?</stem>
                <choices>
                  <choice key="true">Firefox</choice>
                  <choice>Thunderbird</choice>
                  <choice>LibreOffice</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Que faire avant d’installer une extension de navigateur ?</stem>
                <choices>
                  <choice key="true">Vérifier les permissions demandées</choice>
                  <choice>Ne pas vérifier les permissions demandées</choice>
                  <choice>Désactiver le pare-feu</choice>
                  ↓<choice>Désactiver le pare-feu et l’antivirus</choice>
                </choices>
                """#),
            .item(
                "qcm", language: "en",
                #"""
                <stem>Which statements about this Wi-Fi network are true?</stem>
                <choices>
                  <choice key="true">Encrypted</choice>
                  <choice>Not encrypted</choice>
                  <choice key="true">Password protected</choice>
                  ↓<choice>Password protected by the router</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        let fields = item.choices.indices.map { text.choice($0) }
        let words: [[String]?] = fields.map { $0?.tokens.map(\.folded) }
        var found: [Diagnostic] = []
        for (outer, long) in words.enumerated() {
            guard let long else { continue }
            for (inner, short) in words.enumerated() where inner != outer {
                guard let short, !short.isEmpty, short.count < long.count,
                    let start = Self.position(of: short, in: long),
                    let longField = fields[outer], let shortField = fields[inner],
                    !Self.isOpposite(
                        longField.tokens, adding: start..<(start + short.count), to: shortField.tokens,
                        lexicons: lexicons)
                else {
                    continue
                }
                found.append(
                    diagnostic(
                        item.choices[outer].location,
                        "choice \(outer + 1) \"\(item.choices[outer].text.plain)\" contains choice \(inner + 1) \"\(item.choices[inner].text.plain)\"",
                        help: "make the choices mutually exclusive",
                        notes: [DiagnosticNote(location: item.choices[inner].location, message: "the shorter choice")]))
                break
            }
        }
        return found
    }

    /// Whether `short` is a contiguous part of `long`.
    static func contains(_ long: [String], _ short: [String]) -> Bool {
        position(of: short, in: long) != nil
    }

    /// Where `short` first starts as a contiguous part of `long`, nil when it is not one.
    static func position(of short: [String], in long: [String]) -> Int? {
        guard short.count <= long.count else { return nil }
        for start in 0...(long.count - short.count) where Array(long[start..<(start + short.count)]) == short {
            return start
        }
        return nil
    }

    /// Whether the longer choice negates the shorter one it contains at `span`: one of its added words
    /// is a negator, or it has more negations (« ne … pas ») than the shorter one.
    static func isOpposite(_ long: [Token], adding span: Range<Int>, to short: [Token], lexicons: Lexicons) -> Bool {
        for index in long.indices where !span.contains(index) && lexicons.negators.contains(long[index].folded) {
            return true
        }
        return lexicons.negations.matches(in: long).count > lexicons.negations.matches(in: short).count
    }
}

import ItemBankModel

/// `iwf.choice-contains-another`: a choice repeats another one word for word and adds to it.
struct IWFChoiceContainsAnother: Rule {
    static let description = RuleDescription(
        id: "iwf.choice-contains-another", category: .iwf, defaultSeverity: .warning,
        summary: "a choice contains another choice word for word",
        rationale:
            "When one choice is another plus more words (« Firefox », « Mozilla Firefox »), they overlap: both can be right, or the longer one is the qualified, hence right, one (Haladyna, Downing & Rodriguez 2002, guideline 21: choices mutually exclusive). Words are compared as the wording rules read them (case, accents and elisions ignored); choices written wholly in <code> are left out (a query and its variant are meant to differ by a character).",
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
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard text.lexicons != nil else { return [] }
        let words: [[String]?] = item.choices.indices.map { text.choice($0)?.tokens.map(\.folded) }
        var found: [Diagnostic] = []
        for (outer, long) in words.enumerated() {
            guard let long else { continue }
            for (inner, short) in words.enumerated() where inner != outer {
                guard let short, !short.isEmpty, short.count < long.count, Self.contains(long, short) else {
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
        guard short.count <= long.count else { return false }
        for start in 0...(long.count - short.count) where Array(long[start..<(start + short.count)]) == short {
            return true
        }
        return false
    }
}

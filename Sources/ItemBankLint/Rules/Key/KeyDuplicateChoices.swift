import ItemBankModel

/// `key.duplicate-choices`: two choices of an item read the same.
struct KeyDuplicateChoices: Rule {
    static let description = RuleDescription(
        id: "key.duplicate-choices", category: .key, defaultSeverity: .error,
        summary: "two choices have the same text (ignoring case and spaces)",
        rationale:
            "Identical choices confuse learners and, when one is a key and the other not, make the item impossible; Pix compares answers by choice position, so the duplicate is never noticed at runtime.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">Un mot</choice><choice>b</choice>↓<choice>un  MOT</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        var seen: [String: Choice] = [:]
        var found: [Diagnostic] = []
        for choice in item.choices {
            let key = choice.text.plain.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if let first = seen[key] {
                found.append(
                    diagnostic(
                        choice.location, "this choice repeats an earlier one: \"\(choice.text.plain)\"",
                        help: "reword or delete one of them",
                        notes: [DiagnosticNote(location: first.location, message: "first written here")]))
            } else {
                seen[key] = choice
            }
        }
        return found
    }
}

import ItemBankModel

/// `key.qcu-single-key`: a qcu has exactly one key.
struct KeyQCUSingleKey: Rule {
    static let description = RuleDescription(
        id: "key.qcu-single-key", category: .key, defaultSeverity: .error,
        summary: "a qcu does not have exactly one key",
        rationale:
            "A qcu is answered by picking one choice: with no key nobody can succeed, with two the item is a qcm scored as a qcu.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                ↓<choices><choice>a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice>↓<choice key="true">b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qcu, item.hasChoicesElement else { return [] }
        let keys = item.choices.filter(\.isKey)
        switch keys.count {
        case 1:
            return []
        case 0:
            return [
                diagnostic(
                    item.choicesLocation ?? item.location, "qcu item \(item.id) has no key",
                    help: "mark the correct choice with key=\"true\"")
            ]
        default:
            return [
                diagnostic(
                    keys[1].location, "qcu item \(item.id) has \(keys.count) keys",
                    help: "keep key=\"true\" on one choice, or make the item a qcm")
            ]
        }
    }
}

import ItemBankModel

/// `key.qcm-no-key`: a qcm has at least one key.
struct KeyQCMNoKey: Rule {
    static let description = RuleDescription(
        id: "key.qcm-no-key", category: .key, defaultSeverity: .error,
        summary: "a qcm has no key",
        rationale:
            "A qcm is right when the learner picks all and only the keys; with no key the only right answer is an empty one, which the player cannot submit.",
        examples: [
            .item(
                "qcm",
                #"""
                <stem>Q</stem>
                ↓<choices><choice>a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcm",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qcm, item.hasChoicesElement, !item.choices.contains(where: \.isKey) else { return [] }
        return [
            diagnostic(
                item.choicesLocation ?? item.location, "qcm item \(item.id) has no key",
                help: "mark the correct choices with key=\"true\"")
        ]
    }
}

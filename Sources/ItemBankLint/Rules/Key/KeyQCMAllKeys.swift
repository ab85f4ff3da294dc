import ItemBankModel

/// `key.qcm-all-keys`: a qcm where every choice is a key.
struct KeyQCMAllKeys: Rule {
    static let description = RuleDescription(
        id: "key.qcm-all-keys", category: .key, defaultSeverity: .warning,
        summary: "every choice of a qcm is a key",
        rationale:
            "With no distractor the item measures nothing: a learner who ticks everything succeeds (Haladyna, Downing & Rodriguez 2002, guideline 22: plausible distractors).",
        examples: [
            .item(
                "qcm", markRoot: true,
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice key="true">b</choice><choice key="true">c</choice></choices>
                """#),
            .item(
                "qcm",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qcm, item.choices.count >= 2, item.choices.allSatisfy(\.isKey) else { return [] }
        return [
            diagnostic(
                item.location, "every choice of qcm item \(item.id) is a key",
                help: "add distractors, or make some choices distractors")
        ]
    }
}

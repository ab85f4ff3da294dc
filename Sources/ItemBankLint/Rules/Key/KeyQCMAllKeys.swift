import ItemBankModel

/// `key.qcm-all-keys`: a qcm where every choice is a key.
struct KeyQCMAllKeys: Rule {
    static let description = RuleDescription(
        id: "key.qcm-all-keys", category: .key, defaultSeverity: .warning,
        summary: "every choice of a qcm is a key",
        rationale:
            "With no distractor the item measures nothing: a learner who ticks everything succeeds (Haladyna, Downing & Rodriguez 2002, guideline 22: plausible distractors).",
        examples: [
            RuleExample(
                #"""
                ↓<item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcm" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice key="true">b</choice><choice key="true">c</choice></choices>
                </item>
                """#),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcm" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
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

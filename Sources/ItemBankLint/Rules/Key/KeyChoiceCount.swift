import ItemBankModel

/// `key.choice-count`: a qcu or qcm has 3 to 5 choices.
struct KeyChoiceCount: Rule {
    static let description = RuleDescription(
        id: "key.choice-count", category: .key, defaultSeverity: .warning,
        summary: "a qcu or qcm has fewer than 3 or more than 5 choices",
        rationale:
            "Two choices make a coin toss (50 % by guessing); beyond five, the extra distractors are rarely plausible and only add reading time (Rodriguez 2005, three options are optimal; Haladyna et al. 2002, guideline 18).",
        examples: [
            .item(
                "qcu", markRoot: true,
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type.hasChoices, item.hasChoicesElement, !(3...5).contains(item.choices.count) else { return [] }
        let advice = item.choices.count < 3 ? "add a plausible distractor" : "keep the 3 to 5 most plausible choices"
        return [
            diagnostic(
                item.location, "\(item.type.rawValue) item \(item.id) has \(item.choices.count) choices", help: advice)
        ]
    }
}

import ItemBankModel

/// `key.choice-count`: a qcu or qcm has 3 to 5 choices.
struct KeyChoiceCount: Rule {
    static let minimum = RuleParameter(
        name: "min", defaultValue: 3, range: 2...10, meaning: "the fewest choices a qcu or qcm should have")
    static let maximum = RuleParameter(
        name: "max", defaultValue: 5, range: 2...20, meaning: "the most choices a qcu or qcm should have")

    static let description = RuleDescription(
        id: "key.choice-count", category: .key, defaultSeverity: .warning,
        summary: "a qcu or qcm has fewer than 3 or more than 5 choices",
        rationale:
            "Two choices make a coin toss (50 % by guessing); beyond five, the extra distractors are rarely plausible and only add reading time (Rodriguez 2005, three options are optimal; Haladyna et al. 2002, guideline 18). The bounds are the rule's `min` and `max`.",
        parameters: [minimum, maximum],
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
            .item(
                "qcu",
                otherFiles: [
                    ExampleFile(
                        "bank.xml",
                        #"""
                        <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                          <title>Banque d’exemple</title>
                          <framework src="framework.xml"/>
                          <items src="items"/>
                          <media src="media"/>
                          <lint>
                            <folder path="items"><rule id="key.choice-count" min="2"/></folder>
                          </lint>
                        </bank>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type.hasChoices, item.hasChoicesElement else { return [] }
        let low = Int(parameter("min", for: item.location.path, in: context))
        let high = max(low, Int(parameter("max", for: item.location.path, in: context)))
        guard !(low...high).contains(item.choices.count) else { return [] }
        let advice =
            item.choices.count < low
            ? "add a plausible distractor" : "keep the \(low) to \(high) most plausible choices"
        return [
            diagnostic(
                item.location, "\(item.type.rawValue) item \(item.id) has \(item.choices.count) choices", help: advice)
        ]
    }
}

import ItemBankModel

/// `iwf.longest-key`: the key is clearly the longest choice.
struct IWFLongestKey: Rule {
    static let ratio = RuleParameter(
        name: "threshold", defaultValue: 1.5, range: 1.1...10,
        meaning: "how many times longer than the longest distractor the shortest key must be to be reported")

    static let description = RuleDescription(
        id: "iwf.longest-key", category: .iwf, defaultSeverity: .warning,
        summary: "the key is the longest choice by a clear margin",
        rationale:
            "Item writers qualify the right answer until it is exact, and it grows longer than the distractors: test-wise learners pick the longest choice (Haladyna, Downing & Rodriguez 2002, guideline 23: keep choices about equal in length; Tarrant et al. 2006 count it among the commonest cues). Reported when the shortest key is at least `threshold` times (1.5 by default) as long as the longest distractor and 10 characters longer, in items with at least three choices.",
        parameters: [ratio],
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Pourquoi utiliser un gestionnaire de mots de passe ?</stem>
                <choices>
                  ↓<choice key="true">Pour avoir un mot de passe long et différent sur chaque site sans devoir les retenir</choice>
                  <choice>Pour aller plus vite</choice>
                  <choice>Pour ne plus en avoir</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Pourquoi utiliser un gestionnaire de mots de passe ?</stem>
                <choices>
                  <choice key="true">Pour avoir un mot de passe différent par site</choice>
                  <choice>Pour se connecter sans aucun mot de passe</choice>
                  <choice>Pour partager ses mots de passe facilement</choice>
                </choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type.hasChoices, item.choices.count >= 3 else { return [] }
        let keys = item.choices.filter(\.isKey)
        let distractors = item.choices.filter { !$0.isKey }
        guard let shortestKey = keys.min(by: { $0.text.plain.count < $1.text.plain.count }),
            let longest = distractors.map(\.text.plain.count).max(), longest > 0
        else { return [] }
        let ratio = parameter("threshold", for: item.location.path, in: context)
        let length = shortestKey.text.plain.count
        guard Double(length) >= ratio * Double(longest), length - longest >= 10 else { return [] }
        let times = (Double(length) / Double(longest) * 10).rounded() / 10
        return [
            diagnostic(
                shortestKey.location,
                "the key is \(times) times as long as the longest distractor (\(length) and \(longest) characters)",
                help: "shorten the key, or give the distractors the same precision")
        ]
    }
}

import ItemBankModel

/// `bank.calibration-low-discrimination`: an item whose discrimination a is below a threshold.
struct BankCalibrationLowDiscrimination: Rule {
    static let minimum = RuleParameter(
        name: "threshold", defaultValue: 0.3, range: 0...2,
        meaning: "the smallest discrimination a accepted")

    static let description = RuleDescription(
        id: "bank.calibration-low-discrimination", category: .bank, defaultSeverity: .warning,
        summary: "a calibration has a discrimination a below 0.3",
        rationale:
            "An item's information is a²·P·(1 − P): with a < 0.3 (logistic metric) it tells strong and weak learners apart hardly better than a coin, so the adaptive engine seldom picks it and a positioning result leans on noise when it does. A low a from a calibration usually means an ambiguous stem, a second right answer or a key error; review the item before serving it. The limit is the rule's `threshold`.",
        parameters: [minimum],
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="0.12" difficulty="0.4"/>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="0.9" difficulty="0.4"/>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let calibration = item.calibration, calibration.discrimination > 0 else { return [] }
        let limit = parameter("threshold", for: item.location.path, in: context)
        guard calibration.discrimination < limit else { return [] }
        return [
            diagnostic(
                item.calibrationLocation ?? item.location,
                "the discrimination a = \(calibration.discrimination) of item \(item.id) is below \(limit)",
                help: "review the item (ambiguous stem, second right answer, wrong key) before serving it")
        ]
    }
}

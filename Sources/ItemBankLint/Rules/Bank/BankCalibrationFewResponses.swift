import ItemBankModel

/// `bank.calibration-few-responses`: the calibration was estimated from too few responses.
struct BankCalibrationFewResponses: Rule {
    static let minimum = RuleParameter(
        name: "threshold", defaultValue: 200, range: 1...1_000_000,
        meaning: "the smallest sample size (n) of a calibration accepted")

    static let description = RuleDescription(
        id: "bank.calibration-few-responses", category: .bank, defaultSeverity: .warning,
        summary: "a calibration was estimated from fewer than 200 responses",
        rationale:
            "The standard error of a 2PL difficulty is about 1 / (a·√(n·P·Q)): below a few hundred responses an item's b is uncertain by half a logit or more, and its a by more, so the engine selects and scores with values the data barely support. The sample size is the `n` that `itembank calibrate --write` stores with the calibration; the limit is the rule's `threshold`. Collect more responses (the item stays in positioning, which does not use a and b) and recalibrate.",
        parameters: [minimum],
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="1.1" difficulty="0.4" n="45" date="2026-12-07"/>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.1" difficulty="0.4" n="1200" date="2026-12-07"/>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let calibration = item.calibration, let n = calibration.responses else { return [] }
        let limit = parameter("threshold", for: item.location.path, in: context)
        guard Double(n) < limit else { return [] }
        return [
            diagnostic(
                item.calibrationLocation ?? item.location,
                "the calibration of item \(item.id) comes from \(n) responses, fewer than \(Int(limit))",
                help: "collect more responses and recalibrate (itembank calibrate --write)")
        ]
    }
}

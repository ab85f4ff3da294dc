import ItemBankModel

/// `bank.calibration-range`: calibration values outside the usual range.
struct BankCalibrationRange: Rule {
    static let maximumDifficulty = RuleParameter(
        name: "threshold", defaultValue: 6, range: 1...20,
        meaning: "the largest difficulty |b| accepted, in logits")

    static let description = RuleDescription(
        id: "bank.calibration-range", category: .bank, defaultSeverity: .warning,
        summary: "a calibration has a discrimination a <= 0 or a difficulty |b| > 6",
        rationale:
            "In the 2PL model abilities θ lie within about -6…6 logits, so an item with |b| > 6 is too easy or too hard for every learner and gives no information; a discrimination a <= 0 means that stronger learners fail more often (the schema already refuses it in the XML; the rule guards values from other sources, as it does non-finite ones: xs:decimal has no NaN or infinity, and libxml2 refuses decimals of more than 24 digits, so no item file can hold one). Usually a typing error (-1.5 written -15). The largest |b| is the rule's `threshold`.",
        parameters: [maximumDifficulty],
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="1.2" difficulty="-15"/>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.2" difficulty="-1.5"/>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let calibration = item.calibration else { return [] }
        let limit = parameter("threshold", for: item.location.path, in: context)
        let location = item.calibrationLocation ?? item.location
        if !calibration.discrimination.isFinite || !calibration.difficulty.isFinite {
            return [diagnostic(location, "the calibration of item \(item.id) is not finite")]
        }
        if calibration.discrimination <= 0 {
            return [
                diagnostic(
                    location, "the discrimination a = \(calibration.discrimination) of item \(item.id) is not positive")
            ]
        }
        guard abs(calibration.difficulty) > limit else { return [] }
        return [
            diagnostic(
                location,
                "the difficulty b = \(calibration.difficulty) of item \(item.id) is outside -\(limit.formatted)…\(limit.formatted) logits",
                help: "check the value (a typing error?)")
        ]
    }
}

extension Double {
    /// The value without a trailing ".0".
    fileprivate var formatted: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}

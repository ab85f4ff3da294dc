import ItemBankModel

/// `bank.uncalibrated-item`: a validated item without calibration in a calibrated bank.
struct BankUncalibratedItem: Rule {
    static let share = RuleParameter(
        name: "threshold", defaultValue: 0.5, range: 0...1,
        meaning: "the share of calibrated validated items from which the uncalibrated ones are reported")

    static let description = RuleDescription(
        id: "bank.uncalibrated-item", category: .bank, defaultSeverity: .warning,
        summary: "a validated item has no calibration while most validated items have one",
        rationale:
            "The IRT (flash) engine and certification forms select and score items by their calibration (a, b): an uncalibrated item is left out of them, so it is only ever served by positioning. In a bank whose validated items are calibrated (at least `threshold`, half by default), a missing <calibration> is usually an oversight. A bank that calibrates nothing is not reported.",
        parameters: [share],
        examples: [
            .item(
                "qcu", markRoot: true,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu",
                otherFiles: [
                    .item(
                        id: "a", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.1" difficulty="-0.4"/>
                """#),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        let validated = items.indices.filter { items[$0].status == .validated }
        let calibrated = validated.filter { items[$0].calibration != nil }.count
        guard calibrated > 0, calibrated < validated.count else { return [] }
        let threshold = context.value(of: Self.share, rule: Self.description.id, for: context.manifest.location.path)
        guard Double(calibrated) >= threshold * Double(validated.count) else { return [] }
        return validated.filter { items[$0].calibration == nil }.map { index in
            diagnostic(
                items[index].location,
                "validated item \(items[index].id) has no calibration (\(calibrated) of \(validated.count) validated items have one): IRT selection and certification forms leave it out",
                help: "add <calibration discrimination=\"…\" difficulty=\"…\"/> once the item is calibrated")
        }
    }
}

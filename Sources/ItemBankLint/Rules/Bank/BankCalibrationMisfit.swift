import ItemBankModel

/// `bank.calibration-misfit`: the last calibration found the item misfitting (stored `fit` and `p`).
struct BankCalibrationMisfit: Rule {
    static let description = RuleDescription(
        id: "bank.calibration-misfit", category: .bank, defaultSeverity: .warning,
        summary: "the last calibration's item fit is outside 0.7…1.3 with p < 0.01",
        rationale:
            "`itembank calibrate --write` stores the item's infit mean square (`fit`) and its p-value (`p`) with the calibration. Above 1.3 the responses are noisier than the 2PL predicts (guessing, a trick question, a skill the item does not measure); below 0.7 they are more predictable than it (an item that depends on another). Either way the item's a and b describe it badly, and the engine's ability estimates inherit the error. Only a significant misfit (p < 0.01) is reported, so that large samples do not flag trivial deviations alone.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="1.1" difficulty="0.4" n="3000" date="2026-12-07" fit="1.48" p="0.000"/>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.1" difficulty="0.4" n="3000" date="2026-12-07" fit="1.04" p="0.210"/>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let calibration = item.calibration, let fit = calibration.fit, let p = calibration.fitP,
            fit > 1.3 || fit < 0.7, p < 0.01
        else { return [] }
        return [
            diagnostic(
                item.calibrationLocation ?? item.location,
                "item \(item.id) misfits its calibration: infit \(fit) (p = \(p)), \(fit > 1.3 ? "noisier" : "more predictable") than the 2PL predicts",
                help: "review the item; recalibrate after changing it")
        ]
    }
}

import ItemBankModel

/// `bank.calibration-level-order`: within a tube, a skill whose items are on average easier than those
/// of the tube's next lower level.
struct BankCalibrationLevelOrder: Rule {
    static let margin = RuleParameter(
        name: "margin", defaultValue: 0, range: 0...6,
        meaning: "how much easier (in logits of mean b) a level may be than the one below before it is reported")

    static let description = RuleDescription(
        id: "bank.calibration-level-order", category: .bank, defaultSeverity: .warning,
        summary: "within a tube, a level's items are on average easier than those of a lower level",
        rationale:
            "A tube's skills are steps of one ability (`@rechercheWeb1`, `@rechercheWeb2`, …): the positioning test infers the levels below from a success and the levels above from a failure, which is only right when higher levels are harder. When the mean difficulty b of a level's calibrated items is lower than that of the tube's next lower calibrated level (by more than `margin` logits, 0 by default), the levels contradict the data: one of the skills is at the wrong level, or an item is at the wrong skill. Items without calibration and archived items are not counted. The diagnostic is on the calibration of the easiest item of the higher level.",
        parameters: [margin],
        examples: [
            .item(
                "qcu", skill: "@rechercheWeb2",
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        <calibration discrimination="1.2" difficulty="0.5"/>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                ↓<calibration discrimination="1.2" difficulty="-0.8"/>
                """#),
            .item(
                "qcu", skill: "@rechercheWeb2",
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        <calibration discrimination="1.2" difficulty="-1.5"/>
                        """#)
                ],
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                <calibration discrimination="1.2" difficulty="-0.8"/>
                """#),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        // tube name → level → indices of the level's calibrated items (path order).
        var tubes: [String: [Int: [Int]]] = [:]
        for index in items.indices where items[index].status != .archived {
            guard let calibration = items[index].calibration, calibration.difficulty.isFinite,
                let path = context.skills[items[index].skill]
            else { continue }
            tubes[path.tube.name, default: [:]][path.skill.level, default: []].append(index)
        }
        var found: [Diagnostic] = []
        for tube in tubes.keys.sorted() {
            guard let levels = tubes[tube] else { continue }
            let ordered = levels.keys.sorted()
            for (lower, higher) in zip(ordered, ordered.dropFirst()) {
                let lowerItems = levels[lower] ?? []
                let higherItems = levels[higher] ?? []
                let lowerMean = mean(lowerItems, items)
                let higherMean = mean(higherItems, items)
                let margin = parameter(
                    "margin", for: items[higherItems.first ?? 0].location.path, in: context)
                guard higherMean < lowerMean - margin,
                    let easiest = higherItems.min(by: { difficulty(items[$0]) < difficulty(items[$1]) })
                else { continue }
                let item = items[easiest]
                found.append(
                    diagnostic(
                        item.calibrationLocation ?? item.location,
                        "in tube \(tube), the level-\(higher) items have a mean difficulty b = \(text(higherMean)) "
                            + "(\(higherItems.count) item(s)), below the \(text(lowerMean)) of the level-\(lower) items "
                            + "(\(lowerItems.count)): the difficulty order contradicts the levels",
                        help:
                            "check the skills' levels and the items' skills; item \(item.id) is the easiest of level \(higher)",
                        notes: [
                            DiagnosticNote(
                                location: items[lowerItems[0]].calibrationLocation ?? items[lowerItems[0]].location,
                                message: "a level-\(lower) item of tube \(tube)")
                        ]))
            }
        }
        return found
    }

    private func difficulty(_ item: Item) -> Double { item.calibration?.difficulty ?? 0 }

    private func mean(_ indices: [Int], _ items: [Item]) -> Double {
        indices.reduce(0) { $0 + difficulty(items[$1]) } / Double(max(1, indices.count))
    }

    /// A value with at most two decimals, without trailing zeros.
    private func text(_ value: Double) -> String { BankCalibrationLevelDifficulty.text(value) }
}

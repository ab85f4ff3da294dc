import ItemBankModel

/// `bank.key-position-imbalance`: the keys of unshuffled qcu items pile up at one position.
struct BankKeyPositionImbalance: Rule {
    static let share = RuleParameter(
        name: "threshold", defaultValue: 0.5, range: 0.3...1,
        meaning: "the share of unshuffled qcu items with their key at one position from which it is reported")

    /// Fewer unshuffled qcu items than this say nothing about a bias.
    static let minimumItems = 8

    static let description = RuleDescription(
        id: "bank.key-position-imbalance", category: .bank, defaultSeverity: .info,
        summary: "the keys of qcu items whose choices are not shuffled are mostly at one position",
        rationale:
            "Item writers put the key in the middle, or first, more often than chance (Attali & Bar-Hillel 2003): test-wise learners exploit it. Shuffled items are immune; among the others, the key should sit at every position. Reported on the manifest when at least 8 qcu items are not shuffled and one position holds at least `threshold` (half by default) of their keys. Advice only: shuffle the choices (shuffle=\"true\") unless their order means something.",
        parameters: [share],
        examples: [
            .manifest(
                #"""
                ↓<bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                </bank>
                """#,
                otherFiles: [
                    .item(
                        id: "q0", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q1", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q2", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q3", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q4", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q5", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q6", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice key="true">c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q7", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice>c</choice><choice key="true">d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                ]),
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                </bank>
                """#,
                otherFiles: [
                    .item(
                        id: "q0", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q1", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice key="true">b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q2", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice key="true">c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q3", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice>c</choice><choice key="true">d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q4", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice key="true">a</choice><choice>b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q5", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice key="true">b</choice><choice>c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q6", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice key="true">c</choice><choice>d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                    .item(
                        id: "q7", type: "qcu", status: "validated",
                        #"""
                        <stem>Q</stem>
                        <choices shuffle="false"><choice>a</choice><choice>b</choice><choice>c</choice><choice key="true">d</choice></choices>
                        <calibration discrimination="1.0" difficulty="0.0"/>
                        """#),
                ]),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        var counts: [Int: Int] = [:]
        var fixedCount = 0
        for index in items.indices where items[index].type == .qcu && !items[index].shufflesChoices {
            let keys = items[index].choices.indices.filter { items[index].choices[$0].isKey }
            guard keys.count == 1 else { continue }
            counts[keys[0] + 1, default: 0] += 1
            fixedCount += 1
        }
        guard fixedCount >= Self.minimumItems else { return [] }
        guard let (position, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return [] }
        let threshold = context.value(of: Self.share, rule: Self.description.id, for: context.manifest.location.path)
        guard Double(count) >= threshold * Double(fixedCount) else { return [] }
        let percent = Int((Double(count) * 100 / Double(fixedCount)).rounded())
        return [
            diagnostic(
                context.manifest.location,
                "the key is at position \(position) in \(count) of the \(fixedCount) qcu items whose choices are not shuffled (\(percent) %)",
                help: "shuffle their choices (shuffle=\"true\"), or move some keys")
        ]
    }
}

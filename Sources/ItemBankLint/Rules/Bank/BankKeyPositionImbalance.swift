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
            // Six of eight unshuffled keys first: reported on the manifest.
            .manifest("↓" + ExampleBank.manifest, otherFiles: unshuffledItems(keyPositions: [1, 1, 1, 1, 1, 1, 3, 4])),
            // Every position twice: balanced.
            .manifest(ExampleBank.manifest, otherFiles: unshuffledItems(keyPositions: [1, 2, 3, 4, 1, 2, 3, 4])),
        ])

    /// Validated qcu items `q0`, `q1`… with four unshuffled choices, the key at each given position (1–4).
    static func unshuffledItems(keyPositions: [Int]) -> [ExampleFile] {
        keyPositions.enumerated().map { index, key in
            let choices = ["a", "b", "c", "d"].enumerated().map { position, text in
                position + 1 == key ? "<choice key=\"true\">\(text)</choice>" : "<choice>\(text)</choice>"
            }
            return .item(
                id: "q\(index)", type: "qcu", status: "validated",
                """
                <stem>Q</stem>
                <choices shuffle="false">\(choices.joined())</choices>
                <calibration discrimination="1.0" difficulty="0.0"/>
                """)
        }
    }

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

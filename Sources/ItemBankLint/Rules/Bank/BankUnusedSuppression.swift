import ItemBankModel

/// `bank.unused-suppression`: an inline suppression that silences nothing. Emitted by the ``Linter``
/// once every rule has run (suppressions are applied after the bank's settings).
struct BankUnusedSuppression: Rule {
    static let description = RuleDescription(
        id: "bank.unused-suppression", category: .bank, defaultSeverity: .warning,
        summary: "an inline itembank-disable suppression silences nothing",
        rationale:
            "A suppression outlives the problem it silenced: once the item is fixed it would hide the next, unrelated problem of the same rule. Delete it (SwiftLint's superfluous_disable_command, ESLint's reportUnusedDisableDirectives).",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                ↓<?itembank-disable response.missing-blank?>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q</stem>
                <responses>
                  <?itembank-disable response.missing-blank?>
                  <response id="a"><accept>premier</accept></response>
                </responses>
                """#),
        ])
}

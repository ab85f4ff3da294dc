import ItemBankModel

/// `response.missing-blank`: the stem shows each response with a `<blank>`.
struct ResponseMissingBlank: Rule {
    static let description = RuleDescription(
        id: "response.missing-blank", category: .response, defaultSeverity: .warning,
        summary: "a response has no <blank> in the stem",
        rationale:
            "The blank places the input field in the text; without it the player appends the field after the stem, with no label to tell responses apart.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q</stem>
                <responses>↓<response id="a"><accept>premier</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a"><accept>premier</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.responses.filter { !item.stem.blanks.contains($0.id) }
            .map {
                diagnostic(
                    $0.location, "response \($0.id) is not placed in the stem",
                    help: "add <blank response=\"\($0.id)\"/> where the field goes in the stem")
            }
    }
}

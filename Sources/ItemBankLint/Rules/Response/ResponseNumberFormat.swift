import ItemBankModel

/// `response.number-format`: a `number` response accepts only numbers.
struct ResponseNumberFormat: Rule {
    static let description = RuleDescription(
        id: "response.number-format", category: .response, defaultSeverity: .error,
        summary: "a response of format number has an accepted answer that is not a number",
        rationale:
            "Pix compares number answers as numbers (\"7\" = \"7,0\" = \"07\"); a non-numeric accepted answer can never match, so the item is impossible.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="n"/></stem>
                <responses><response id="n" format="number" tolerances="t1"><accept>7,5</accept>↓<accept>sept</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="n"/></stem>
                <responses><response id="n" format="number" tolerances="t1"><accept>7,5</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.responses.flatMap { response -> [Diagnostic] in
            guard case .text(.number, _) = response.kind else { return [] }
            return response.acceptedAnswers.filter { !Self.isNumber($0.text) }.map {
                diagnostic(
                    $0.location, "accepted answer \"\($0.text)\" of number response \(response.id) is not a number",
                    help: "write a number (7, -7, 7,5, 7.5 or 12 345; no exponent), or change the format")
            }
        }
    }

    /// Whether `text` is a number of the one grammar learners and authors share (``AnswerNumber``,
    /// docs/authoring.md "Numbers").
    static func isNumber(_ text: String) -> Bool { AnswerNumber(text) != nil }
}

import ItemBankModel

/// `response.dropdown-answer-not-option`: a drop-down's accepted answers are among its options.
struct ResponseDropdownAnswerNotOption: Rule {
    static let description = RuleDescription(
        id: "response.dropdown-answer-not-option", category: .response, defaultSeverity: .error,
        summary: "a drop-down's accepted answer is not one of its options",
        rationale:
            "The learner can only pick an option, and no tolerance applies to a drop-down: an accepted answer outside the options can never be given.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><dropdown id="a"><option>pdf</option><option>mp3</option>↓<accept>PDF</accept></dropdown></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><dropdown id="a"><option>pdf</option><option>mp3</option><accept>pdf</accept></dropdown></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.responses.flatMap { response -> [Diagnostic] in
            guard case .dropdown(let options) = response.kind else { return [] }
            let texts = Set(options.map(\.text))
            return response.acceptedAnswers.filter { !texts.contains($0.text) }.map { answer in
                diagnostic(
                    answer.location, "accepted answer \"\(answer.text)\" is not an option of drop-down \(response.id)",
                    help: "options are " + options.map { "\"\($0.text)\"" }.joined(separator: ", "))
            }
        }
    }
}

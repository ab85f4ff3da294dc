import ItemBankModel

/// `response.no-accepted-answer`: every response of a qroc / qrocm-ind has an accepted answer.
struct ResponseNoAcceptedAnswer: Rule {
    static let description = RuleDescription(
        id: "response.no-accepted-answer", category: .response, defaultSeverity: .error,
        summary: "a response has no accepted answer",
        rationale:
            "A response with no accepted answer can never be right (the qrocm-dep's answers live in its groups instead).",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses>↓<response id="a"/></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a"><accept>premier</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qroc || item.type == .qrocmInd else { return [] }
        return item.responses.filter(\.acceptedAnswers.isEmpty).map { response in
            diagnostic(
                response.location, "response \(response.id) of item \(item.id) has no accepted answer",
                help: response.isDropdown ? "add <accept> with the right option" : "add at least one <accept>…</accept>"
            )
        }
    }
}

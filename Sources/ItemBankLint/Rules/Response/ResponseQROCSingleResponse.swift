import ItemBankModel

/// `response.qroc-single-response`: a qroc has exactly one response.
struct ResponseQROCSingleResponse: Rule {
    static let description = RuleDescription(
        id: "response.qroc-single-response", category: .response, defaultSeverity: .error,
        summary: "a qroc does not have exactly one response",
        rationale:
            "A qroc has one input field; several responses make it a qrocm-ind or qrocm-dep, which Pix scores differently.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/> <blank response="b"/></stem>
                <responses><response id="a"><accept>premier</accept></response>↓<response id="b"><accept>second</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a"><accept>premier</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qroc, item.hasResponsesElement, item.responses.count != 1 else { return [] }
        let location = item.responses.count > 1 ? item.responses[1].location : item.location
        return [
            diagnostic(
                location, "qroc item \(item.id) has \(item.responses.count) responses",
                help: "keep one response, or make the item a qrocm-ind (each response checked) or qrocm-dep")
        ]
    }
}

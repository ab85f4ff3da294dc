import ItemBankModel

/// `response.qrocm-dep-groups`: a qrocm-dep has at least as many groups as its required count.
struct ResponseQROCMDepGroups: Rule {
    static let description = RuleDescription(
        id: "response.qrocm-dep-groups", category: .response, defaultSeverity: .error,
        summary: "a qrocm-dep has fewer answer groups than the answers it requires",
        rationale:
            "Each right answer must match a distinct group: with fewer groups than required answers the item can never be right.",
        examples: [
            .item(
                "qrocm-dep",
                #"""
                <stem><blank response="a"/> et <blank response="b"/></stem>
                <responses><response id="a"/><response id="b"/></responses>
                ↓<groups><group><accept>xylo</accept></group></groups>
                """#),
            .item(
                "qrocm-dep",
                #"""
                <stem><blank response="a"/> et <blank response="b"/></stem>
                <responses><response id="a"/><response id="b"/></responses>
                <groups><group><accept>xylo</accept></group><group><accept>yeti</accept></group></groups>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type == .qrocmDep, let groups = item.answerGroups else { return [] }
        let required = groups.count ?? item.responses.count
        var found: [Diagnostic] = []
        if groups.groups.count < required {
            found.append(
                diagnostic(
                    groups.location,
                    "\(required) distinct right answers are required but there \(groups.groups.count == 1 ? "is 1 group" : "are \(groups.groups.count) groups")",
                    help: "add groups, or lower count"))
        }
        if required > item.responses.count {
            found.append(
                diagnostic(
                    groups.location, "count=\(required) is more than the \(item.responses.count) responses",
                    help: "set count to at most the number of responses"))
        }
        return found
    }
}

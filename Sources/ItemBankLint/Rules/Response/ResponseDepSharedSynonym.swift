import ItemBankModel

/// `response.dep-shared-synonym`: two answer groups of a qrocm-dep accept the same answer.
struct ResponseDepSharedSynonym: Rule {
    static let description = RuleDescription(
        id: "response.dep-shared-synonym", category: .response, defaultSeverity: .warning,
        summary: "two answer groups of a qrocm-dep accept the same answer (under their tolerances)",
        rationale:
            "A qrocm-dep matches each answer to a distinct group; an answer that two groups accept can count for either, so a learner may be marked right with one real answer written twice (« Chrome », « chrome ») or wrong depending on the player's matching order. Each synonym belongs to one group.",
        examples: [
            .item(
                "qrocm-dep",
                #"""
                <stem>Citez deux navigateurs : <blank response="a"/> et <blank response="b"/></stem>
                <responses><response id="a"/><response id="b"/></responses>
                <groups>
                  <group><accept>Firefox</accept><accept>Chrome</accept></group>
                  <group>↓<accept>chrome</accept><accept>Google Chrome</accept></group>
                  <group><accept>Safari</accept></group>
                </groups>
                """#),
            .item(
                "qrocm-dep",
                #"""
                <stem>Citez deux navigateurs : <blank response="a"/> et <blank response="b"/></stem>
                <responses><response id="a"/><response id="b"/></responses>
                <groups>
                  <group><accept>Firefox</accept><accept>Mozilla Firefox</accept></group>
                  <group><accept>Chrome</accept><accept>Google Chrome</accept></group>
                  <group><accept>Safari</accept></group>
                </groups>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let groups = item.answerGroups else { return [] }
        let comparison = AnswerComparison.text(groups.tolerances)
        var owner: [String: (group: Int, answer: AcceptedAnswer)] = [:]
        var found: [Diagnostic] = []
        for (index, group) in groups.groups.enumerated() {
            var mine: Set<String> = []
            for answer in group.acceptedAnswers {
                guard let key = comparison.comparedForm(answer.text) else { continue }
                if let first = owner[key], first.group != index {
                    found.append(
                        diagnostic(
                            answer.location,
                            "group \(index + 1) accepts \"\(answer.text)\", which group \(first.group + 1) accepts too (\"\(first.answer.text)\")",
                            help: "keep each synonym in one group",
                            notes: [DiagnosticNote(location: first.answer.location, message: "accepted here")]))
                } else if !mine.contains(key) {
                    mine.insert(key)
                    owner[key] = (index, answer)
                }
            }
        }
        return found
    }
}

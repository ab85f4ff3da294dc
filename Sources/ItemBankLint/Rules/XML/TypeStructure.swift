import ItemBankModel

/// `xml.type-structure`: the item's content matches its type.
struct TypeStructure: Rule {
    static let description = RuleDescription(
        id: "xml.type-structure", category: .xml, defaultSeverity: .error,
        summary: "the item's content does not match its type (choices, responses, groups)",
        rationale:
            "qcu and qcm are answered with <choices>; qroc, qrocm-ind and qrocm-dep with <responses>; only a qrocm-dep has <groups>, and it needs them.",
        examples: [
            .item(
                "qroc", markRoot: true,
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if item.type.hasChoices && !item.hasChoicesElement {
            found.append(diagnostic(item.location, "a \(item.type.rawValue) item needs <choices>, found <responses>"))
        }
        if !item.type.hasChoices && !item.hasResponsesElement {
            found.append(
                diagnostic(
                    item.location, "a \(item.type.rawValue) item needs <responses>, found <choices>",
                    help: "use type qcu or qcm for an item with choices"))
        }
        if item.type == .qrocmDep && item.answerGroups == nil {
            found.append(
                diagnostic(
                    item.location, "a qrocm-dep item needs <groups> with its accepted answers",
                    help: "add <groups><group><accept>…</accept></group>…</groups> after <responses>"))
        }
        if item.type != .qrocmDep, let groups = item.answerGroups {
            found.append(
                diagnostic(
                    groups.location, "<groups> is only for qrocm-dep items, this one is \(item.type.rawValue)",
                    help: "move the accepted answers into each <response>, or change the type to qrocm-dep"))
        }
        return found
    }
}

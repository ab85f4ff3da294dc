import ItemBankModel

/// `ref.duplicate-item-id`: item ids are unique in the bank.
struct RefDuplicateItemID: Rule {
    static let description = RuleDescription(
        id: "ref.duplicate-item-id", category: .ref, defaultSeverity: .error,
        summary: "two items have the same id",
        rationale:
            "Answers, knowledge elements and the compiled bank's index refer to items by id: a duplicate makes one of them unreachable. The diagnostic is on the item that comes second in path order (items/a.xml, then items/example.xml).",
        examples: [
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="↓a" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ]),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ]),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        // Id -> where it is first written (fields read in place: no copy of the items).
        var first: [String: SourceLocation] = [:]
        first.reserveCapacity(items.count)
        var found: [Diagnostic] = []
        for index in items.indices {
            let id = items[index].id
            if let original = first[id] {
                found.append(
                    diagnostic(
                        items[index].idLocation, "item id \(id) is already used by another item",
                        help: "give this item a new id (ids are never reused)",
                        notes: [DiagnosticNote(location: original, message: "id \(id) first used here")]
                    ))
            } else {
                first[id] = items[index].idLocation
            }
        }
        return found
    }
}

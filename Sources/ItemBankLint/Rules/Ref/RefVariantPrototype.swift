import ItemBankModel

/// `ref.variant-prototype`: a variant names an existing, validated prototype of its skill.
struct RefVariantPrototype: Rule {
    static let description = RuleDescription(
        id: "ref.variant-prototype", category: .ref, defaultSeverity: .warning,
        summary: "a variant's prototype is missing, unknown, not a prototype, of another skill, or not validated",
        rationale:
            "A variant (déclinaison) is another version of a prototype, on the same skill: Pix serves one of them per learner and retires them with their prototype. A variant without a prototype, or whose prototype is unknown, of another skill or not validated while the variant is, escapes that lifecycle. The item stays servable, hence a warning.",
        examples: [
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr" genealogy="variant" prototype="↓moteur">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr" genealogy="variant" prototype="↓moteur">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#,
                otherFiles: [
                    .item(
                        id: "moteur", type: "qcu", status: "proposed",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ]),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr" genealogy="variant" prototype="moteur">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#,
                otherFiles: [
                    .item(
                        id: "moteur", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ]),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        guard items.contains(where: { $0.genealogy == .variant || $0.prototype != nil }) else { return [] }
        var byID: [String: Int] = [:]
        for index in items.indices where byID[items[index].id] == nil { byID[items[index].id] = index }
        // Fields are read in place (items[index].field): copying whole items cost more than the checks.
        return items.indices.compactMap { index -> Diagnostic? in
            let location = items[index].prototypeLocation ?? items[index].location
            guard items[index].genealogy == .variant else {
                guard items[index].prototype != nil else { return nil }
                return diagnostic(
                    location, "item \(items[index].id) is a prototype but names a prototype",
                    help: "add genealogy=\"variant\", or delete the prototype attribute")
            }
            guard let id = items[index].prototype else {
                return diagnostic(
                    items[index].location, "variant \(items[index].id) names no prototype",
                    help: "add prototype=\"<id of the prototype>\"")
            }
            guard let prototype = byID[id] else {
                return diagnostic(
                    location, "variant \(items[index].id) names prototype \(id), which is not in the bank")
            }
            let note = [DiagnosticNote(location: items[prototype].idLocation, message: "prototype \(id)")]
            if items[prototype].genealogy != .prototype {
                return diagnostic(location, "variant \(items[index].id) names \(id), which is a variant", notes: note)
            }
            if items[prototype].skill != items[index].skill {
                return diagnostic(
                    location,
                    "variant \(items[index].id) measures \(items[index].skill) but its prototype \(id) measures \(items[prototype].skill)",
                    notes: note)
            }
            if items[index].status == .validated && items[prototype].status != .validated {
                return diagnostic(
                    location,
                    "validated variant \(items[index].id) has a prototype that is \(items[prototype].status.rawValue)",
                    help: "validate the prototype, or take the variant out of service", notes: note)
            }
            return nil
        }
    }
}

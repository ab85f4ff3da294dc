import ItemBankModel

/// `ref.inactive-skill`: a validated item measures an active skill.
struct RefInactiveSkill: Rule {
    static let description = RuleDescription(
        id: "ref.inactive-skill", category: .ref, defaultSeverity: .warning,
        summary: "a validated item measures a skill that is not active (archived, obsolete, in construction)",
        rationale:
            "Positioning only uses active skills (Pix): a validated item on an inactive skill is never served, or is scored against a skill the framework has retired. In the examples, the framework archives @rechercheWeb1.",
        examples: [
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="↓@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#, otherFiles: [ExampleFile("framework.xml", ExampleBank.archiving("@rechercheWeb1"))]),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb2" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#, otherFiles: [ExampleFile("framework.xml", ExampleBank.archiving("@rechercheWeb1"))]),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.status == .validated, let path = context.skills[item.skill], path.skill.status != .active else {
            return []
        }
        return [
            diagnostic(
                item.skillLocation,
                "validated item \(item.id) measures skill \(item.skill), which is \(path.skill.status.rawValue)",
                help: "move the item to an active skill, or archive the item")
        ]
    }
}

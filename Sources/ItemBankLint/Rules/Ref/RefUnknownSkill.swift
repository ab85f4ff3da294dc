import ItemBankModel

/// `ref.unknown-skill`: an item's skill exists in the framework.
struct RefUnknownSkill: Rule {
    static let description = RuleDescription(
        id: "ref.unknown-skill", category: .ref, defaultSeverity: .error,
        summary: "an item measures a skill the framework does not declare",
        rationale:
            "Every item measures one skill of one tube of one competence; an unknown skill means the item can never be selected or scored.",
        examples: [
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="↓@rechercheWeb6" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
            RuleExample(
                #"""
                <item xmlns="urn:itembank:item:1" id="e" skill="@rechercheWeb3" type="qcu" status="validated" xml:lang="fr">
                  <stem>Q</stem>
                  <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                </item>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let framework = context.framework, context.skills[item.skill] == nil else { return [] }
        var help = "declare it in the framework, or use one of its skills"
        if let tube = Skill.tubeName(ofSkillNamed: item.skill),
            let known = framework.tubes.first(where: { $0.name == tube })
        {
            help = "tube \(tube) has levels " + known.skills.map { String($0.level) }.joined(separator: ", ")
        } else if let tube = Skill.tubeName(ofSkillNamed: item.skill) {
            help = "no tube named \(tube) in framework \(framework.id)"
        }
        return [diagnostic(item.skillLocation, "unknown skill \(item.skill)", help: help)]
    }
}

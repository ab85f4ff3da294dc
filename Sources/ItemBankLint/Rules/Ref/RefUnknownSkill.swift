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
        return [diagnostic(item.skillLocation, "unknown skill \(item.skill)", help: Self.help(item.skill, framework))]
    }

    /// What to do: the levels of the skill's tube; for an unknown tube, the closest tube names (with
    /// the skill at the same level when they have it); otherwise the closest skill names.
    static func help(_ skill: String, _ framework: Framework) -> String {
        func levels(_ tube: Tube) -> String { tube.skills.map { String($0.level) }.joined(separator: ", ") }
        guard let tubeName = Skill.tubeName(ofSkillNamed: skill) else {
            let close = Suggestions.closest(to: skill, among: framework.skills.map(\.name))
            return Suggestions.didYouMean(close) ?? "declare it in the framework, or use one of its skills"
        }
        if let known = framework.tubes.first(where: { $0.name == tubeName }) {
            return "tube \(tubeName) has levels " + levels(known)
        }
        let level = skill.last.map(String.init) ?? ""
        let close = Suggestions.closest(to: tubeName, among: framework.tubes.map(\.name)).compactMap { name in
            framework.tubes.first { $0.name == name }
        }
        let names = close.map { tube in
            tube.skills.contains { String($0.level) == level }
                ? tube.name + level : "\(tube.name) (levels \(levels(tube)))"
        }
        let none = "no tube named \(tubeName) in framework \(framework.id)"
        return Suggestions.didYouMean(names).map { none + "; " + $0 } ?? none
    }
}

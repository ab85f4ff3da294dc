import ItemBankModel

/// `ref.inactive-skill`: a validated item measures an active skill.
struct RefInactiveSkill: Rule {
    static let description = RuleDescription(
        id: "ref.inactive-skill", category: .ref, defaultSeverity: .warning,
        summary: "a validated item measures a skill that is not active (archived, obsolete, in construction)",
        rationale:
            "Positioning only uses active skills (Pix): a validated item on an inactive skill is never served, or is scored against a skill the framework has retired."
    )

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

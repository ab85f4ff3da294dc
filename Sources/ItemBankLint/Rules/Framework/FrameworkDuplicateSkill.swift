import ItemBankModel

/// `framework.duplicate-skill`: one skill name once in the framework; one active skill per tube and level.
struct FrameworkDuplicateSkill: Rule {
    static let description = RuleDescription(
        id: "framework.duplicate-skill", category: .framework, defaultSeverity: .error,
        summary: "a skill name appears twice, or a tube has two active skills at one level",
        rationale:
            "Pix keeps one active skill version per (tube, level); items and knowledge elements refer to skills by name, so a name must be unique."
    )

    func check(framework: Framework) -> [Diagnostic] {
        var seen: [String: SourceLocation] = [:]
        var found: [Diagnostic] = []
        for tube in framework.tubes {
            var activeLevels: [Int: Skill] = [:]
            for skill in tube.skills {
                if let first = seen[skill.name] {
                    found.append(
                        diagnostic(skill.location, "skill \(skill.name) is already declared at line \(first.line)"))
                } else {
                    seen[skill.name] = skill.location
                }
                if skill.status == .active {
                    if let other = activeLevels[skill.level], other.name != skill.name {
                        found.append(
                            diagnostic(
                                skill.location,
                                "tube \(tube.name) has two active skills at level \(skill.level): \(other.name) and \(skill.name)",
                                help: "archive one of them"))
                    }
                    activeLevels[skill.level] = skill
                }
            }
        }
        return found
    }
}

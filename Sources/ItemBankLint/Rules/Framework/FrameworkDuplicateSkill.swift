import ItemBankModel

/// `framework.duplicate-skill`: one skill name once in the framework; one active skill per tube and level.
struct FrameworkDuplicateSkill: Rule {
    static let description = RuleDescription(
        id: "framework.duplicate-skill", category: .framework, defaultSeverity: .error,
        summary: "a skill name appears twice, or a tube has two active skills at one level",
        rationale:
            "Pix keeps one active skill version per (tube, level); items and knowledge elements refer to skills by name, so a name must be unique.",
        examples: [
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@web"><title>W</title>
                          <skill name="@web2" level="2"/>
                          <skill name="↓@web2" level="2"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#),
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@web"><title>W</title>
                          <skill name="@web1" level="1"/>
                          <skill name="@web2" level="2"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#),
        ])

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

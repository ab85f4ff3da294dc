import ItemBankModel

/// `framework.skill-name`: a skill is named after its tube plus its level digit.
struct FrameworkSkillName: Rule {
    static let description = RuleDescription(
        id: "framework.skill-name", category: .framework, defaultSeverity: .error,
        summary: "a skill's name is not its tube's name followed by its level",
        rationale:
            "Pix names skills tube + level (@rechercheWeb3); positioning infers along a tube by level, so a mismatched name puts the skill in the wrong place.",
        examples: [
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@web"><title>W</title>
                          <skill name="@web1" level="1"/>
                          <skill name="↓@wab2" level="2"/>
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
        framework.tubes.flatMap { tube in
            tube.skills.compactMap { skill -> Diagnostic? in
                let expected = "\(tube.name)\(skill.level)"
                guard skill.name != expected else { return nil }
                return diagnostic(
                    skill.location,
                    "skill \(skill.name) of tube \(tube.name) at level \(skill.level) should be named \(expected)",
                    help: "rename it \(expected), or fix its level")
            }
        }
    }
}

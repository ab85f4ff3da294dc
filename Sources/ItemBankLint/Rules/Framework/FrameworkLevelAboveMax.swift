import ItemBankModel

/// `framework.level-above-max`: a skill above the framework's open maximum level.
struct FrameworkLevelAboveMax: Rule {
    static let description = RuleDescription(
        id: "framework.level-above-max", category: .framework, defaultSeverity: .info,
        summary: "a skill's level is above the framework's open maximum (maxLevel)",
        rationale:
            "maxLevel is the highest level awarded today (7 at Pix, where 8 is the CRCN's theoretical maximum): a skill above it is never reached by positioning, and items on it are never served. Advice only: frameworks prepare the next level in advance.",
        examples: [
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="2" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@web"><title>W</title>
                          <skill name="@web1" level="1"/>
                          <skill name="@web2" level="2"/>
                          <skill name="↓@web3" level="3"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#),
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="3" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@web"><title>W</title>
                          <skill name="@web1" level="1"/>
                          <skill name="@web2" level="2"/>
                          <skill name="@web3" level="3"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#),
        ])

    func check(framework: Framework) -> [Diagnostic] {
        framework.skills.filter { $0.level > framework.maxLevel }.map { skill in
            diagnostic(
                skill.location,
                "skill \(skill.name) is at level \(skill.level), above the open maximum \(framework.maxLevel)",
                help: "raise maxLevel when the level opens")
        }
    }
}

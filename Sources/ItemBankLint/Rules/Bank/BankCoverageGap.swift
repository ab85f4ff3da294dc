import ItemBankModel

/// `bank.coverage-gap`: a (competence, level) cell of the framework without a validated item.
struct BankCoverageGap: Rule {
    static let description = RuleDescription(
        id: "bank.coverage-gap", category: .bank, defaultSeverity: .info,
        summary: "a competence has active skills at a level but no validated item at that level",
        rationale:
            "Positioning places a learner on each competence level by level (Pix: 8 pix per level): a level with active skills and no validated item cannot be tested, so learners at that level are placed by inference only, and certification cannot draw from it. Reported once per competence and level, on the competence; the bank's gaps are its writing plan. Advice only.",
        examples: [
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="↓1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@rechercheWeb"><title>W</title>
                          <skill name="@rechercheWeb1" level="1"/>
                          <skill name="@rechercheWeb2" level="2"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#)
                ]),
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="1.1"><title>C</title>
                      <thematic id="t"><title>T</title>
                        <tube name="@rechercheWeb"><title>W</title>
                          <skill name="@rechercheWeb1" level="1"/>
                          <skill name="@rechercheWeb2" level="2"/>
                        </tube>
                      </thematic>
                    </competence>
                  </area>
                </framework>
                """#,
                otherFiles: [
                    .item(
                        id: "a", type: "qcu",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#),
                    .item(
                        id: "b", type: "qcu", skill: "@rechercheWeb2",
                        #"""
                        <stem>Q</stem>
                        <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                        """#),
                ]),
        ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        guard let framework = context.framework else { return [] }
        var covered: Set<String> = []  // "competence#level"
        for index in items.indices where items[index].status == .validated {
            if let path = context.skills[items[index].skill] {
                covered.insert(path.competence.code + "#" + String(path.skill.level))
            }
        }
        var found: [Diagnostic] = []
        for competence in framework.competences {
            var levels: [Int: [String]] = [:]
            for tube in competence.tubes {
                for skill in tube.skills where skill.status == .active && skill.level <= framework.maxLevel {
                    levels[skill.level, default: []].append(skill.name)
                }
            }
            for level in levels.keys.sorted() where !covered.contains(competence.code + "#" + String(level)) {
                let skills = levels[level] ?? []
                found.append(
                    diagnostic(
                        competence.location,
                        "competence \(competence.code) has no validated item at level \(level) (skills \(skills.joined(separator: ", ")))",
                        help: "write an item for one of these skills"))
            }
        }
        return found
    }
}

import ItemBankModel

/// `framework.competence-code`: a competence's code is its area's code, a dot and a number.
struct FrameworkCompetenceCode: Rule {
    static let description = RuleDescription(
        id: "framework.competence-code", category: .framework, defaultSeverity: .error,
        summary: "a competence code does not start with its area's code",
        rationale:
            "CRCN codes competences area.n (1.1 … 5.2); a competence filed under another area breaks every report by area.",
        examples: [
            .framework(
                #"""
                <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
                  <title>F</title>
                  <area code="1"><title>A</title>
                    <competence code="↓2.1"><title>C</title>
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
        framework.areas.flatMap { area in
            area.competences.filter { !$0.code.hasPrefix(area.code + ".") }.map { competence in
                diagnostic(
                    competence.location, "competence \(competence.code) is inside area \(area.code)",
                    help: "number it \(area.code).n, or move it to area \(competence.code.prefix { $0 != "." })")
            }
        }
    }
}

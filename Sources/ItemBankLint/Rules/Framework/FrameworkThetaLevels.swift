import ItemBankModel

/// `framework.theta-levels`: a competence's θ table that cannot give levels (not increasing in θ, a level
/// repeated, missing, or outside 1…maxLevel, a θ that is not a finite number).
struct FrameworkThetaLevels: Rule {
    static let description = RuleDescription(
        id: "framework.theta-levels", category: .framework, defaultSeverity: .error,
        summary:
            "a competence's θ table is not strictly increasing, repeats or skips a level, has a level outside 1…maxLevel, or a θ that is not finite",
        rationale:
            "The IRT certification (Pix v3) gives each competence's level from the final ability θ through the competence's table of θ thresholds: level L from the threshold of L on. The levels must be 1, 2, … without gap or repetition, up to the open maximum level (maxLevel), and θ must rise with the level; otherwise a learner gets no level, two levels, or a lower level for more ability. Pix has shipped such tables (notes/pix-domain.md; in Pix's competence-level intervals, the level-4 interval of competence 1.2 ends below where it starts). The compiler refuses a table with any of these faults. The schema already refuses NaN and INF (θ is a decimal); the rule guards values from other sources, as bank.calibration-range does.",
        examples: [
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
                      <thetaLevels>
                        <threshold level="1" theta="-1.8"/>
                        <threshold level="2" theta="-0.9"/>
                        <threshold level="3" theta="↓-1.2"/>
                      </thetaLevels>
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
                      <thetaLevels>
                        <threshold level="1" theta="-1.8"/>
                        <threshold level="↓1" theta="-0.9"/>
                        <threshold level="2" theta="0.2"/>
                        <threshold level="3" theta="1.1"/>
                        <threshold level="↓4" theta="2.0"/>
                      </thetaLevels>
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
                      ↓<thetaLevels>
                        <threshold level="1" theta="-1.8"/>
                        <threshold level="3" theta="0.2"/>
                      </thetaLevels>
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
                      <thetaLevels>
                        <threshold level="1" theta="-1.8"/>
                        <threshold level="2" theta="-0.9"/>
                        <threshold level="3" theta="0.2"/>
                      </thetaLevels>
                    </competence>
                  </area>
                </framework>
                """#),
        ])

    func check(framework: Framework) -> [Diagnostic] {
        framework.competences.flatMap { competence -> [Diagnostic] in
            guard let table = competence.thetaLevels else { return [] }
            let code = competence.code
            return table.problems(maxLevel: framework.maxLevel).map { problem in
                switch problem {
                case .levelOutOfRange(let threshold):
                    let message =
                        threshold.level > framework.maxLevel
                        ? "competence \(code): level \(threshold.level) of the θ table is above the open maximum level \(framework.maxLevel)"
                        : "competence \(code): level \(threshold.level) of the θ table is not a level (1…\(framework.maxLevel))"
                    return diagnostic(
                        threshold.location, message,
                        help: "remove the threshold, or raise maxLevel when the level opens")
                case .duplicateLevel(let threshold, let first):
                    return diagnostic(
                        threshold.location, "competence \(code): level \(threshold.level) has a second θ threshold",
                        help: "keep one threshold per level",
                        notes: [
                            DiagnosticNote(location: first.location, message: "first threshold of level \(first.level)")
                        ])
                case .nonFiniteTheta(let threshold):
                    return diagnostic(
                        threshold.thetaLocation,
                        "competence \(code): the θ of level \(threshold.level) is not a finite number")
                case .missingLevels(let levels):
                    let list = levels.map(String.init)
                    let named =
                        list.count == 1
                        ? "level \(list[0])"
                        : "levels " + list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
                    return diagnostic(
                        table.location, "competence \(code): the θ table has no threshold for \(named)",
                        help: "give every level from 1 up to the table's highest")
                case .notIncreasing(let threshold, let lower):
                    return diagnostic(
                        threshold.thetaLocation,
                        "competence \(code): θ \(threshold.theta) of level \(threshold.level) is not above θ \(lower.theta) of level \(lower.level): more ability would give a lower level",
                        help: "each level's θ must be above the θ of every lower level")
                }
            }
        }
    }
}

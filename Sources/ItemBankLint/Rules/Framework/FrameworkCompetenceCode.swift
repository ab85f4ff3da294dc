import ItemBankModel

/// `framework.competence-code`: a competence's code is its area's code, a dot and a number.
struct FrameworkCompetenceCode: Rule {
    static let description = RuleDescription(
        id: "framework.competence-code", category: .framework, defaultSeverity: .error,
        summary: "a competence code does not start with its area's code",
        rationale:
            "CRCN codes competences area.n (1.1 … 5.2); a competence filed under another area breaks every report by area."
    )

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

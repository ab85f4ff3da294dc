import ItemBankModel

/// `response.tolerance-collision`: two accepted answers that the tolerances make identical.
struct ResponseToleranceCollision: Rule {
    static let description = RuleDescription(
        id: "response.tolerance-collision", category: .response, defaultSeverity: .info,
        summary: "two accepted answers of a response (or a group) are identical under its tolerances",
        rationale:
            "Tolerances are applied to the accepted answers as to the learner's: with t1 (case, accents, spaces), « Firefox » and « firefox » are one answer; with t2, « site: » and « site » are. The second adds nothing and suggests the tolerances are not what the author thinks (a number response compares numbers: « 7 » and « 7,0 » are one). Advice only.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Quel navigateur édite la fondation Mozilla ? <blank response="a"/></stem>
                <responses><response id="a" tolerances="t1 t2"><accept>Firefox</accept>↓<accept>firefox</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Quel navigateur édite la fondation Mozilla ? <blank response="a"/></stem>
                <responses><response id="a" tolerances="t1 t2"><accept>Firefox</accept><accept>Mozilla Firefox</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for response in item.responses {
            guard case .text(let format, let tolerances) = response.kind else { continue }
            found += collisions(response.acceptedAnswers, tolerances: tolerances, isNumber: format == .number)
        }
        if let groups = item.answerGroups {
            for group in groups.groups {
                found += collisions(group.acceptedAnswers, tolerances: groups.tolerances, isNumber: false)
            }
        }
        return found
    }

    /// The shared tolerance-collision test (``AnswerComparison/collisions(among:)``), as answer checking
    /// compares.
    private func collisions(_ answers: [AcceptedAnswer], tolerances: Tolerances, isNumber: Bool) -> [Diagnostic] {
        let texts = answers.map(\.text)
        let comparison = AnswerComparison(typedAnswers: texts, tolerances: tolerances, isNumber: isNumber)
        return comparison.collisions(among: texts).map { pair in
            let answer = answers[pair.index]
            let first = answers[pair.sameAs]
            return diagnostic(
                answer.location,
                "accepted answer \"\(answer.text)\" is the same as \"\(first.text)\" under tolerances \(tolerances.list.isEmpty ? "(none)" : tolerances.list)",
                help: "delete it",
                notes: [DiagnosticNote(location: first.location, message: "\"\(first.text)\" accepted here")])
        }
    }
}

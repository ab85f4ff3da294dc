import ItemBankModel

/// `response.t3-short-answer`: t3 on an accepted answer shorter than 4 characters forgives nothing.
/// Responses of format `number` are compared as numbers, where no tolerance applies: the rule leaves them.
struct ResponseT3ShortAnswer: Rule {
    static let description = RuleDescription(
        id: "response.t3-short-answer", category: .response, defaultSeverity: .warning,
        summary: "tolerance t3 is on, but an accepted answer of a text response is shorter than 4 characters",
        rationale:
            "t3 accepts an edit distance of at most 25 % of the answer's length: under 4 characters no typo is forgiven, so t3 promises what it cannot do (a Pix quirk noted in its content reviews). A response of format number compares numbers, where tolerances never apply: the rule does not look at it.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a">↓<accept>PDF</accept><accept>portable</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a" tolerances="t1 t2"><accept>PDF</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Combien de résultats ? <blank response="n"/></stem>
                <responses><response id="n" format="number" tolerances="t1 t2 t3"><accept>12</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Q <blank response="a"/></stem>
                <responses><response id="a" format="words" tolerances="t3">↓<accept>12</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.responses.flatMap { response -> [Diagnostic] in
            guard case .text(let format, let tolerances) = response.kind, format != .number, tolerances.contains(.t3)
            else { return [] }
            return response.acceptedAnswers.filter { $0.text.count < 4 }.map {
                diagnostic(
                    $0.location, "t3 cannot forgive a typo in \"\($0.text)\" (\($0.text.count) characters)",
                    help: "drop t3 from this response's tolerances, or accept the usual misspellings explicitly")
            }
        }
    }
}

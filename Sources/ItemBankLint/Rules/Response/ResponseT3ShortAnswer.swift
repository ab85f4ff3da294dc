import ItemBankModel

/// `response.t3-short-answer`: t3 on an accepted answer shorter than 4 characters forgives nothing.
struct ResponseT3ShortAnswer: Rule {
    static let description = RuleDescription(
        id: "response.t3-short-answer", category: .response, defaultSeverity: .warning,
        summary: "tolerance t3 is on, but an accepted answer is shorter than 4 characters",
        rationale:
            "t3 accepts an edit distance of at most 25 % of the answer's length: under 4 characters no typo is forgiven, so t3 promises what it cannot do (a Pix quirk noted in its content reviews).",
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
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.responses.flatMap { response -> [Diagnostic] in
            guard case .text(_, let tolerances) = response.kind, tolerances.contains(.t3) else { return [] }
            return response.acceptedAnswers.filter { $0.text.count < 4 }.map {
                diagnostic(
                    $0.location, "t3 cannot forgive a typo in \"\($0.text)\" (\($0.text.count) characters)",
                    help: "drop t3 from this response's tolerances, or accept the usual misspellings explicitly")
            }
        }
    }
}

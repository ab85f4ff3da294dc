import ItemBankModel

/// `response.t2-without-t1-accents`: punctuation forgiven but not accents, on accented answers.
struct ResponseT2WithoutT1Accents: Rule {
    static let description = RuleDescription(
        id: "response.t2-without-t1-accents", category: .response, defaultSeverity: .warning,
        summary: "tolerance t2 without t1 on an accepted answer with accents",
        rationale:
            "t2 forgives punctuation, t1 case, accents and spaces. With t2 and not t1, « Décodeurs » refuses « decodeurs » while « Décodeurs ! » passes: learners are failed for a keyboard without accents, not for the skill. Add t1, or accept the unaccented spelling explicitly.",
        examples: [
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Quelle rubrique du Monde vérifie les faits ? <blank response="a"/></stem>
                <responses><response id="a" tolerances="t2">↓<accept>Les Décodeurs</accept></response></responses>
                """#),
            .item(
                "qroc", skill: "@rechercheWeb2",
                #"""
                <stem>Quelle rubrique du Monde vérifie les faits ? <blank response="a"/></stem>
                <responses><response id="a" tolerances="t1 t2"><accept>Les Décodeurs</accept></response></responses>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        var lists: [([AcceptedAnswer], Tolerances)] = []
        for response in item.responses {
            if case .text(_, let tolerances) = response.kind { lists.append((response.acceptedAnswers, tolerances)) }
        }
        if let groups = item.answerGroups {
            lists += groups.groups.map { ($0.acceptedAnswers, groups.tolerances) }
        }
        return lists.compactMap { answers, tolerances in
            guard tolerances.contains(.t2), !tolerances.contains(.t1),
                let accented = answers.first(where: { AnswerNormalization.hasDiacritics($0.text) })
            else { return nil }
            return diagnostic(
                accented.location,
                "\"\(accented.text)\" has accents, and the tolerances forgive punctuation (t2) but not accents (t1)",
                help: "add t1 to the tolerances, or accept the spelling without accents too")
        }
    }
}

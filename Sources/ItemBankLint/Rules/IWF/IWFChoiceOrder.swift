import ItemBankModel

/// `iwf.choice-order`: numeric choices shown in an order that is neither ascending nor descending.
struct IWFChoiceOrder: Rule {
    static let description = RuleDescription(
        id: "iwf.choice-order", category: .iwf, defaultSeverity: .warning,
        summary: "numeric choices are not in numerical order",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 20: place choices in logical or numerical order. Numbers out of order make the learner search the list, and an irregular position can point at the key. Reported when the choices are not shuffled at delivery (no shuffle=\"true\"), there are at least three, every choice is a number of the answer grammar (`12 345`, `−7`, `0,5`) followed by the same unit or by none (`Mo`, `%`, `ans`), and the values are neither ascending nor descending. Choices with different units, or any choice that is not a number, are left alone: their logical order is for the writer to judge.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Combien de caractères compte au minimum un mot de passe robuste selon l’ANSSI ?</stem>
                <choices>
                  <choice>8</choice>
                  <choice key="true">12</choice>
                  ↓<choice>6</choice>
                  <choice>10</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Combien de caractères compte au minimum un mot de passe robuste selon l’ANSSI ?</stem>
                <choices>
                  <choice>6</choice>
                  <choice>8</choice>
                  <choice>10</choice>
                  <choice key="true">12</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Quelle est la taille maximale d’une pièce jointe sur cette messagerie ?</stem>
                <choices shuffle="true">
                  <choice>10 Mo</choice>
                  <choice key="true">25 Mo</choice>
                  <choice>5 Mo</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>How large can an attachment be on this mail service?</stem>
                <choices>
                  <choice>10 MB</choice>
                  <choice>5 MB</choice>
                  ↓<choice key="true">25 MB</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>How large can an attachment be on this mail service?</stem>
                <choices>
                  <choice>500 KB</choice>
                  <choice key="true">25 MB</choice>
                  <choice>1 GB</choice>
                  <choice>Unlimited</choice>
                </choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard item.type.hasChoices, !item.shufflesChoices, item.choices.count >= 3 else { return [] }
        var values: [Double] = []
        var unit: String?
        for choice in item.choices {
            guard let (value, choiceUnit) = Self.quantity(choice.text.plain) else { return [] }
            if let unit, unit != choiceUnit { return [] }
            unit = choiceUnit
            values.append(value)
        }
        let ascending = zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
        let descending = zip(values, values.dropFirst()).allSatisfy { $0 >= $1 }
        guard !ascending, !descending else { return [] }
        // The first choice that breaks the order the first two choices set.
        let up = values[0] <= values[1]
        let index = (1..<values.count).first { up ? values[$0] < values[$0 - 1] : values[$0] > values[$0 - 1] } ?? 1
        let shown = item.choices.map(\.text.plain).joined(separator: ", ")
        return [
            diagnostic(
                item.choices[index].location,
                "the numeric choices are not in order (\(shown)): choice \(index + 1) breaks the order",
                help: "list the choices from the smallest to the largest (or the reverse), or set shuffle=\"true\"")
        ]
    }

    /// A choice read as a number and a unit: `12`, `−7,5 %`, `25 Mo`; nil when it is not one. The unit
    /// (possibly empty) is the text after the number, at most two words of letters or symbols.
    static func quantity(_ text: String) -> (Double, String)? {
        let trimmed = text.trimmingWhitespace
        var numberEnd = trimmed.endIndex
        // The number ends where the first letter or symbol that is not part of a number begins.
        if let first = trimmed.firstIndex(where: { !($0.isNumber || " +-−,.\u{A0}\u{202F}".contains($0)) }) {
            numberEnd = first
        }
        let numberText = String(trimmed[..<numberEnd])
        let unit = String(trimmed[numberEnd...]).trimmingWhitespace
        guard let number = AnswerNumber(numberText), let value = Double(number.description) else { return nil }
        guard unit.split(separator: " ").count <= 2, !unit.contains(where: \.isNumber) else { return nil }
        return (value, unit)
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

import ItemBankModel

/// `typo.nbsp-before-punctuation`: French puts a no-break space before ; : ! and ?.
struct TypoNoBreakSpaceBeforePunctuation: Rule {
    static let description = RuleDescription(
        id: "typo.nbsp-before-punctuation", category: .typo, defaultSeverity: .warning,
        summary: "an ordinary space, or none, before ; : ! ? in French text",
        rationale:
            "French typography puts a no-break space before the high punctuation marks ; : ! ? (Lexique des règles typographiques en usage à l’Imprimerie nationale); with an ordinary space the mark can wrap alone to the next line, and without one the text reads as English. The project writes U+202F NARROW NO-BREAK SPACE (docs/authoring.md §7; U+00A0 is accepted). Checked in the prose of French items (stem, choices, solution, feedback), not in <code>, accepted answers or options. A missing space before : is reported only when a space or the end of the text follows (10:30, https:// are left alone). Fix-it: the space becomes U+202F, or one is inserted.",
        hasFixIts: true,
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Quel moteur de recherche ne trace pas ses utilisateurs↓ ?</stem>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                <solution>Réponse↓: Qwant.</solution>
                """#
            ).fixed(
                as: .item(
                    "qcu",
                    #"""
                    <stem>Quel moteur de recherche ne trace pas ses utilisateurs\#u{202F}?</stem>
                    <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                    <solution>Réponse\#u{202F}: Qwant.</solution>
                    """#)),
            .item(
                "qcu",
                #"""
                <stem>Quel moteur de recherche ne trace pas ses utilisateurs&#x202F;?</stem>
                <choices><choice key="true">Qwant</choice><choice>Google</choice><choice>Bing</choice></choices>
                <solution>Réponse&#x202F;: Qwant, vu le 10/02 à 10:30.</solution>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        var found = Findings(limit: context.diagnosticLimit)
        for (run, characters) in Typography.frenchRuns(of: item, text, marked: .highPunctuation) {
            for index in characters.indices where Self.isHighPunctuation(characters.scalars[index]) {
                let mark = characters.scalars[index]
                guard index > 0 else { continue }
                let previous = characters.scalars[index - 1]
                if Typography.isCollapsible(previous) {
                    var start = index - 1
                    while start > 0, Typography.isCollapsible(characters.scalars[start - 1]) { start -= 1 }
                    // A no-break space followed by an ordinary one is typo.double-space's finding.
                    if start > 0, Typography.isNoBreak(characters.scalars[start - 1]) { continue }
                    let spaces = characters[start..<index]
                    found.append(
                        diagnostic(
                            Typography.location(characters[start], item),
                            "ordinary space before \"\(mark)\": French typography puts a no-break space there",
                            fixIts: [
                                FixIt(
                                    message: "use a narrow no-break space (U+202F)",
                                    edits: [Typography.replace(spaces, in: run, with: "\u{202F}")])
                            ]))
                } else if !Typography.isNoBreak(previous),
                    Typography.isWord(previous) || previous == "»" || previous == ")" || previous == "’"
                {
                    let next = index + 1 < characters.count ? characters.scalars[index + 1] : nil
                    let ends =
                        next.map {
                            Typography.isCollapsible($0) || Typography.isNoBreak($0)
                                || $0 == "!" || $0 == "?" || $0 == "." || $0 == "»" || $0 == ")"
                        } ?? true
                    guard ends, mark != ":" || next.map(Typography.isCollapsible) ?? true else { continue }
                    found.append(
                        diagnostic(
                            Typography.location(characters[index], item),
                            "no space before \"\(mark)\": French typography puts a no-break space there",
                            fixIts: [
                                FixIt(
                                    message: "insert a narrow no-break space (U+202F)",
                                    edits: [Typography.insert("\u{202F}", before: characters[index])])
                            ]))
                }
            }
        }
        return found.diagnostics
    }

    /// ; : ! or ?
    private static func isHighPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ";" || scalar == ":" || scalar == "!" || scalar == "?"
    }
}

import ItemBankModel

/// `iwf.negation-in-choice`: a choice worded negatively.
struct IWFNegationInChoice: Rule {
    static let description = RuleDescription(
        id: "iwf.negation-in-choice", category: .iwf, defaultSeverity: .info,
        summary: "a choice is worded negatively (ne … pas, sauf…)",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 17 (avoid negatives) holds for choices too: a negated choice is misread, and under a negative stem it makes a double negative. Advice only: good-practice items sometimes need « Ne jamais … ». The negations are in Lexicons/<language>/negations.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Que faire d’un courriel qui demande votre mot de passe ?</stem>
                <choices>
                  <choice key="true">Le signaler comme hameçonnage</choice>
                  <choice>Y répondre en donnant le mot de passe</choice>
                  <choice>↓Ne pas le lire et le garder</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Que faire d’un courriel qui demande votre mot de passe ?</stem>
                <choices>
                  <choice key="true">Le signaler comme hameçonnage</choice>
                  <choice>Y répondre en donnant le mot de passe</choice>
                  <choice>Le garder dans la boîte de réception</choice>
                </choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return text.fields.filter { $0.part == .choice }.compactMap { field in
            guard let match = lexicons.negations.matches(in: field.tokens).first, let index = field.choice else {
                return nil
            }
            return diagnostic(
                text.location(of: field.tokens[match.first], in: field),
                "choice \(index + 1) is worded negatively (\"\(field.text(match.first, match.last))\")",
                help: "word the choice positively")
        }
    }
}

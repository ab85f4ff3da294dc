import Foundation
import ItemBankModel

/// `a11y.illustration-alt`: an illustration has a real text alternative.
struct A11yIllustrationAlt: Rule {
    static let description = RuleDescription(
        id: "a11y.illustration-alt", category: .a11y, defaultSeverity: .error,
        summary: "an illustration has an empty alt without decorative=\"true\", or a file name as alt",
        rationale:
            "WCAG 2.1 success criterion 1.1.1 (non-text content) and RGAA 4.1 criterion 1.2/1.3: a screen-reader user needs what the image shows; an empty alt is only for decorative images, and a file name is no description.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <illustration src="↓requete.svg" alt=""/>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <illustration src="requete.svg" alt="Une barre de recherche vide."/>
                <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let illustration = item.illustration else { return [] }
        let alt = illustration.alternative.trimmingCharacters(in: .whitespaces)
        if alt.isEmpty && !illustration.isDecorative {
            return [
                diagnostic(
                    illustration.location, "illustration \(illustration.source) has an empty alt",
                    help: "describe what the learner needs to see, or mark it decorative=\"true\"")
            ]
        }
        let lower = alt.lowercased()
        let fileName = illustration.source.split(separator: "/").last.map { String($0).lowercased() } ?? ""
        if lower == fileName
            || [".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"].contains(where: { lower.hasSuffix($0) })
        {
            return [
                diagnostic(
                    illustration.location, "the alt of illustration \(illustration.source) is a file name",
                    help: "describe what the image shows")
            ]
        }
        return []
    }
}

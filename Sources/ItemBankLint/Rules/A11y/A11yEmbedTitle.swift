import Foundation
import ItemBankModel

/// `a11y.embed-title`: an embed's title says what the frame holds.
struct A11yEmbedTitle: Rule {
    static let description = RuleDescription(
        id: "a11y.embed-title", category: .a11y, defaultSeverity: .warning,
        summary: "an embed's title is generic (« iframe », « simulateur ») or its URL",
        rationale:
            "WCAG 2.1 success criterion 4.1.2 and RGAA 4.1 criterion 2.2: a frame's title is how screen-reader users find and recognise it; « cadre » or a URL tells them nothing. Say what the frame holds (« Simulateur de boîte de réception »). The generic titles are in Lexicons/<language>/generic-frame-titles.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Dans le simulateur, quel courriel est un hameçonnage ?</stem>
                ↓<embed url="https://exemple.fr/boite" title="Simulateur" height="400"/>
                <choices><choice key="true">Le premier</choice><choice>Le deuxième</choice><choice>Le troisième</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Dans le simulateur, quel courriel est un hameçonnage ?</stem>
                <embed url="https://exemple.fr/boite" title="Simulateur de boîte de réception" height="400"/>
                <choices><choice key="true">Le premier</choice><choice>Le deuxième</choice><choice>Le troisième</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let embed = item.embed else { return [] }
        let title = embed.title.trimmingCharacters(in: .whitespaces)
        let generic = text.lexicons.map { $0.genericFrameTitles.isEntry($0.tokenizer.tokens(title)) } ?? false
        let isURL = title == embed.url || title.hasPrefix("http://") || title.hasPrefix("https://")
        guard generic || isURL else { return [] }
        return [
            diagnostic(
                embed.location, "the title \"\(title)\" of the embed does not say what the frame holds",
                help: "name the content: « Simulateur de boîte de réception », « Console Python en ligne »")
        ]
    }
}

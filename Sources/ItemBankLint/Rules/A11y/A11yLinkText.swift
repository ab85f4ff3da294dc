import ItemBankModel

/// `a11y.link-text`: a link's text says where it goes.
struct A11yLinkText: Rule {
    static let description = RuleDescription(
        id: "a11y.link-text", category: .a11y, defaultSeverity: .warning,
        summary: "a link's text is generic (« ici », « cliquez ici », « en savoir plus »)",
        rationale:
            "WCAG 2.1 success criterion 2.4.4 and RGAA 4.1 criterion 6.1: screen-reader users list the links of a page out of context; « ici » tells them nothing. Make the text name the destination. The generic texts are in Lexicons/<language>/generic-link-text.txt.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Lisez la charte (<a href="↓https://exemple.fr/charte">ici</a>). Qui peut la modifier ?</stem>
                <choices><choice key="true">L’éditeur</choice><choice>Les visiteurs</choice><choice>Personne</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Lisez la <a href="https://exemple.fr/charte">charte d’utilisation du site</a>. Qui peut la modifier ?</stem>
                <choices><choice key="true">L’éditeur</choice><choice>Les visiteurs</choice><choice>Personne</choice></choices>
                """#),
        ])

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard let lexicons = text.lexicons else { return [] }
        return item.links.compactMap { link in
            guard lexicons.genericLinkText.isEntry(lexicons.tokenizer.tokens(link.text)) else { return nil }
            return diagnostic(
                link.location, "the link text \"\(link.text)\" does not say where the link goes",
                help: "write the destination as the link text")
        }
    }
}

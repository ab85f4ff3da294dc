import ItemBankModel

/// `media.url-not-https`: links use https.
struct MediaURLNotHTTPS: Rule {
    static let description = RuleDescription(
        id: "media.url-not-https", category: .media, defaultSeverity: .warning,
        summary: "a link (<a href>) does not use https",
        rationale:
            "The player is served over https: an http link sends the learner to a page anyone on the network can read or alter, and browsers warn about it (or block it in a frame). Embeds must be https already (schema). Use the https address; if the site has none, link to another source.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Lisez la <a href="↓http://exemple.fr/charte">charte du site</a>. Qui peut la modifier ?</stem>
                <choices><choice key="true">L’éditeur</choice><choice>Les visiteurs</choice><choice>Personne</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Lisez la <a href="https://exemple.fr/charte">charte du site</a>. Qui peut la modifier ?</stem>
                <choices><choice key="true">L’éditeur</choice><choice>Les visiteurs</choice><choice>Personne</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        item.links.filter { !$0.url.lowercased().hasPrefix("https://") }.map { link in
            diagnostic(
                link.location,
                link.url.lowercased().hasPrefix("http://")
                    ? "link \(link.url) does not use https" : "link \(link.url) is not an absolute https URL",
                help: "write the https:// address")
        }
    }
}

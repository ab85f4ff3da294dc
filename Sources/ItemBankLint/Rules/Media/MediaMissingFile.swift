import ItemBankModel

/// `media.missing-file`: illustrations and attachments exist in the media folder.
struct MediaMissingFile: Rule {
    static let description = RuleDescription(
        id: "media.missing-file", category: .media, defaultSeverity: .error,
        summary: "an illustration or attachment names a file missing from the media folder",
        rationale:
            "The player would show a broken image or a dead download; the compiled bank records media by path.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Q</stem>
                <illustration src="↓absent.svg" alt="Une barre de recherche vide."/>
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
        var references: [(String, SourceLocation)] = []
        if let illustration = item.illustration { references.append((illustration.source, illustration.location)) }
        references += item.attachments.map { ($0.source, $0.location) }
        return references.filter { !context.mediaFiles.contains($0.0) }.map { source, location in
            guard let folder = context.mediaFolder else {
                return diagnostic(
                    location, "media file \(source) is referenced but bank.xml declares no media folder",
                    help: "add <media src=\"media\"/> to bank.xml and put the file there")
            }
            return diagnostic(
                location, "media file \(source) not found in the media folder (\(folder)/)",
                help: "add the file, or fix the path (relative to the media folder)")
        }
    }
}

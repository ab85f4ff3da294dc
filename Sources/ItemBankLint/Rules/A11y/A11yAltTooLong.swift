import ItemBankModel

/// `a11y.alt-too-long`: an illustration's alt is longer than a screen-reader user can follow.
struct A11yAltTooLong: Rule {
    static let length = RuleParameter(
        name: "threshold", defaultValue: 150, range: 50...2000,
        meaning: "the longest alt allowed, in characters")

    static let description = RuleDescription(
        id: "a11y.alt-too-long", category: .a11y, defaultSeverity: .warning,
        summary: "an illustration's alt is longer than 150 characters",
        rationale:
            "A text alternative is read aloud in one go, without navigation: past about 150 characters screen-reader users lose it (WAI images tutorial; RGAA 4.1 criterion 1.3 asks for a short and concise alternative, and criterion 1.6 for a detailed description elsewhere). Put the detail the learner needs in the stem, or in an attachment. The length is the rule's `threshold` (characters).",
        parameters: [length],
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Que montre la barre de recherche ?</stem>
                <illustration src="↓requete.svg" alt="Une barre de recherche de navigateur, blanche, arrondie, avec une loupe grise à gauche, un micro à droite, le texte d’invite « Rechercher ou saisir une adresse » et, au-dessus, six raccourcis vers des sites."/>
                <choices><choice key="true">Un champ de recherche</choice><choice>Un menu</choice><choice>Une image</choice></choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Que montre la barre de recherche ?</stem>
                <illustration src="requete.svg" alt="Une barre de recherche vide, avec une loupe."/>
                <choices><choice key="true">Un champ de recherche</choice><choice>Un menu</choice><choice>Une image</choice></choices>
                """#),
            .item(
                "qcu",
                otherFiles: [
                    ExampleFile(
                        "bank.xml",
                        #"""
                        <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                          <title>Banque d’exemple</title>
                          <framework src="framework.xml"/>
                          <items src="items"/>
                          <media src="media"/>
                          <lint><rule id="a11y.alt-too-long" threshold="300"/></lint>
                        </bank>
                        """#)
                ],
                #"""
                <stem>Que montre la barre de recherche ?</stem>
                <illustration src="requete.svg" alt="Une barre de recherche de navigateur, blanche, arrondie, avec une loupe grise à gauche, un micro à droite, le texte d’invite « Rechercher ou saisir une adresse » et, au-dessus, six raccourcis vers des sites."/>
                <choices><choice key="true">Un champ de recherche</choice><choice>Un menu</choice><choice>Une image</choice></choices>
                """#),
        ])

    func check(item: Item, context: LintContext) -> [Diagnostic] {
        guard let illustration = item.illustration, !illustration.isDecorative else { return [] }
        let limit = parameter("threshold", for: item.location.path, in: context)
        let count = illustration.alternative.count
        guard Double(count) > limit else { return [] }
        return [
            diagnostic(
                illustration.location,
                "the alt of illustration \(illustration.source) has \(count) characters, more than \(Int(limit))",
                help: "keep what the learner needs to answer; move the detail into the stem or an attachment")
        ]
    }
}

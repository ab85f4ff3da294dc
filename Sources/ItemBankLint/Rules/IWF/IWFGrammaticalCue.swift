import Foundation
import ItemBankModel

/// `iwf.grammatical-cue`: the stem ends with an article that only the key fits.
struct IWFGrammaticalCue: Rule {
    static let description = RuleDescription(
        id: "iwf.grammatical-cue", category: .iwf, defaultSeverity: .warning,
        summary: "the article ending the stem fits the key only (« l’ », « les », \"an\", \"a\")",
        rationale:
            "Haladyna, Downing & Rodriguez (2002), guideline 30 (keep choices grammatically consistent with the stem): when a stem ends with an article that agrees with the key alone, a learner finds the key by grammar. Checked in qcu items whose stem ends with the article (a sentence to complete): in French, « l’ » needs a choice starting with a vowel, « le » and « la » one starting with a consonant, « les », « des », « ces » a plural first word (ending in s or x); in English, \"an\" needs a vowel (a, e, i, o), \"a\" a consonant. A choice the rule cannot judge (starting with h, u, a digit, an acronym, an article, or a French singular ending in s) silences it: it reports only when the key fits and every distractor certainly does not. Gender (« un » / « une ») needs a dictionary and is not checked.",
        examples: [
            .item(
                "qcu",
                #"""
                <stem>Pour revoir les fichiers téléchargés, on ouvre l’</stem>
                <choices>
                  ↓<choice key="true">onglet des téléchargements</choice>
                  <choice>barre d’adresse</choice>
                  <choice>page d’accueil</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Pour retrouver une page consultée hier, on ouvre</stem>
                <choices>
                  <choice key="true">l’historique du navigateur</choice>
                  <choice>les marque-pages</choice>
                  <choice>la barre de recherche</choice>
                </choices>
                """#),
            .item(
                "qcu",
                #"""
                <stem>Pour protéger un document partagé, on modifie les</stem>
                <choices>
                  ↓<choice key="true">droits d’accès</choice>
                  <choice>format du fichier</choice>
                  <choice>police de caractères</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>To find a page you visited yesterday, you open an</stem>
                <choices>
                  ↓<choice key="true">entry of the history</choice>
                  <choice>bookmark folder</choice>
                  <choice>search bar</choice>
                </choices>
                """#),
            .item(
                "qcu", language: "en",
                #"""
                <stem>To find a page you visited yesterday, you open a</stem>
                <choices>
                  <choice key="true">history list</choice>
                  <choice>bookmark folder</choice>
                  <choice>unread message</choice>
                </choices>
                """#),
        ])

    /// What the article ending the stem asks of the choice's first word.
    enum Agreement {
        case vowel, consonant, plural
    }

    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        guard item.type == .qcu, item.choices.count >= 3, let lexicons = text.lexicons, let stem = text.stem,
            let last = stem.tokens.indices.last, item.choices.filter(\.isKey).count == 1,
            let keyIndex = item.choices.firstIndex(where: \.isKey)
        else { return [] }
        // The stem must end with the article: nothing but spaces (or an ellipsis) after it.
        let tail = stem.characters[stem.tokens[last].end...].map(\.scalar)
        guard tail.allSatisfy({ $0.properties.isWhitespace || "….’'".unicodeScalars.contains($0) }) else {
            return []
        }
        let article =
            stem.text(last, last).lowercased()
            + (tail.first == "’" || tail.first == "'" ? "’" : "")
        let french = lexicons.language == .fr
        let agreement: Agreement
        switch (french, article) {
        case (true, "l’"): agreement = .vowel
        case (true, "le"), (true, "la"): agreement = .consonant
        case (true, "les"), (true, "des"), (true, "ces"): agreement = .plural
        case (false, "an"): agreement = .vowel
        case (false, "a"): agreement = .consonant
        default: return []
        }
        var keyFits = false
        for index in item.choices.indices {
            guard let field = text.choice(index), !field.tokens.isEmpty,
                let fits = Self.fits(field.text(0, 0), agreement, french: french)
            else { return [] }
            if index == keyIndex {
                keyFits = fits
            } else if fits {
                return []
            }
        }
        guard keyFits else { return [] }
        let choice = item.choices[keyIndex]
        return [
            diagnostic(
                choice.location,
                "the stem ends with \"\(article)\", which fits the key only: the article points at the key",
                help: "end the stem before the article and put the article in each choice, or make every choice fit it")
        ]
    }

    /// Whether a choice whose first word is `word` fits the article; nil when the rule cannot tell.
    static func fits(_ word: String, _ agreement: Agreement, french: Bool) -> Bool? {
        guard let first = word.first, first.isLetter else { return nil }
        let folded = word.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let articles: Set<String> =
            french
            ? ["le", "la", "les", "l’", "l'", "l", "un", "une", "des", "du", "ces", "ce", "cet", "cette"]
            : ["a", "an", "the"]
        if articles.contains(folded) { return nil }
        // Acronyms ("URL", "SMS") are read by their letters' names: leave them alone.
        if word.count > 1, word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return nil }
        guard let initial = folded.first else { return nil }
        switch agreement {
        case .vowel, .consonant:
            if initial == "h" || initial == "u" { return nil }
            let vowel = (french ? "aeioy" : "aeio").contains(initial)
            if !french, initial == "y" { return agreement == .consonant }
            return agreement == .vowel ? vowel : !vowel
        case .plural:
            return folded.hasSuffix("s") || folded.hasSuffix("x")
        }
    }
}

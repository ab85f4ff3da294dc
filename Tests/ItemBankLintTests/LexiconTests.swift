import Foundation
import ItemBankModel
import ItemBankTestSupport
import Testing

@testable import ItemBankLint

@Suite("Lexicons and French tokenization")
struct LexiconTests {
    @Test(
        "the lexicons built into the tool are the files of Lexicons/ (run Scripts/embed-lexicons.sh after editing one)")
    func embeddedLexiconsInSync() throws {
        let folder = repositoryRoot + "/Lexicons"
        var onDisk: [String] = []
        for language in TextLanguage.allCases {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/" + language.rawValue)
            where name.hasSuffix(".txt") {
                onDisk.append(language.rawValue + "/" + name)
            }
        }
        #expect(EmbeddedLexicons.files.map(\.name) == onDisk.sorted())
        for file in EmbeddedLexicons.files {
            let text = try String(contentsOfFile: folder + "/" + file.name, encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == file.content, "\(file.name) differs")
        }
        for language in TextLanguage.allCases {
            let names = Set(
                EmbeddedLexicons.files.filter { $0.name.hasPrefix(language.rawValue + "/") }.map {
                    String($0.name.dropFirst(3).dropLast(4))
                })
            #expect(names == Set(Lexicons.fileNames), "\(language.rawValue)")
        }
    }

    @Test("xml:lang picks the lexicons: fr*, en*, nothing else")
    func languages() {
        #expect(TextLanguage(tag: "fr-FR") == .fr)
        #expect(TextLanguage(tag: "fr") == .fr)
        #expect(TextLanguage(tag: "FR-be") == .fr)
        #expect(TextLanguage(tag: "en-GB") == .en)
        #expect(TextLanguage(tag: "de") == nil)
        #expect(TextLanguage(tag: "french") == nil)
        #expect(Lexicons.forTag("fr-FR")?.language == .fr)
        #expect(Lexicons.forTag("nl-BE") == nil)
    }

    @Test("French elisions are split off and read as their full word; case and accents are folded")
    func frenchTokens() {
        let tokenizer = Lexicons.builtIn(.fr).tokenizer
        #expect(
            tokenizer.tokens("L’exception d'un qu’il n’EST").map(\.folded) == [
                "le", "exception", "de", "un", "que", "il", "ne", "est",
            ])
        #expect(
            tokenizer.tokens("Aujourd’hui, peut-être : c’est-à-dire").map(\.folded) == [
                "aujourd'hui", "peut-etre", "ce", "est-a-dire",
            ])
        #expect(tokenizer.tokens("À L'EXCEPTION DE Œuvre").map(\.folded) == ["a", "le", "exception", "de", "oeuvre"])
        // Sentences end at . ! ? … unless a letter or digit follows; a question's tokens know it.
        let sentences = tokenizer.tokens("La formule NB.SI vaut 3.5. Laquelle ? Non")
        #expect(sentences.map(\.folded) == ["la", "formule", "nb", "si", "vaut", "3", "5", "laquelle", "non"])
        #expect(sentences.map(\.sentence) == [0, 0, 0, 0, 0, 0, 0, 1, 2])
        #expect(sentences.map(\.inQuestion) == [false, false, false, false, false, false, false, true, false])
        // The token knows its characters: « qu’ » is two letters and the apostrophe.
        let tokens = tokenizer.tokens("qu’il")
        #expect(tokens.map { [$0.start, $0.end] } == [[0, 3], [3, 5]])
    }

    @Test("English contractions: n't is not")
    func englishTokens() {
        let tokenizer = Lexicons.builtIn(.en).tokenizer
        #expect(
            tokenizer.tokens("Don't choose what isn't right").map(\.folded) == [
                "do", "not", "choose", "what", "is", "not", "right",
            ])
        #expect(tokenizer.tokens("it's").map(\.folded) == ["it's"])
    }

    @Test("phrases with a gap match up to three words, inside one clause")
    func gaps() {
        let french = Lexicons.builtIn(.fr)
        func negations(_ text: String) -> [String] {
            let tokens = french.tokenizer.tokens(text)
            return french.negations.matches(in: tokens).map { match in
                match.tokens.map { tokens[$0].folded }.joined(separator: " ")
            }
        }
        #expect(negations("Ce n’est vraiment pas un moteur") == ["ne pas"])
        #expect(negations("Il ne le leur dit pas") == ["ne pas"])
        #expect(negations("Il ne le leur a dit pas") == [])  // four words between
        #expect(negations("Il ne démarre plus : aucun voyant") == ["ne plus"])
        #expect(negations("Tous, à l’exception de Paul") == ["a le exception de"])
        #expect(negations("Il ne démarre : pas de voyant") == [])
        #expect(french.allNoneOfTheAbove.isEntry(french.tokenizer.tokens("Aucune de ces réponses")))
        #expect(!french.allNoneOfTheAbove.isEntry(french.tokenizer.tokens("Aucune de ces réponses, sauf une")))
    }

    @Test("combined (K-type) choices")
    func kType() {
        let french = Lexicons.builtIn(.fr)
        func combined(_ text: String) -> Bool {
            IWFKTypeChoices.isCombined(french.tokenizer.tokens(text), french)
        }
        #expect(combined("A et B"))
        #expect(combined("Les réponses 1, 2 et 4"))
        #expect(combined("les deux"))
        #expect(combined("a ou c"))
        #expect(!combined("A seulement"))
        #expect(!combined("Firefox et Chrome"))
        #expect(!combined("A B"))
    }

    @Test("accepted answers under tolerances: t1 folds case, accents and spaces; t2 drops punctuation")
    func answerKeys() {
        #expect(AnswerComparison.text(.t1).comparedForm("Mozilla  Firefox") == "mozillafirefox")
        #expect(AnswerComparison.text([.t1, .t2]).comparedForm("Décodeurs") == "decodeurs")
        #expect(AnswerComparison.text(.t2).comparedForm("site:") == "site")
        #expect(AnswerComparison.text(.t2).comparedForm("Site") == "Site")
        #expect(AnswerComparison.number.comparedForm("7,0") == AnswerComparison.number.comparedForm("07"))
        #expect(AnswerNormalization.hasDiacritics("Décodeurs"))
        #expect(!AnswerNormalization.hasDiacritics("Decodeurs"))
    }
}

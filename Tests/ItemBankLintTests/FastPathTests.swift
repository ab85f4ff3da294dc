import ItemBankModel
import Testing

@testable import ItemBankLint

/// The linter's fast paths (tables, byte-level tests) against the plain code they replaced, on tricky
/// and random text: they must give the same results, character for character.
@Suite("Lint fast paths give the results of the plain code")
struct FastPathTests {
    /// Scalars that exercise the edge cases: ASCII, Latin letters with and without a fold, combining
    /// marks, spaces of every kind, apostrophes, hyphens, sentence ends, İ (lower case of two scalars),
    /// the Kelvin sign (canonically K), Greek sigma, a ligature, astral scalars, CR and LF.
    static let alphabet: [Unicode.Scalar] =
        Array(
            "aAzZ09 eéÉèçÇœŒæßøðþıİĳǅǄǆ\u{212A}kK\u{0301}\u{0307}\u{00A0}\u{202F}\u{2009}\u{0085}\u{2028}\t\r\n"
                .unicodeScalars)
        + Array("'’ʼ-‐‑.!?…:;,«»\"()ΣσςΟΔΟΣﬁ📁\u{200D}\u{00AD}Ωω".unicodeScalars)

    /// Deterministic random strings over ``alphabet`` (SplitMix64), lengths 0 to 24.
    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 25) { text.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
            return String(text)
        }
    }

    static let samples: [String] =
        [
            "", " ", "L’exception d'un qu’il n’EST", "Aujourd’hui, peut-être : c’est-à-dire", "don't can't won’t",
            "ÀÉÎÕÜ Œuvre ÆSIR straße İstanbul", "cafe\u{0301} café", "ΟΔΟΣ σίσυφος", "\u{212A}elvin", "a \u{0301}b",
            "NB.SI vaut 3.5. Laquelle ? Non", "l'\u{2019}x", "jusqu'à lorsqu’il", "A\u{00A0} B\u{202F}C",
        ] + randomStrings(count: 3000, seed: 42)

    @Test("the tokenizer gives the tokens of the scalar-by-scalar String version, French and English")
    func tokenizer() {
        for language in TextLanguage.allCases {
            let tokenizer = Lexicons.builtIn(language).tokenizer
            for text in Self.samples {
                let scalars = Array(text.unicodeScalars)
                let tokens = tokenizer.tokens(scalars)
                let reference = ReferenceTokenizer(tokenizer).tokens(scalars)
                #expect(tokens == reference, "\(text.debugDescription)")
                #expect(tokens.map { Array($0.folded.utf8) } == reference.map { Array($0.folded.utf8) })
            }
        }
    }

    @Test("the fold table holds Tokenizer.fold and isWordScalar of every scalar below U+0250")
    func foldTable() {
        let table = Tokenizer.latin
        for value in 0..<FoldTable.limit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var buffer = FoldBuffer()
            table.fold(scalar, into: &buffer)
            #expect(buffer.string == Tokenizer.fold(scalar), "U+\(String(value, radix: 16))")
            #expect(buffer.scalarCount == Tokenizer.fold(scalar).unicodeScalars.count)
            #expect(table.isWord(scalar) == Tokenizer.isWordScalar(scalar))
        }
        // İ folds to two scalars (i and U+0307), œ to two letters.
        var buffer = FoldBuffer()
        table.fold("İ", into: &buffer)
        table.fold("œ", into: &buffer)
        #expect(buffer.string == "i\u{0307}oe")
        #expect(buffer.scalarCount == 4)
    }

    @Test("key.duplicate-choices compares choices as lowercased().split(whereSeparator: \\.isWhitespace)")
    func choiceKey() {
        for text in Self.samples {
            let reference = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(KeyDuplicateChoices.key(text) == reference, "\(text.debugDescription)")
            #expect(Array(KeyDuplicateChoices.key(text).utf8) == Array(reference.utf8))
        }
        #expect(KeyDuplicateChoices.key("  Un \t MOT\r\n") == "un mot")
        #expect(KeyDuplicateChoices.key("İSTANBUL") == "i\u{0307}stanbul")
    }

    @Test("accepted answers are compared as answer checking compares them (AnswerComparison)")
    func answerKeys() {
        #expect(AnswerComparison.text([.t1, .t2]).comparedForm(" Réseau\u{00A0}Wi-Fi ") == "reseauwifi")
    }

    @Test("the word filter never rules out a word of its set, nor a canonically equal one")
    func wordFilter() {
        let words = ["sauf", "ne", "hormis", "a"]
        let filter = WordFilter(words)
        #expect(filter.isExact)
        for word in words { #expect(filter.mayContain(word)) }
        #expect(filter.mayContain("saut"))  // first byte and length of "sauf": left to the lookup
        #expect(filter.mayContain("a\u{0300}"))  // not ASCII: left to the lookup
        #expect(!filter.mayContain("zebre"))
        #expect(!filter.mayContain("nez"))
        // A set with a word that is not ASCII sends every token to the lookup (U+212A is canonically K).
        let kelvin = WordFilter(["\u{212A}", "sauf"])
        #expect(!kelvin.isExact)
        #expect(kelvin.mayContain("K"))
        #expect(kelvin.mayContain("zebre"))
        // The built-in lexicons are ASCII once folded, so their filters rule tokens out.
        for language in TextLanguage.allCases {
            let lexicons = Lexicons.builtIn(language)
            let all = [
                lexicons.negations, lexicons.absoluteTerms, lexicons.vagueTerms, lexicons.allNoneOfTheAbove,
                lexicons.trueFalse, lexicons.kTypeConnectors, lexicons.kTypePhrases, lexicons.kTypePrefixes,
                lexicons.colours, lexicons.colourReferents, lexicons.genericLinkText, lexicons.genericFrameTitles,
                lexicons.choiceQuestions, lexicons.choiceInstructions,
            ]
            #expect(all.allSatisfy { $0.hasExactFilters }, "\(language.rawValue)")
        }
        let negations = Lexicons.builtIn(.fr).negations
        #expect(negations.contains("sauf"))
        #expect(!negations.contains("souris"))
    }

    @Test("typography marks are set by the characters each typo rule needs")
    func typographyMarks() {
        func marks(_ text: String) -> TypographyMarks {
            TypographyMarks(
                TextCharacters(
                    text.unicodeScalars.enumerated().map {
                        TextCharacter(scalar: $0.element, offset: $0.offset, length: 1)
                    }))
        }
        #expect(marks("Bonjour tout le monde") == [])
        #expect(marks("a\u{00A0}b") == [.noBreakSpace])
        #expect(marks("Quoi ?") == [.highPunctuation])
        #expect(marks("« a »") == [.guillemet])
        #expect(marks("l'a") == [.straightApostrophe])
        #expect(marks("\"a\"") == [.straightQuote])
        #expect(marks("a.. b.") == [])
        #expect(marks("a...") == [.dots])
        #expect(marks("a , b") == [.spaceBeforeCommaOrDot])
        #expect(marks("a\u{202F}.") == [.noBreakSpace, .spaceBeforeCommaOrDot])
    }

    @Test("colour-only's short codes: ASCII words read byte by byte, others as characters")
    func shortCodes() {
        for word in ["b4", "a1", "3e", "cellule", "12", "ab", "b42x", "b42xy", "é4", "4é", "ⅻ4a", "b\u{0301}4"] {
            let reference = word.count <= 4 && word.contains(where: \.isNumber) && word.contains(where: \.isLetter)
            #expect(A11yColourOnly.names(word) == reference, "\(word)")
        }
    }
}

/// The tokenizer as first written: the folded word kept as a `String.UnicodeScalarView`, each scalar
/// asked of `Tokenizer.isWordScalar` and `Tokenizer.fold`.
private struct ReferenceTokenizer {
    var language: TextLanguage
    var elisions: [String: String]

    init(_ tokenizer: Tokenizer) {
        language = tokenizer.language
        elisions = tokenizer.elisions
    }

    func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var start: Int?
        var folded = String.UnicodeScalarView()
        var index = 0
        var sentence = 0
        var clause = 0
        func append(_ word: String, _ begin: Int, _ end: Int) {
            tokens.append(Token(folded: word, start: begin, end: end, sentence: sentence, clause: clause))
        }
        func finish(at end: Int) {
            if let begin = start, !folded.isEmpty { append(String(folded), begin, end) }
            start = nil
            folded = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if Tokenizer.isWordScalar(scalar) {
                if start == nil { start = index }
                folded.append(contentsOf: Tokenizer.fold(scalar).unicodeScalars)
            } else if Tokenizer.isApostrophe(scalar), let begin = start, index + 1 < scalars.count,
                Tokenizer.isWordScalar(scalars[index + 1])
            {
                if language == .fr, folded.count <= 7, let word = elisions[String(folded)] {
                    append(word, begin, index + 1)
                    start = nil
                    folded = String.UnicodeScalarView()
                } else if language == .en, folded.last == "n", index + 1 < scalars.count,
                    Tokenizer.fold(scalars[index + 1]) == "t",
                    index + 2 >= scalars.count || !Tokenizer.isWordScalar(scalars[index + 2]),
                    let word = elisions["n't"]
                {
                    folded.removeLast()
                    if !folded.isEmpty { append(String(folded), begin, index - 1) }
                    append(word, index - 1, index + 2)
                    start = nil
                    folded = String.UnicodeScalarView()
                    index += 2
                    continue
                } else {
                    folded.append("'")
                }
            } else if Tokenizer.isHyphen(scalar), start != nil, index + 1 < scalars.count,
                Tokenizer.isWordScalar(scalars[index + 1])
            {
                folded.append("-")
            } else {
                finish(at: index)
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if Tokenizer.endsSentence(scalar), next.map({ !Tokenizer.isWordScalar($0) }) ?? true {
                    if scalar == "?" {
                        var back = tokens.count - 1
                        while back >= 0, tokens[back].sentence == sentence {
                            tokens[back].inQuestion = true
                            back -= 1
                        }
                    }
                    sentence += 1
                    clause += 1
                } else if scalar == ":" || scalar == ";" {
                    clause += 1
                }
            }
            index += 1
        }
        finish(at: scalars.count)
        return tokens
    }
}

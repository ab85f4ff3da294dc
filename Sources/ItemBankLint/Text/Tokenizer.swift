/// The languages whose wording the lint rules know. An item's `xml:lang` picks one: `fr`, `fr-FR`,
/// `fr-BE` → ``fr``; `en`, `en-GB` → ``en``; anything else → none (the wording rules stay silent).
public enum TextLanguage: String, Hashable, Sendable, CaseIterable {
    case fr
    case en

    /// The language of a BCP 47 tag, nil when it is neither French nor English.
    public init?(tag: String) {
        let primary = tag.prefix { $0 != "-" && $0 != "_" }.lowercased()
        guard let value = TextLanguage(rawValue: primary) else { return nil }
        self = value
    }
}

/// A word of a text: its comparison form and the range of characters it was read from.
///
/// Stored in 32 bytes (32-bit indexes: a field has at most 8 Mi characters, its file's size limit; the
/// question flag in the sentence's top bit), as the linter holds one per word of an item's prose.
public struct Token: Hashable, Sendable {
    /// Lower case, without diacritics; an elided French form is its full word (`l’` → `le`, `qu’` →
    /// `que`, `n’` → `ne`); an English `n't` is `not`.
    public var folded: String
    private var storedStart: Int32
    private var storedEnd: Int32
    /// The sentence (bits 0–30) and whether it is a question (bit 31).
    private var storedSentence: UInt32
    private var storedClause: Int32

    private static let questionBit: UInt32 = 1 << 31

    /// Whether the token's sentence is a question (it ends with ?).
    public var inQuestion: Bool {
        get { storedSentence & Self.questionBit != 0 }
        set {
            storedSentence = newValue ? storedSentence | Self.questionBit : storedSentence & ~Self.questionBit
        }
    }

    /// Index of the token's first character in the tokenized sequence.
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(clamping: newValue) }
    }
    /// Index just past its last character.
    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(clamping: newValue) }
    }
    /// The sentence the token is in (0-based; sentences end with . ! ? …).
    public var sentence: Int {
        get { Int(storedSentence & ~Self.questionBit) }
        set {
            storedSentence =
                UInt32(clamping: min(max(newValue, 0), Int(Int32.max))) | (storedSentence & Self.questionBit)
        }
    }
    /// The clause the token is in (0-based; clauses end with . ! ? … : ;): a phrase of a lexicon is
    /// matched inside one clause.
    public var clause: Int {
        get { Int(storedClause) }
        set { storedClause = Int32(clamping: newValue) }
    }

    /// Indexes beyond `Int32.max` are clamped (the reader refuses files over 8 MiB).
    public init(folded: String, start: Int, end: Int, sentence: Int = 0, clause: Int = 0, inQuestion: Bool = false) {
        self.folded = folded
        self.storedStart = Int32(clamping: start)
        self.storedEnd = Int32(clamping: end)
        self.storedSentence = UInt32(clamping: min(max(sentence, 0), Int(Int32.max)))
        self.storedClause = Int32(clamping: clause)
        self.inQuestion = inQuestion
    }
}

/// Splits text into words the way French and English readers do.
///
/// A word is a run of letters, digits and combining marks; a hyphen between two letters stays inside
/// the word (`peut-être`, `c’est-à-dire`). An apostrophe (`'`, `’` U+2019, `ʼ` U+02BC) after a French
/// elided form (`l`, `d`, `qu`, `n`, `jusqu`…, listed in `Lexicons/fr/elisions.txt`) ends that form,
/// which becomes its own token; elsewhere it stays inside the word (`aujourd’hui`). In English, `n't`
/// becomes the token `not` (`don't` → `do`, `not`).
public struct Tokenizer: Sendable {
    public var language: TextLanguage
    /// Elided form -> full word (French), or contraction suffix -> word (English).
    public var elisions: [String: String]

    public init(language: TextLanguage, elisions: [String: String]) {
        self.language = language
        self.elisions = elisions
    }

    /// The tokens of a sequence of characters.
    public func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        // At most one token per two characters in practice (`l'a l'a`): reserving it up front avoids
        // the doubling copies that made a long text's peak memory twice its tokens.
        tokens.reserveCapacity(scalars.count / 2 + 1)
        let latin = Tokenizer.latin
        var start: Int?
        // The folded form of the word being read, as UTF-8 bytes (one String per token, made at its end).
        var folded = FoldBuffer()
        var index = 0
        var sentence = 0
        var clause = 0
        func append(_ word: String, _ begin: Int, _ end: Int) {
            tokens.append(Token(folded: word, start: begin, end: end, sentence: sentence, clause: clause))
        }
        func finish(at end: Int) {
            if let begin = start, !folded.isEmpty { append(folded.string, begin, end) }
            start = nil
            folded.removeAll()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if latin.isWord(scalar) {
                if start == nil { start = index }
                latin.fold(scalar, into: &folded)
            } else if Tokenizer.isApostrophe(scalar), let begin = start, index + 1 < scalars.count,
                latin.isWord(scalars[index + 1])
            {
                if language == .fr, folded.scalarCount <= 7, let word = elisions[folded.string] {
                    append(word, begin, index + 1)
                    start = nil
                    folded.removeAll()
                } else if language == .en, folded.lastByte == UInt8(ascii: "n"), index + 1 < scalars.count,
                    Tokenizer.fold(scalars[index + 1]) == "t",
                    index + 2 >= scalars.count || !latin.isWord(scalars[index + 2]),
                    let word = elisions["n't"]
                {
                    folded.removeLastASCII()
                    if !folded.isEmpty { append(folded.string, begin, index - 1) }
                    append(word, index - 1, index + 2)
                    start = nil
                    folded.removeAll()
                    index += 2
                    continue
                } else {
                    folded.appendASCII(UInt8(ascii: "'"))
                }
            } else if Tokenizer.isHyphen(scalar), start != nil, index + 1 < scalars.count,
                latin.isWord(scalars[index + 1])
            {
                folded.appendASCII(UInt8(ascii: "-"))
            } else {
                finish(at: index)
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if Tokenizer.endsSentence(scalar), next.map({ !latin.isWord($0) }) ?? true {
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

    /// The tokens of a plain string (lexicon entries, choice texts).
    public func tokens(_ text: String) -> [Token] {
        tokens(Array(text.unicodeScalars))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x61 && value <= 0x7A)
        }
        // Latin-1 letters and Latin Extended-A/B (French and English accents): no property lookup.
        if value >= 0xC0 && value <= 0x24F { return value != 0xD7 && value != 0xF7 }
        if value >= 0x2000 && value <= 0x206F { return false }  // spaces, dashes, quotes, ellipsis
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark
    }

    /// . ! ? and … end a sentence when no letter or digit follows (« NB.SI », « 3.5 » go on).
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?" || scalar == "…"
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2011}" || scalar == "\u{2010}"
    }

    /// Lower case without diacritics (é → e, Ç → c, œ → oe); combining marks fold to nothing.
    static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII {
            let value = scalar.value
            if value >= 0x41 && value <= 0x5A { return String(Unicode.Scalar(value + 0x20) ?? scalar) }
            return String(scalar)
        }
        if scalar.properties.generalCategory == .nonspacingMark { return "" }
        if let folded = foldTable[scalar] { return folded }
        // Other letters are compared lower-cased, diacritics kept (the table covers French and English).
        return String(scalar).lowercased()
    }

    private static let foldTable: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àâäáãåÀÂÄÁÃÅ", "a"), ("çÇ", "c"), ("éèêëÉÈÊË", "e"), ("îïíìÎÏÍÌ", "i"), ("ôöóòõÔÖÓÒÕ", "o"),
            ("ùûüúÙÛÜÚ", "u"), ("ÿýŸÝ", "y"), ("ñÑ", "n"),
        ]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = base }
        }
        table["œ"] = "oe"
        table["Œ"] = "oe"
        table["æ"] = "ae"
        table["Æ"] = "ae"
        return table
    }()
}

import Foundation

/// A word list of `Lexicons/<language>/<name>.txt`: words and phrases, matched on tokens.
///
/// An entry is tokenized like item text; `…` in an entry matches up to ``maximumGap`` words
/// (`ne … pas` matches « n’est vraiment pas »).
public struct Lexicon: Sendable {
    enum Part: Hashable, Sendable {
        case word(String)
        case gap
    }

    /// Words a `…` may skip.
    public static let maximumGap = 3

    let entries: [[Part]]
    /// Entry indices by their first word.
    private let byFirstWord: [String: [Int]]
    /// Rules out most tokens before a lookup in ``byFirstWord``.
    private let firstWordFilter: WordFilter
    /// The entries made of one word.
    public let words: Set<String>
    /// Rules out most tokens before a lookup in ``words``.
    private let wordFilter: WordFilter

    /// Parses a lexicon file: one entry per line, `#` comments and blank lines ignored.
    public init(text: String, tokenizer: Tokenizer) {
        var entries: [[Part]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var parts: [Part] = []
            for piece in trimmed.split(separator: " ") {
                if piece == "…" || piece == "..." {
                    parts.append(.gap)
                } else {
                    parts += tokenizer.tokens(String(piece)).map { .word($0.folded) }
                }
            }
            if case .word = parts.first, !parts.isEmpty { entries.append(parts) }
        }
        self.entries = entries
        var index: [String: [Int]] = [:]
        var words: Set<String> = []
        for (position, entry) in entries.enumerated() {
            if case .word(let first) = entry[0] { index[first, default: []].append(position) }
            if entry.count == 1, case .word(let word) = entry[0] { words.insert(word) }
        }
        self.byFirstWord = index
        self.firstWordFilter = WordFilter(index.keys)
        self.words = words
        self.wordFilter = WordFilter(words)
    }

    /// Whether `word` (a token's folded form) is an entry of one word: `words.contains(word)`.
    public func contains(_ word: String) -> Bool {
        wordFilter.mayContain(word) && words.contains(word)
    }

    /// Whether both word filters can rule tokens out (every word of the lexicon is ASCII once folded).
    var hasExactFilters: Bool { firstWordFilter.isExact && wordFilter.isExact }

    /// The entries that start with `word`.
    private func entries(startingWith word: String) -> [Int] {
        firstWordFilter.mayContain(word) ? byFirstWord[word] ?? [] : []
    }

    /// A match: the token indices of its words (a gap's words are not included).
    public struct Match: Hashable, Sendable {
        /// Indices (into the searched tokens) of the entry's words, in order.
        public var tokens: [Int]
        public var first: Int { tokens[0] }
        public var last: Int { tokens[tokens.count - 1] }
    }

    /// Every match in `tokens`, left to right, the longest at each position, not overlapping.
    public func matches(in tokens: [Token]) -> [Match] {
        var found: [Match] = []
        var index = 0
        while index < tokens.count {
            guard firstWordFilter.mayContain(tokens[index].folded), let candidates = byFirstWord[tokens[index].folded]
            else {
                index += 1
                continue
            }
            var best: Match?
            for entry in candidates {
                if let match = match(entries[entry], tokens, at: index),
                    best == nil || match.last > (best?.last ?? 0)
                {
                    best = match
                }
            }
            if let best {
                found.append(best)
                index = best.last + 1
            } else {
                index += 1
            }
        }
        return found
    }

    /// Whether the tokens, all of them, are exactly one entry.
    public func isEntry(_ tokens: [Token]) -> Bool {
        guard let first = tokens.first else { return false }
        return entries(startingWith: first.folded).contains { entry in
            match(entries[entry], tokens, at: 0).map { $0.last == tokens.count - 1 } ?? false
        }
    }

    private func match(_ entry: [Part], _ tokens: [Token], at start: Int) -> Match? {
        func step(_ part: Int, _ position: Int, _ taken: [Int]) -> [Int]? {
            if part == entry.count { return taken }
            switch entry[part] {
            case .word(let word):
                guard position < tokens.count, tokens[position].folded == word,
                    tokens[position].clause == tokens[start].clause
                else { return nil }
                return step(part + 1, position + 1, taken + [position])
            case .gap:
                for skip in 0...Lexicon.maximumGap {
                    if let result = step(part + 1, position + skip, taken) { return result }
                }
                return nil
            }
        }
        return step(0, start, []).map { Match(tokens: $0) }
    }
}

/// A quick, exact pre-test for lookups of tokens in a set of words: it answers false only for a word
/// that cannot be in the set, most tokens of a text, without hashing them.
///
/// It records, for each first byte, the lengths in bytes of the words that start with it. An ASCII
/// token is equal to an ASCII word only when their bytes are, so an ASCII token whose first byte and
/// length match no word is not in the set. A token that is not ASCII, or a set with a word that is
/// not ASCII (Swift compares strings by canonical equivalence), always goes to the lookup.
struct WordFilter: Sendable {
    /// Indexed by the first byte of an ASCII word: bit n is set when a word of n bytes starts with it.
    private let lengths: [UInt64]
    /// False when a word is not ASCII or has 64 bytes or more: then every token goes to the lookup.
    let isExact: Bool

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        var lengths = [UInt64](repeating: 0, count: 128)
        var isExact = true
        for word in words {
            let utf8 = word.utf8
            guard let first = utf8.first, utf8.count < 64, utf8.allSatisfy({ $0 < 0x80 }) else {
                isExact = false
                continue
            }
            lengths[Int(first)] |= 1 << UInt64(utf8.count)
        }
        self.lengths = lengths
        self.isExact = isExact
    }

    /// False only when `word` is certainly not one of the words.
    @inline(__always)
    func mayContain(_ word: String) -> Bool {
        guard isExact else { return true }
        var word = word
        return word.withUTF8 { bytes in
            guard let first = bytes.first, first < 0x80, bytes.count < 64,
                lengths[Int(first)] & (1 << UInt64(bytes.count)) == 0
            else { return true }
            for byte in bytes where byte >= 0x80 { return true }
            return false
        }
    }
}

/// The word lists of one language (`Lexicons/<language>/`), built into the tool.
///
/// A class: built once per language, then shared by reference by every item's ``ItemText`` and every
/// rule (a struct of 14 lexicons cost ~60 reference-count operations per copy).
public final class Lexicons: Sendable {
    public let language: TextLanguage
    public let tokenizer: Tokenizer
    public let negations: Lexicon
    /// Single words that negate the words right after them (`pas`, `non`, `not`): hedges and opposites.
    public let negators: Lexicon
    public let absoluteTerms: Lexicon
    public let vagueTerms: Lexicon
    public let allNoneOfTheAbove: Lexicon
    public let trueFalse: Lexicon
    public let kTypeConnectors: Lexicon
    public let kTypePhrases: Lexicon
    public let kTypePrefixes: Lexicon
    /// Words that may end a combined choice (« seulement », « sont correctes », "only").
    public let kTypeSuffixes: Lexicon
    public let colours: Lexicon
    public let colourReferents: Lexicon
    public let genericLinkText: Lexicon
    public let genericFrameTitles: Lexicon
    public let choiceQuestions: Lexicon
    public let choiceInstructions: Lexicon

    /// The names of the files every language has (without `.txt`).
    public static let fileNames = [
        "absolute-terms", "all-none-of-the-above", "choice-instructions", "choice-questions", "colour-referents",
        "colours", "elisions",
        "generic-frame-titles", "generic-link-text", "k-type-connectors", "k-type-phrases", "k-type-prefixes",
        "k-type-suffixes",
        "negations", "negators", "true-false", "vague-terms",
    ]

    init(language: TextLanguage, files: [String: String]) {
        self.language = language
        var elisions: [String: String] = [:]
        for line in (files["elisions"] ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, !line.hasPrefix("#") else { continue }
            elisions[String(parts[0]).lowercased()] = String(parts[1]).lowercased()
        }
        let tokenizer = Tokenizer(language: language, elisions: elisions)
        self.tokenizer = tokenizer
        func lexicon(_ name: String) -> Lexicon { Lexicon(text: files[name] ?? "", tokenizer: tokenizer) }
        negations = lexicon("negations")
        negators = lexicon("negators")
        absoluteTerms = lexicon("absolute-terms")
        vagueTerms = lexicon("vague-terms")
        allNoneOfTheAbove = lexicon("all-none-of-the-above")
        trueFalse = lexicon("true-false")
        kTypeConnectors = lexicon("k-type-connectors")
        kTypePhrases = lexicon("k-type-phrases")
        kTypePrefixes = lexicon("k-type-prefixes")
        kTypeSuffixes = lexicon("k-type-suffixes")
        colours = lexicon("colours")
        colourReferents = lexicon("colour-referents")
        genericLinkText = lexicon("generic-link-text")
        genericFrameTitles = lexicon("generic-frame-titles")
        choiceQuestions = lexicon("choice-questions")
        choiceInstructions = lexicon("choice-instructions")
    }

    /// The built-in lexicons of a language.
    public static func builtIn(_ language: TextLanguage) -> Lexicons {
        language == .fr ? french : english
    }

    /// The lexicons of an item's `xml:lang`, nil for a language other than French or English.
    public static func forTag(_ tag: String) -> Lexicons? {
        TextLanguage(tag: tag).map(builtIn)
    }

    static let french = Lexicons(language: .fr, files: embedded("fr"))
    static let english = Lexicons(language: .en, files: embedded("en"))

    private static func embedded(_ folder: String) -> [String: String] {
        var files: [String: String] = [:]
        for file in EmbeddedLexicons.files where file.name.hasPrefix(folder + "/") {
            let name = file.name.dropFirst(folder.count + 1).dropLast(".txt".count)
            files[String(name)] = file.content
        }
        return files
    }
}

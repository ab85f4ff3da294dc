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
    /// The entries made of one word.
    public let words: Set<String>

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
        self.words = words
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
            var best: Match?
            for entry in byFirstWord[tokens[index].folded] ?? [] {
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
        return (byFirstWord[first.folded] ?? []).contains { entry in
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

/// The word lists of one language (`Lexicons/<language>/`), built into the tool.
public struct Lexicons: Sendable {
    public let language: TextLanguage
    public let tokenizer: Tokenizer
    public let negations: Lexicon
    public let absoluteTerms: Lexicon
    public let vagueTerms: Lexicon
    public let allNoneOfTheAbove: Lexicon
    public let trueFalse: Lexicon
    public let kTypeConnectors: Lexicon
    public let kTypePhrases: Lexicon
    public let kTypePrefixes: Lexicon
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
        "negations", "true-false", "vague-terms",
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
        absoluteTerms = lexicon("absolute-terms")
        vagueTerms = lexicon("vague-terms")
        allNoneOfTheAbove = lexicon("all-none-of-the-above")
        trueFalse = lexicon("true-false")
        kTypeConnectors = lexicon("k-type-connectors")
        kTypePhrases = lexicon("k-type-phrases")
        kTypePrefixes = lexicon("k-type-prefixes")
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

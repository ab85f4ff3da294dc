import ItemBankRuntime
import Testing

// Golden tables of answer checking (docs/algorithms.md, "Answer checking"): one table per rule, each
// row an exact (accepted answers, tolerances, learner answer) -> outcome, run through the pure,
// bank-independent core (AnswerKey, AnswerMatcher, Tolerance, GroupMatching).

/// One typed response: accepted answers, tolerances, learner answer -> outcome.
struct TextRow: Sendable, CustomTestStringConvertible {
    var accepted: [String]
    var tolerances: Tolerances
    var answer: String
    var expected: AnswerOutcome
    var isNumber = false

    init(
        _ accepted: [String], _ tolerances: Tolerances, _ answer: String, _ expected: AnswerOutcome,
        number: Bool = false
    ) {
        self.accepted = accepted
        self.tolerances = tolerances
        self.answer = answer
        self.expected = expected
        self.isNumber = number
    }

    var testDescription: String {
        let names = [(Tolerances.t1, "t1"), (.t2, "t2"), (.t3, "t3")].filter { tolerances.contains($0.0) }
        return "\(accepted) [\(names.map(\.1).joined(separator: " "))]\(isNumber ? " number" : "") "
            + "\(answer.debugDescription) -> \(expected.rawValue)"
    }

    /// A qroc with this one response.
    var key: AnswerKey {
        AnswerKey(
            type: .qroc,
            responses: [
                ResponseKey(
                    id: "r", kind: .typed(tolerances: tolerances, isNumber: isNumber), acceptedAnswers: accepted)
            ])
    }

    func verify() throws {
        let check = try key.check(.text(answer))
        #expect(check.outcome == expected)
        #expect(check.responses.map(\.id) == ["r"])
        // The matcher alone agrees (an empty answer is simply not right).
        let matcher = AnswerMatcher(acceptedAnswers: accepted, tolerances: tolerances, isNumber: isNumber)
        #expect(matcher.matches(answer) == (expected == .ok))
    }
}

private let all: Tolerances = [.t1, .t2, .t3]

/// No tolerance: pre-treatment only (NFC, no-break spaces), then exact equality; nothing trimmed.
let preTreatmentRows: [TextRow] = [
    TextRow(["Firefox"], [], "Firefox", .ok),
    TextRow(["Firefox"], [], "firefox", .ko),
    TextRow(["Firefox"], [], " Firefox", .ko),
    TextRow(["Firefox"], [], "Firefox ", .ko),
    TextRow(["Firefox"], [], "Firefx", .ko),
    TextRow(["Firefox", "Mozilla Firefox"], [], "Mozilla Firefox", .ok),
    TextRow(["café"], [], "cafe\u{301}", .ok),
    TextRow(["cafe\u{301}"], [], "café", .ok),
    TextRow(["12 h"], [], "12\u{A0}h", .ok),
    TextRow(["12 h"], [], "12\u{202F}h", .ok),
    TextRow(["12 h"], [], "12\u{2007}h", .ok),
    TextRow(["12\u{A0}h"], [], "12 h", .ok),
    TextRow(["a.b"], [], "ab", .ko),
    TextRow(["Firefox"], [], "", .skipped),
    TextRow(["Firefox"], [], "   ", .skipped),
    TextRow(["Firefox"], [], "\u{A0}\u{202F}\n", .skipped),
]

/// t1: trim, case, accents (NFD minus diacritical marks), every space; ligatures unfolded.
let t1Rows: [TextRow] = [
    TextRow(["Firefox"], [.t1], "  FIREFOX  ", .ok),
    TextRow(["Mozilla Firefox"], [.t1], "mozillafirefox", .ok),
    TextRow(["Mozilla Firefox"], [.t1], "Mozilla   Fire fox", .ok),
    TextRow(["Mozilla Firefox"], [.t1], "mozilla\tfirefox\n", .ok),
    TextRow(["Été"], [.t1], "ete", .ok),
    TextRow(["Ete"], [.t1], "ÉTÉ", .ok),
    TextRow(["crème brûlée"], [.t1], "CREME BRULEE", .ok),
    TextRow(["garçon"], [.t1], "garcon", .ok),
    TextRow(["naïve"], [.t1], "nai\u{308}ve", .ok),
    TextRow(["español"], [.t1], "ESPANOL", .ok),
    TextRow(["Ελλάδα"], [.t1], "ελλαδα", .ok),
    TextRow(["İstanbul"], [.t1], "istanbul", .ok),
    TextRow(["cœur"], [.t1], "coeur", .ok),
    TextRow(["coeur"], [.t1], "CŒUR", .ok),
    TextRow(["ex aequo"], [.t1], "ex æquo", .ok),
    TextRow(["Straße"], [.t1], "STRASSE", .ok),
    TextRow(["fichier"], [.t1], "\u{FB01}chier", .ok),
    TextRow(["Łódź"], [.t1], "lodz", .ko),
    TextRow(["Firefox"], [.t1], "Fire-fox", .ko),
    TextRow(["Firefox"], [.t1], "Firefx", .ko),
    TextRow(["https://pix.fr"], [.t1], "HTTPS://PIX.FR", .ok),
    TextRow(["Firefox"], [.t1], " \t ", .skipped),
]

/// t2: punctuation and symbols deleted (letters of every script and numbers kept), spaces collapsed
/// and trimmed.
let t2Rows: [TextRow] = [
    TextRow(["site"], [.t2], "site:", .ok),
    TextRow(["site:"], [.t2], "site", .ok),
    TextRow(["l'ordinateur"], [.t2], "l’ordinateur", .ok),
    TextRow(["l'ordinateur"], [.t2], "lordinateur", .ok),
    TextRow(["mot-clé"], [.t2], "motclé", .ok),
    TextRow(["mot-clé"], [.t2], "mot clé", .ko),
    TextRow(["Paris"], [.t2], "« Paris »", .ok),
    TextRow(["Paris"], [.t2], "Paris !", .ok),
    TextRow(["Paris"], [.t2], "Pa-ris", .ok),
    TextRow(["été"], [.t2], "t", .ko),
    TextRow(["naïve"], [.t2], "nave", .ko),
    TextRow(["été"], [.t2], "été.", .ok),
    TextRow(["Mozilla Firefox"], [.t2], "Mozilla    Firefox", .ok),
    TextRow(["Mozilla Firefox"], [.t2], "Mozilla\tFirefox", .ok),
    TextRow(["Mozilla Firefox"], [.t2], "mozilla firefox", .ko),
    TextRow(["C++"], [.t2], "C", .ok),
    TextRow(["3,14"], [.t2], "314", .ok),
    TextRow(["?!"], [.t2], "...", .ko),
    TextRow(["Москва"], [.t2], "Москва!", .ok),
    TextRow(["東京"], [.t2], "東京。", .ok),
    TextRow(["m²"], [.t2], "m²", .ok),
]

/// t1 and t2 together (t1 first).
let t1t2Rows: [TextRow] = [
    TextRow(["Mozilla Firefox"], [.t1, .t2], "mozilla-firefox!", .ok),
    TextRow(["Qu'est-ce que c'est"], [.t1, .t2], "QUEST CE QUE CEST", .ok),
    TextRow(["site:"], [.t1, .t2], " SITE ", .ok),
    TextRow(["l'œuvre"], [.t1, .t2], "L’OEUVRE", .ok),
    TextRow(["Firefox"], [.t1, .t2], "Firefix", .ko),
]

/// t3: 4 × Levenshtein(answer, accepted) ≤ length(answer), in characters, after t1 and t2.
let t3Rows: [TextRow] = [
    TextRow(["abcd"], [.t3], "abcd", .ok),
    TextRow(["abcd"], [.t3], "abce", .ok),  // 4 × 1 ≤ 4
    TextRow(["abc"], [.t3], "abd", .ko),  // 4 × 1 > 3: no typo under 4 characters
    TextRow(["abcdefgh"], [.t3], "abcdefxy", .ok),  // 4 × 2 ≤ 8
    TextRow(["abcdefgh"], [.t3], "abcdexyz", .ko),  // 4 × 3 > 8
    TextRow(["Firefox"], [.t3], "Firefx", .ok),  // 4 × 1 ≤ 6
    TextRow(["Firefox"], [.t3], "Fierfox", .ko),  // a swap costs 2: 8 > 7
    TextRow(["Firefox"], [.t3], "Firefoxx", .ok),
    TextRow(["ordinateur"], [.t3], "ordinatuer", .ok),  // 4 × 2 ≤ 10
    TextRow(["ordinateur"], [.t3], "ordinatr", .ok),  // 4 × 2 ≤ 8
    TextRow(["ordinateur"], [.t3], "ordinat", .ko),  // 4 × 3 > 7
    TextRow(["abcdefgh"], [.t3], "abcdef", .ko),  // divided by the answer's length: 8 > 6
    TextRow(["abcdef"], [.t3], "abcdefgh", .ok),  // 8 ≤ 8
    TextRow(["théâtre"], [.t3], "theatre", .ko),  // 2 accents without t1: 8 > 7
    TextRow(["théâtre"], [.t1, .t3], "theatre", .ok),
    TextRow(["abc🇫🇷"], [.t3], "abc🇩🇪", .ok),  // a flag is one character: 4 ≤ 4
    TextRow(["Firefox", "Chrome"], [.t3], "Chrom", .ok),
    TextRow(["abcd"], [.t3], "", .skipped),
]

/// The default tolerances, t1 t2 t3.
let defaultToleranceRows: [TextRow] = [
    TextRow(["Mozilla Firefox"], all, "mozila firefox", .ok),
    TextRow(["Wikipédia"], all, "wikipedya", .ok),
    TextRow(["Qwant"], all, "kwant", .ok),
    TextRow(["Qwant"], all, "Google", .ko),
    TextRow(["moteur de recherche"], all, "MOTEUR-DE-RECHERCHES", .ok),
    TextRow(["moteur de recherche"], all, "moteur", .ko),
    TextRow(["Firefox"], all, "…", .ko),
]

/// Format `number` with numeric accepted answers: compared as exact decimal numbers.
let numberRows: [TextRow] = [
    TextRow(["7"], [], "7", .ok, number: true),
    TextRow(["7"], [], "7,0", .ok, number: true),
    TextRow(["7"], [], "7.00", .ok, number: true),
    TextRow(["7"], [], "07", .ok, number: true),
    TextRow(["7"], [], "+7", .ok, number: true),
    TextRow(["7"], [], " 7 ", .ok, number: true),
    TextRow(["7"], [], "7,1", .ko, number: true),
    TextRow(["7"], [], "70", .ko, number: true),
    TextRow(["7"], [], "7,", .ko, number: true),
    TextRow(["7"], [], "sept", .ko, number: true),
    TextRow(["7"], [], "7 €", .ko, number: true),
    TextRow(["7"], [], "", .skipped, number: true),
    TextRow(["7,0"], [], "7", .ok, number: true),
    TextRow(["122,1"], [], "122,,1", .ko, number: true),
    TextRow(["122,1"], [], "122.10", .ok, number: true),
    TextRow(["1000"], [], "1 000", .ok, number: true),
    TextRow(["1000"], [], "1\u{202F}000", .ok, number: true),
    TextRow(["1000"], [], "10 00", .ko, number: true),
    TextRow(["1000"], [], "1,000", .ko, number: true),
    TextRow(["1"], [], "1,000", .ok, number: true),
    TextRow(["-3"], [], "−3", .ok, number: true),
    TextRow(["-3"], [], "3", .ko, number: true),
    TextRow(["0"], [], "-0", .ok, number: true),
    TextRow(["0,5"], [], ",5", .ko, number: true),
    TextRow(["0.1"], [], "0,10", .ok, number: true),
    TextRow(["0.3"], [], "0.30000000000000004", .ko, number: true),
    TextRow(["12345678901234567890,5"], [], "12345678901234567890.50", .ok, number: true),
    TextRow(["7", "8"], [], "8,0", .ok, number: true),
    TextRow(["1234"], [.t1, .t3], "1235", .ko, number: true),
    TextRow(["sept"], [.t1], "SEPT", .ok, number: true),  // not all numeric: compared as text
    TextRow(["7"], [.t1], "7", .ok),  // format words: text, "7,0" would be wrong
    TextRow(["7"], [.t1], "7,0", .ko),
]

@Suite("Answer checking: golden tables")
struct AnswerGoldenTests {
    @Test("pre-treatment, no tolerance", arguments: preTreatmentRows)
    func preTreatment(_ row: TextRow) throws { try row.verify() }

    @Test("t1: spaces, case, accents", arguments: t1Rows)
    func t1(_ row: TextRow) throws { try row.verify() }

    @Test("t2: punctuation", arguments: t2Rows)
    func t2(_ row: TextRow) throws { try row.verify() }

    @Test("t1 then t2", arguments: t1t2Rows)
    func t1t2(_ row: TextRow) throws { try row.verify() }

    @Test("t3: edit distance at most 25 % of the answer's length", arguments: t3Rows)
    func t3(_ row: TextRow) throws { try row.verify() }

    @Test("default tolerances t1 t2 t3", arguments: defaultToleranceRows)
    func defaults(_ row: TextRow) throws { try row.verify() }

    @Test("numbers", arguments: numberRows)
    func numbers(_ row: TextRow) throws { try row.verify() }

    @Test("the tables hold at least 80 rows in all")
    func rowCount() {
        let typed =
            preTreatmentRows.count + t1Rows.count + t2Rows.count + t1t2Rows.count + t3Rows.count
            + defaultToleranceRows.count + numberRows.count
        let total =
            typed + dropdownRows.count + choiceRows.count + independentRows.count + dependentRows.count
            + contextRows.count
        #expect(typed >= 80)
        #expect(total >= 160)
    }
}

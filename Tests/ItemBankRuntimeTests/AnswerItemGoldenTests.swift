import ItemBankRuntime
import Testing

// Golden tables of answer checking per item type, and of the outcomes the context adds
// (docs/algorithms.md, "Answer checking"). Pure: no bank.

/// A drop-down: options, accepted answers, value chosen -> outcome.
struct DropdownRow: Sendable, CustomTestStringConvertible {
    var options: [String]
    var accepted: [String]
    var answer: String
    var expected: AnswerOutcome
    init(_ options: [String], _ accepted: [String], _ answer: String, _ expected: AnswerOutcome) {
        (self.options, self.accepted, self.answer, self.expected) = (options, accepted, answer, expected)
    }
    var testDescription: String { "\(options) accept \(accepted): \(answer.debugDescription) -> \(expected.rawValue)" }
}

let dropdownRows: [DropdownRow] = [
    DropdownRow(["html", "mp3", "pdf"], ["html"], "html", .ok),
    DropdownRow(["html", "mp3", "pdf"], ["html"], "mp3", .ko),
    DropdownRow(["html", "mp3", "pdf"], ["html", "pdf"], "pdf", .ok),
    DropdownRow(["html", "mp3", "pdf"], ["html"], "", .skipped),
    DropdownRow(["été", "hiver"], ["été"], "e\u{301}te\u{301}", .ok),
    DropdownRow(["12 h", "14 h"], ["12 h"], "12\u{A0}h", .ok),
    DropdownRow(["Oui.", "Non."], ["Oui."], "Non.", .ko),
    // Options that t1 or t3 would confuse stay distinct: no tolerance on a drop-down.
    DropdownRow(["Résumé", "Resume"], ["Résumé"], "Resume", .ko),
    DropdownRow(["fichier", "fichiers"], ["fichier"], "fichiers", .ko),
]

/// qcu / qcm: choices, keys, positions chosen -> outcome.
struct ChoiceRow: Sendable, CustomTestStringConvertible {
    var type: ItemType
    var choiceCount: Int
    var keys: [Int]
    var chosen: [Int]
    var expected: AnswerOutcome
    init(_ type: ItemType, _ choiceCount: Int, keys: [Int], _ chosen: [Int], _ expected: AnswerOutcome) {
        (self.type, self.choiceCount, self.keys, self.chosen, self.expected) = (
            type, choiceCount, keys, chosen, expected
        )
    }
    var testDescription: String { "\(type.rawValue) keys \(keys): \(chosen) -> \(expected.rawValue)" }
}

let choiceRows: [ChoiceRow] = [
    ChoiceRow(.qcu, 3, keys: [2], [2], .ok),
    ChoiceRow(.qcu, 3, keys: [2], [1], .ko),
    ChoiceRow(.qcu, 3, keys: [2], [3], .ko),
    ChoiceRow(.qcu, 3, keys: [2], [], .skipped),
    ChoiceRow(.qcm, 4, keys: [1, 4], [1, 4], .ok),
    ChoiceRow(.qcm, 4, keys: [1, 4], [4, 1], .ok),
    ChoiceRow(.qcm, 4, keys: [1, 4], [1], .ko),
    ChoiceRow(.qcm, 4, keys: [1, 4], [1, 2, 4], .ko),
    ChoiceRow(.qcm, 4, keys: [1, 4], [1, 1, 4], .ko),
    ChoiceRow(.qcm, 4, keys: [1, 4], [1, 4, 4], .ko),
    ChoiceRow(.qcm, 4, keys: [1, 4], [2, 3], .ko),
    ChoiceRow(.qcm, 4, keys: [1, 4], [], .skipped),
    ChoiceRow(.qcm, 3, keys: [1, 2, 3], [3, 2, 1], .ok),
    ChoiceRow(.qcm, 3, keys: [2], [2], .ok),
]

/// qrocm-ind (photo: t1 t2, jpg / jpeg; doc: drop-down pdf / mp3 / html accepting pdf; bits: number
/// 24): texts -> outcome and which responses are right.
struct IndependentRow: Sendable, CustomTestStringConvertible {
    var texts: [String]
    var expected: AnswerOutcome
    var rights: [Bool]
    init(_ texts: [String], _ expected: AnswerOutcome, _ rights: [Bool]) {
        (self.texts, self.expected, self.rights) = (texts, expected, rights)
    }
    var testDescription: String { "\(texts) -> \(expected.rawValue) \(rights)" }
}

let independentKey = AnswerKey(
    type: .qrocmInd,
    responses: [
        ResponseKey(
            id: "photo", kind: .typed(tolerances: [.t1, .t2], isNumber: false), acceptedAnswers: ["jpg", "jpeg"]),
        ResponseKey(id: "doc", kind: .dropdown(options: ["pdf", "mp3", "html"]), acceptedAnswers: ["pdf"]),
        ResponseKey(id: "bits", kind: .typed(tolerances: [.t1], isNumber: true), acceptedAnswers: ["24"]),
    ])

let independentRows: [IndependentRow] = [
    IndependentRow(["jpg", "pdf", "24"], .ok, [true, true, true]),
    IndependentRow([" .JPEG ", "pdf", "24,0"], .ok, [true, true, true]),
    IndependentRow(["png", "pdf", "24"], .ko, [false, true, true]),
    IndependentRow(["jpg", "mp3", "24"], .ko, [true, false, true]),
    IndependentRow(["jpg", "", "24"], .ko, [true, false, true]),
    IndependentRow(["jpg", "pdf", "25"], .ko, [true, true, false]),
    IndependentRow(["jpgg", "pdf", "24"], .ko, [false, true, true]),
    IndependentRow(["", "", ""], .skipped, [false, false, false]),
    IndependentRow([" ", "", "\u{A0}"], .skipped, [false, false, false]),
]

/// qrocm-dep: groups, count, answers -> outcome and the group each answer counts for.
struct DependentRow: Sendable, CustomTestStringConvertible {
    var groups: [[String]]
    var count: Int?
    var answers: [String]
    var expected: AnswerOutcome
    var matched: [Int?]
    var tolerances: Tolerances = [.t1, .t2, .t3]
    var isNumber = false
    var testDescription: String {
        "\(groups.map { $0.first ?? "" }) count \(count.map(String.init) ?? "-"): \(answers) -> \(expected.rawValue) \(matched)"
    }
    var key: AnswerKey {
        AnswerKey(
            type: .qrocmDep,
            responses: answers.indices.map {
                ResponseKey(id: "n\($0 + 1)", kind: .typed(tolerances: [], isNumber: isNumber))
            },
            answerGroups: groups, groupTolerances: tolerances, requiredAnswerCount: count)
    }
}

let browsers = [
    ["Firefox", "Mozilla Firefox"], ["Chrome", "Google Chrome"], ["Edge", "Microsoft Edge"], ["Safari"], ["Opera"],
]
let libreOffice = [["LibreOffice Writer", "Writer", "LibreOffice"], ["LibreOffice Calc", "LibreOffice", "Calc"]]

let dependentRows: [DependentRow] = [
    DependentRow(groups: browsers, count: nil, answers: ["Chrome", "firefox"], expected: .ok, matched: [1, 0]),
    DependentRow(groups: browsers, count: nil, answers: ["firefox", "Chrome"], expected: .ok, matched: [0, 1]),
    DependentRow(
        groups: browsers, count: nil, answers: ["Firefox", "Mozilla Firefox"], expected: .ko, matched: [0, nil]),
    DependentRow(groups: browsers, count: nil, answers: ["Firefox", "firefox"], expected: .ko, matched: [0, nil]),
    DependentRow(groups: browsers, count: nil, answers: ["Firefx", "Safari"], expected: .ok, matched: [0, 3]),
    DependentRow(groups: browsers, count: nil, answers: ["Chrome", ""], expected: .ko, matched: [1, nil]),
    DependentRow(groups: browsers, count: nil, answers: ["", " "], expected: .skipped, matched: [nil, nil]),
    DependentRow(groups: browsers, count: nil, answers: ["Netscape", "Chrome"], expected: .ko, matched: [nil, 1]),
    DependentRow(
        groups: browsers, count: 2, answers: ["Chrome", "Safari", "Netscape"], expected: .ok, matched: [1, 3, nil]),
    DependentRow(groups: browsers, count: 2, answers: ["Chrome", "", "Opera"], expected: .ok, matched: [1, nil, 4]),
    DependentRow(
        groups: browsers, count: 2, answers: ["Chrome", "chrome", ""], expected: .ko, matched: [1, nil, nil]),
    DependentRow(
        groups: browsers, count: 2, answers: ["Chrome", "Google Chrome", "Edge"], expected: .ok, matched: [1, nil, 2]),
    DependentRow(
        groups: browsers, count: 3, answers: ["Chrome", "Safari", "Opera"], expected: .ok, matched: [1, 3, 4]),
    DependentRow(groups: browsers, count: 3, answers: ["Chrome", "Safari"], expected: .ko, matched: [1, 3]),
    // Pix's greedy order gives "LibreOffice" the first group and leaves "Writer" none: ko in Pix.
    DependentRow(groups: libreOffice, count: nil, answers: ["LibreOffice", "Writer"], expected: .ok, matched: [1, 0]),
    DependentRow(groups: libreOffice, count: nil, answers: ["Writer", "LibreOffice"], expected: .ok, matched: [0, 1]),
    DependentRow(
        groups: libreOffice, count: nil, answers: ["LibreOffice", "libreoffice"], expected: .ko, matched: [0, nil]),
    DependentRow(groups: libreOffice, count: nil, answers: ["Calc", "LibreOffice"], expected: .ok, matched: [1, 0]),
    DependentRow(
        groups: [["mp3"], ["ogg"], ["flac"]], count: nil, answers: ["MP3", "ogg", "flac"], expected: .ok,
        matched: [0, 1, 2]),
    DependentRow(
        groups: [["Wi-Fi"], ["Bluetooth"]], count: nil, answers: ["wifi", "bluetooth"], expected: .ko,
        matched: [nil, 1],
        tolerances: [.t1]),
    DependentRow(
        groups: [["7"], ["8"]], count: nil, answers: ["7,0", "08"], expected: .ok, matched: [0, 1], tolerances: [],
        isNumber: true),
]

/// The context: a qcu (key 1 of 2) with a timer of 30 s, focusable or not.
struct ContextRow: Sendable, CustomTestStringConvertible {
    var answer: LearnerAnswer
    var context: AnswerContext
    var isFocusable: Bool
    var timer: Int?
    var expected: AnswerOutcome
    init(
        _ answer: LearnerAnswer, _ context: AnswerContext, focusable: Bool = true, timer: Int? = 30,
        _ expected: AnswerOutcome
    ) {
        (self.answer, self.context, self.isFocusable, self.timer, self.expected) =
            (answer, context, focusable, timer, expected)
    }
    var testDescription: String {
        "\(answer) elapsed \(context.elapsedSeconds.map { "\($0)" } ?? "-") focusLost \(context.focusLost) "
            + "certification \(context.isCertification) focusable \(isFocusable) timer \(timer.map(String.init) ?? "-") "
            + "-> \(expected.rawValue)"
    }
}

let contextRows: [ContextRow] = [
    ContextRow(.choices([1]), AnswerContext(elapsedSeconds: 29), .ok),
    ContextRow(.choices([1]), AnswerContext(elapsedSeconds: 30), .ok),
    ContextRow(.choices([1]), AnswerContext(elapsedSeconds: 30.5), .timedOut),
    ContextRow(.choices([2]), AnswerContext(elapsedSeconds: 60), .ko),
    ContextRow(.choices([1]), AnswerContext(elapsedSeconds: 1000), timer: nil, .ok),
    ContextRow(.choices([1]), AnswerContext(), .ok),
    ContextRow(.choices([1]), AnswerContext(focusLost: true, isCertification: true), .focusedOut),
    ContextRow(.choices([1]), AnswerContext(focusLost: true, isCertification: false), .ok),
    ContextRow(.choices([1]), AnswerContext(focusLost: true, isCertification: true), focusable: false, .ok),
    ContextRow(.choices([2]), AnswerContext(focusLost: true, isCertification: true), .ko),
    ContextRow(.choices([1]), AnswerContext(elapsedSeconds: 60, focusLost: true, isCertification: true), .focusedOut),
    ContextRow(.skipped, AnswerContext(elapsedSeconds: 60, focusLost: true, isCertification: true), .skipped),
    ContextRow(.choices([]), AnswerContext(elapsedSeconds: 60), .skipped),
]

@Suite("Answer checking: golden tables per item type")
struct AnswerItemGoldenTests {
    @Test("drop-downs: exact option, no tolerance", arguments: dropdownRows)
    func dropdown(_ row: DropdownRow) throws {
        let key = AnswerKey(
            type: .qroc,
            responses: [ResponseKey(id: "d", kind: .dropdown(options: row.options), acceptedAnswers: row.accepted)])
        #expect(try key.check(.text(row.answer)).outcome == row.expected)
    }

    @Test("qcu and qcm: all and only the keys", arguments: choiceRows)
    func choices(_ row: ChoiceRow) throws {
        let key = AnswerKey(type: row.type, choiceCount: row.choiceCount, keyPositions: row.keys)
        let check = try key.check(.choices(row.chosen))
        #expect(check.outcome == row.expected)
        #expect(check.responses.isEmpty)
    }

    @Test("qrocm-ind: all or nothing, with a detail per response", arguments: independentRows)
    func independent(_ row: IndependentRow) throws {
        let texts = Dictionary(uniqueKeysWithValues: zip(["photo", "doc", "bits"], row.texts))
        let check = try independentKey.check(.texts(texts))
        #expect(check.outcome == row.expected)
        #expect(check.responses.map(\.id) == ["photo", "doc", "bits"])
        #expect(check.responses.map(\.isRight) == row.rights)
        #expect(check.matchedAnswerCount == nil)
    }

    @Test("qrocm-dep: maximum matching of answers to distinct groups", arguments: dependentRows)
    func dependent(_ row: DependentRow) throws {
        let texts = Dictionary(uniqueKeysWithValues: row.answers.enumerated().map { ("n\($0.offset + 1)", $0.element) })
        let check = try row.key.check(.texts(texts))
        #expect(check.outcome == row.expected)
        #expect(check.responses.map(\.group) == row.matched)
        #expect(check.responses.map(\.isRight) == row.matched.map { $0 != nil })
        #expect(check.matchedAnswerCount == row.matched.count { $0 != nil })
        #expect(check.requiredAnswerCount == row.count ?? row.answers.count)
    }

    @Test("outcomes: timed out and focused out only for a right answer", arguments: contextRows)
    func context(_ row: ContextRow) throws {
        let key = AnswerKey(
            type: .qcu, choiceCount: 2, keyPositions: [1], timer: row.timer, isFocusable: row.isFocusable)
        let check = try key.check(row.answer, context: row.context)
        #expect(check.outcome == row.expected)
        #expect(check.isRight == [.ok, .timedOut, .focusedOut].contains(row.expected))
        #expect(check.outcome.isSuccess == (row.expected == .ok))
    }
}

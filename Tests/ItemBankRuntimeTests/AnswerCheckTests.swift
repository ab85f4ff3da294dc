import Foundation
import ItemBankCompiler
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankRuntime
@testable import ItemBankVocabulary

/// Tests/Fixtures/answers-bank compiled once: one item per rule.
let answersBankBytes: [UInt8] = {
    guard let schemas = try? SchemaSet(directory: repositoryRoot + "/Schemas"),
        let result = try? BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/answers-bank"),
        result.diagnostics.isEmpty, let sources = result.sources
    else { return [] }
    return (try? BankCompiler.compile(sources)) ?? []
}()

func answersBank() throws -> Bank {
    try #require(!answersBankBytes.isEmpty, "Tests/Fixtures/answers-bank did not compile")
    return try Bank(bytes: answersBankBytes)
}

func expectAnswerError(
    _ code: AnswerError.Code, responseID: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> AnswerCheck
) {
    do {
        let check = try body()
        Issue.record("expected \(code), got \(check.outcome)", sourceLocation: sourceLocation)
    } catch let error as AnswerError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.responseID == responseID, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected an AnswerError, got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite("Answer checking")
struct AnswerCheckTests {
    // MARK: Through a compiled bank

    @Test("qcu with timer and focus, qcm, from the compiled fixture")
    func choicesFromBank() throws {
        let bank = try answersBank()
        let qcu = try #require(bank.item(id: "moteur-qcu"))
        #expect(qcu.answerKey.timer == 30 && qcu.answerKey.isFocusable && qcu.answerKey.keyPositions == [2])
        #expect(try qcu.check(.choices([2])).outcome == .ok)
        #expect(try qcu.check(.choices([1])).outcome == .ko)
        #expect(try qcu.check(.choices([2]), context: AnswerContext(elapsedSeconds: 31)).outcome == .timedOut)
        #expect(try qcu.check(.choices([1]), context: AnswerContext(elapsedSeconds: 31)).outcome == .ko)
        let certification = AnswerContext(elapsedSeconds: 12, focusLost: true, isCertification: true)
        #expect(try qcu.check(.choices([2]), context: certification).outcome == .focusedOut)
        #expect(try qcu.check(.skipped).outcome == .skipped)
        let qcm = try #require(bank.item(id: "guillemets-qcm"))
        #expect(try qcm.check(.choices([4, 1])).outcome == .ok)
        #expect(try qcm.check(.choices([1, 4, 1])).outcome == .ko)
        #expect(try qcm.check(.choices([1])).outcome == .ko)
        // Not timed, not focusable: context changes nothing.
        #expect(try qcm.check(.choices([1, 4]), context: AnswerContext(elapsedSeconds: 900)).outcome == .ok)
    }

    @Test("qroc with default tolerances and qroc of format number, from the compiled fixture")
    func qrocFromBank() throws {
        let bank = try answersBank()
        let words = try #require(bank.item(id: "service-qroc"))
        let check = try words.check(.text("Moteurs de recherche !"))
        #expect(check.outcome == .ok)
        #expect(
            check.responses == [
                ResponseCheck(id: "r", isRight: true, isEmpty: false, acceptedAnswer: "moteur de recherche")
            ])
        #expect(try words.check(.texts(["r": "MOTEUR"])).responses.first?.acceptedAnswer == "moteur")
        #expect(try words.check(.text("navigateur")).outcome == .ko)
        #expect(try words.check(.text("  ")).outcome == .skipped)
        let number = try #require(bank.item(id: "octet-nombre"))
        for right in ["8", "8,0", "08", "8.000", " +8 "] { #expect(try number.check(.text(right)).outcome == .ok) }
        for wrong in ["9", "8,1", "huit", "8 bits", "8,,0"] { #expect(try number.check(.text(wrong)).outcome == .ko) }
    }

    @Test("qrocm-ind with a drop-down and a number, from the compiled fixture")
    func independentFromBank() throws {
        let bank = try answersBank()
        let item = try #require(bank.item(id: "extensions-ind"))
        let check = try item.check(.texts(["photo": "JPEG", "doc": "pdf", "bits": "24"]))
        #expect(check.outcome == .ok)
        #expect(check.responses.map(\.acceptedAnswer) == ["jpeg", "pdf", "24"])
        let wrong = try item.check(.texts(["photo": "png", "doc": "html", "bits": "24,0"]))
        #expect(wrong.outcome == .ko)
        #expect(wrong.responses.map(\.isRight) == [false, false, true])
        expectAnswerError(.notAnOption, responseID: "doc") {
            try item.check(.texts(["photo": "jpg", "doc": "PDF", "bits": "24"]))
        }
    }

    @Test("qrocm-dep: count 2 of 3 responses, and a maximum matching where Pix's greedy order fails")
    func dependentFromBank() throws {
        let bank = try answersBank()
        let browsers = try #require(bank.item(id: "navigateurs-dep"))
        #expect(browsers.requiredAnswerCount == 2)
        let two = try browsers.check(.texts(["n1": "chrome", "n2": "", "n3": "Mozilla Firefox"]))
        #expect(two.outcome == .ok)
        #expect(two.responses.map(\.group) == [1, nil, 0])
        #expect(two.responses.map(\.isEmpty) == [false, true, false])
        #expect(two.responses.map(\.acceptedAnswer) == ["Chrome", nil, "Mozilla Firefox"])
        #expect(two.matchedAnswerCount == 2 && two.requiredAnswerCount == 2)
        let same = try browsers.check(.texts(["n1": "Firefox", "n2": "Mozilla Firefox", "n3": "Netscape"]))
        #expect(same.outcome == .ko)
        #expect(same.matchedAnswerCount == 1)
        let office = try #require(bank.item(id: "bureautique-dep"))
        #expect(office.requiredAnswerCount == nil)
        let check = try office.check(.texts(["a": "LibreOffice", "b": "Writer"]))
        #expect(check.outcome == .ok)
        #expect(check.responses.map(\.group) == [1, 0])
        #expect(check.requiredAnswerCount == 2)
    }

    // MARK: Bad input

    @Test("an answer of the wrong shape is a typed error, never a crash")
    func wrongShapes() throws {
        let bank = try answersBank()
        let qcu = try #require(bank.item(id: "moteur-qcu"))
        let qcm = try #require(bank.item(id: "guillemets-qcm"))
        let qroc = try #require(bank.item(id: "service-qroc"))
        let ind = try #require(bank.item(id: "extensions-ind"))
        expectAnswerError(.wrongShape) { try qcu.check(.text("Qwant")) }
        expectAnswerError(.wrongShape) { try qcm.check(.texts(["r": "1"])) }
        expectAnswerError(.wrongShape) { try qcu.check(.choices([1, 2])) }
        expectAnswerError(.wrongShape) { try qcu.check(.choices([2, 2])) }
        expectAnswerError(.wrongShape) { try qroc.check(.choices([1])) }
        expectAnswerError(.wrongShape) { try ind.check(.text("jpg")) }
        expectAnswerError(.choiceOutOfRange) { try qcu.check(.choices([0])) }
        expectAnswerError(.choiceOutOfRange) { try qcu.check(.choices([4])) }
        expectAnswerError(.choiceOutOfRange) { try qcm.check(.choices([1, Int.max])) }
        expectAnswerError(.choiceOutOfRange) { try qcm.check(.choices([Int.min])) }
        expectAnswerError(.unknownResponse, responseID: "s") { try qroc.check(.texts(["r": "moteur", "s": "x"])) }
        expectAnswerError(.missingResponse, responseID: "r") { try qroc.check(.texts([:])) }
        expectAnswerError(.missingResponse, responseID: "bits") {
            try ind.check(.texts(["photo": "jpg", "doc": "pdf"]))
        }
        expectAnswerError(.notAnOption, responseID: "doc") {
            try ind.check(.texts(["photo": "jpg", "doc": " pdf", "bits": "24"]))
        }
        expectAnswerError(.notAnOption, responseID: "doc") {
            try ind.check(.texts(["photo": "jpg", "doc": String(repeating: "pdf", count: 10_000), "bits": "24"]))
        }
        let long = #expect(throws: AnswerError.self) {
            try ind.check(.texts(["photo": "jpg", "doc": String(repeating: "x", count: 100_000), "bits": "24"]))
        }
        #expect(long?.message == "\"\(String(repeating: "x", count: 40))…\" is not an option of drop-down doc")
        for elapsed in [-1, Double.nan, .infinity] {
            expectAnswerError(.invalidContext) {
                try qcu.check(.choices([2]), context: AnswerContext(elapsedSeconds: elapsed))
            }
        }
        #expect(
            "\(AnswerError(.missingResponse, responseID: "r", "no text for response r"))"
                == "[missing-response] response r: no text for response r")
    }

    @Test("hostile answers are wrong without quadratic work: 600 characters, 1 MB, 100,000 combining marks")
    func hostileAnswers() throws {
        let matcher = AnswerMatcher(acceptedAnswers: ["moteur de recherche"], tolerances: [.t1, .t2, .t3])
        let long = String(repeating: "moteur de recherche ", count: 30)
        #expect(Tolerance.isOverlong(long))
        #expect(!matcher.matches(long))
        #expect(!matcher.matches(String(repeating: "é", count: 1_000_000)))
        #expect(!matcher.matches("e" + String(repeating: "\u{301}", count: 100_000)))
        let exact = String(repeating: "a", count: 500)
        #expect(!Tolerance.isOverlong(exact))
        #expect(AnswerMatcher(acceptedAnswers: [exact], tolerances: [.t3]).matches(exact + "b") == false)
        #expect(AnswerMatcher(acceptedAnswers: [exact], tolerances: [.t3]).matches(String(exact.dropLast()) + "b"))
    }

    // MARK: The pure core

    @Test("treatments give exact strings")
    func treatments() {
        #expect(Tolerance.preTreated("cafe\u{301}\u{A0}!") == "café !")
        #expect(
            Tolerance.preTreated("a\u{202F}b\u{2007}c").unicodeScalars.map(\.value) == [0x61, 0x20, 0x62, 0x20, 0x63])
        #expect(Tolerance.t1("  Crème  Brûlée\t") == "cremebrulee")
        #expect(Tolerance.t1("ŒUVRE ÆON Straße ﬂûte ĳs") == "oeuvreaeonstrassefluteijs")
        #expect(Tolerance.t1("한국어 ĘŁ") == "한국어eł")
        #expect(Tolerance.t2("  « Qu’est-ce ? »  C'est\tça\n! ") == "Questce Cest ça")
        #expect(Tolerance.t2("x² + ½ = ٣") == "x² ½ ٣")
        #expect(Tolerance.treated(" L’Été ! ", [.t1, .t2]) == "lete")
        #expect(Tolerance.treated(" L’Été ! ", []) == " L’Été ! ")
        #expect(AnswerNumber("-0012,500")?.description == "-12.5")
        #expect(AnswerNumber("12 345 678.9")?.description == "12345678.9")
        #expect(AnswerNumber("−0,0")?.description == "0")
        #expect(AnswerNumber("1 2") == nil && AnswerNumber("1  000") == nil && AnswerNumber("1000 000") == nil)
        #expect(AnswerNumber("+-7") == nil && AnswerNumber("- 7") == nil && AnswerNumber("") == nil)
    }

    @Test("t2's ASCII path gives the result of the character path, on every ASCII character")
    func asciiT2() {
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        for character in ascii {
            for text in ["\(character)", "a\(character)b", " \(character) x\(character)\(character)y \(character)"] {
                #expect(Tolerance.asciiT2(text) == Tolerance.unicodeT2(text), "\(text.debugDescription)")
            }
        }
        #expect(Tolerance.asciiT2(" a\r\n\tb-c ; d ") == "a bc d")
    }

    @Test("edit distance: exact values, and the banded t3 test agrees with the full distance on 3,000 pairs")
    func editDistance() {
        #expect(Tolerance.editDistance("kitten", "sitting") == 3)
        #expect(Tolerance.editDistance("", "abc") == 3)
        #expect(Tolerance.editDistance("flaw", "lawn") == 2)
        #expect(Tolerance.editDistance("abc🇫🇷", "abc🇩🇪") == 1)
        #expect(Tolerance.editDistance("Noe\u{308}l", "Noël") == 0)
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let alphabet = Array("abcé")
        for _ in 0..<3000 {
            let answer = String((0..<next(14)).map { _ in alphabet[next(alphabet.count)] })
            let accepted = String((0..<next(14)).map { _ in alphabet[next(alphabet.count)] })
            let full = Tolerance.editDistance(answer, accepted)
            #expect(
                Tolerance.isWithinTypoTolerance(answer, of: accepted) == (!answer.isEmpty && 4 * full <= answer.count),
                "\(answer) \(accepted) \(full)")
        }
    }

    @Test("maximum matching: augmenting paths, deterministic, never worse than greedy")
    func matching() {
        #expect(GroupMatching.maximumMatching([[0, 1], [0]], groupCount: 2) == [1, 0])
        #expect(GroupMatching.maximumMatching([[0], [0], [0]], groupCount: 1) == [0, nil, nil])
        #expect(GroupMatching.maximumMatching([[0, 1, 2], [0, 1], [0]], groupCount: 3) == [2, 1, 0])
        #expect(GroupMatching.maximumMatching([[], [5, -1], [1]], groupCount: 2) == [nil, nil, 1])
        #expect(GroupMatching.maximumMatching([[0]], groupCount: 0) == [nil])
    }

    @Test("learner answers, contexts and checks round-trip through JSON")
    func codable() throws {
        let answers: [LearnerAnswer] = [.choices([1, 3]), .text("Firefox"), .texts(["n1": "a", "n2": ""]), .skipped]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try answers.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        #expect(
            json == [
                #"{"choices":[1,3]}"#, #"{"text":"Firefox"}"#, #"{"texts":{"n1":"a","n2":""}}"#, #"{"skipped":true}"#,
            ])
        for (answer, text) in zip(answers, json) {
            #expect(try JSONDecoder().decode(LearnerAnswer.self, from: Data(text.utf8)) == answer)
        }
        for bad in [#"{}"#, #"{"text":"a","skipped":true}"#, #"{"skipped":false}"#, #"{"choices":"1"}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(LearnerAnswer.self, from: Data(bad.utf8)) }
        }
        #expect(String(decoding: try encoder.encode(AnswerOutcome.timedOut), as: UTF8.self) == #""timed-out""#)
        #expect(AnswerOutcome.allCases.filter(\.isSuccess) == [.ok])
        let check = AnswerCheck(
            outcome: .ok, isRight: true, responses: [ResponseCheck(id: "n1", isRight: true, isEmpty: false, group: 2)],
            matchedAnswerCount: 1, requiredAnswerCount: 1)
        #expect(try JSONDecoder().decode(AnswerCheck.self, from: encoder.encode(check)) == check)
        let context = AnswerContext(elapsedSeconds: 12.5, focusLost: true, isCertification: true)
        #expect(try JSONDecoder().decode(AnswerContext.self, from: encoder.encode(context)) == context)
    }
}

import Foundation
import ItemBankRuntime
import Testing

@testable import ItemBankServer

/// Request bodies read directly (``DirectlyReadable``) give exactly what the `JSONDecoder` path of
/// ``StrictJSON`` gives: the same request, or the same problem, for every body; and the plain bodies
/// clients send are indeed read directly.
@Suite("Request bodies read directly: the same result as JSONDecoder")
struct DirectRequestJSONTests {
    static let answerNested: [String: Set<String>] = ["answer": ["choices", "text", "texts", "skipped"]]

    /// The outcome of a decoding, comparable: the request or the problem.
    enum Outcome<Value: Hashable>: Hashable {
        case value(Value)
        case problem(String)
    }

    static func outcome<T: Decodable & Hashable>(_ decode: () throws(ServiceError) -> T) -> Outcome<T> {
        do {
            return .value(try decode())
        } catch {
            return .problem("\(error)")
        }
    }

    /// The strict path's outcome for an answer body given as bytes.
    static func strictAnswer(_ data: Data) -> Outcome<AnswerRequest> {
        outcome {
            () throws(ServiceError) in
            try StrictJSON.decode(AnswerRequest.self, from: data, fields: AnswerRequest.fields, nested: answerNested)
        }
    }

    static func answer(
        _ body: String
    ) -> (direct: AnswerRequest?, strict: Outcome<AnswerRequest>, reference: Outcome<AnswerRequest>) {
        let data = Data(body.utf8)
        return (
            AnswerRequest.read(data),
            strictAnswer(data),
            outcome {
                () throws(ServiceError) in
                try StrictJSON.decodeWithFoundation(
                    AnswerRequest.self, from: data, fields: AnswerRequest.fields, nested: answerNested)
            }
        )
    }

    static func start(
        _ body: String
    ) -> (
        direct: StartSessionRequest?, strict: Outcome<StartSessionRequest>, reference: Outcome<StartSessionRequest>
    ) {
        let data = Data(body.utf8)
        return (
            StartSessionRequest.read(data),
            outcome {
                () throws(ServiceError) in
                try StrictJSON.decode(StartSessionRequest.self, from: data, fields: StartSessionRequest.fields)
            },
            outcome {
                () throws(ServiceError) in
                try StrictJSON.decodeWithFoundation(
                    StartSessionRequest.self, from: data, fields: StartSessionRequest.fields)
            }
        )
    }

    /// What browsers (`JSON.stringify`) and the load script send: read directly, to the request
    /// `JSONDecoder` reads.
    @Test(arguments: [
        (#"{"item":"i1","answer":{"skipped":true}}"#, AnswerRequest(item: "i1", answer: .skipped)),
        (#"{"answer":{"choices":[2,1]},"item":"qcm-1"}"#, AnswerRequest(item: "qcm-1", answer: .choices([2, 1]))),
        (#"{"item":"i","answer":{"choices":[]}}"#, AnswerRequest(item: "i", answer: .choices([]))),
        (
            #"{"item":"i","answer":{"text":"Mozilla Firefox — 3 ½ élèves 🦊"},"elapsedSeconds":12.5}"#,
            AnswerRequest(item: "i", answer: .text("Mozilla Firefox — 3 ½ élèves 🦊"), elapsedSeconds: 12.5)
        ),
        (
            #"{"item":"i","answer":{"texts":{"r1":"a","r2":""}},"focusLost":false,"elapsedSeconds":0}"#,
            AnswerRequest(item: "i", answer: .texts(["r1": "a", "r2": ""]), elapsedSeconds: 0, focusLost: false)
        ),
        (
            #"{"item":"i","answer":{"texts":{}},"elapsedSeconds":150.0,"focusLost":true}"#,
            AnswerRequest(item: "i", answer: .texts([:]), elapsedSeconds: 150, focusLost: true)
        ),
        (
            #"{"item":"i","answer":{"choices":[-0,9223372036854775807]},"elapsedSeconds":-0.025}"#,
            AnswerRequest(item: "i", answer: .choices([0, Int.max]), elapsedSeconds: -0.025)
        ),
    ])
    func plainAnswersAreReadDirectly(body: String, expected: AnswerRequest) {
        let (direct, strict, reference) = Self.answer(body)
        #expect(direct == expected)
        #expect(strict == .value(expected))
        #expect(reference == strict)
    }

    @Test(arguments: [
        (#"{"kind":"positioning","competence":"1.1"}"#, StartSessionRequest(kind: "positioning", competence: "1.1")),
        (
            #"{"competences":["1.1","3.2"],"kind":"training","locale":"en-GB"}"#,
            StartSessionRequest(kind: "training", competences: ["1.1", "3.2"], locale: "en-GB")
        ),
        (#"{"kind":"certification","competences":[]}"#, StartSessionRequest(kind: "certification", competences: [])),
    ])
    func plainStartsAreReadDirectly(body: String, expected: StartSessionRequest) {
        let (direct, strict, reference) = Self.start(body)
        #expect(direct == expected)
        #expect(strict == .value(expected))
        #expect(reference == strict)
    }

    /// Bodies the direct reading leaves to `JSONDecoder` (whitespace, escapes, null, duplicates,
    /// unknown fields, wrong types, numbers out of an integer, invalid JSON or UTF-8): the same outcome
    /// as the reference path, and not read directly.
    @Test(arguments: [
        #"{ "item": "i", "answer": {"skipped": true} }"#,
        #"{"item":"i\u0031","answer":{"skipped":true}}"#,
        #"{"item":"a\"b","answer":{"text":"x"}}"#,
        #"{"item":"i","answer":{"text":"line\nbreak"}}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":null}"#,
        #"{"item":"i","answer":{"skipped":true},"focusLost":null}"#,
        #"{"item":"i","answer":{"skipped":true},"item":"j"}"#,
        #"{"item":"i","answer":{"texts":{"r1":"a","r1":"b"}}}"#,
        #"{"item":"i","answer":{"skipped":true},"extra":1}"#,
        #"{"item":"i","answer":{"skipped":true,"text":"x"}}"#,
        #"{"item":"i","answer":{"skip":true}}"#,
        #"{"item":"i","answer":{}}"#,
        #"{"item":"i","answer":{"skipped":false}}"#,
        #"{"item":"i","answer":{"choices":[1.5]}}"#,
        #"{"item":"i","answer":{"choices":[1.0]}}"#,
        #"{"item":"i","answer":{"choices":[1e2]}}"#,
        #"{"item":"i","answer":{"choices":[01]}}"#,
        #"{"item":"i","answer":{"choices":[9223372036854775808]}}"#,
        #"{"item":"i","answer":{"choices":["1"]}}"#,
        #"{"item":"i","answer":{"choices":[1,]}}"#,
        #"{"item":"i","answer":{"texts":{"r1":1}}}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":1e999}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":1.5e2}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":0e5}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":1e-400}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":.5}"#,
        #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":"5"}"#,
        #"{"item":"i","answer":{"skipped":true},"focusLost":1}"#,
        #"{"item":"i","answer":{"skipped":true}}x"#,
        #"{"item":"i","answer":{"skipped":true}"#,
        #"{"item":"i","answer":{"skipped":true},}"#,
        #"{"item":,"answer":{"skipped":true}}"#,
        #"{"answer":{"skipped":true}}"#,
        #"{"item":"i"}"#,
        #"{"item":7,"answer":{"skipped":true}}"#,
        #"[{"item":"i","answer":{"skipped":true}}]"#,
        "",
        "{}",
    ])
    func otherAnswerBodiesGetTheReferenceOutcome(body: String) {
        let (direct, strict, reference) = Self.answer(body)
        #expect(direct == nil)
        #expect(strict == reference)
    }

    @Test func invalidUTF8IsLeftToTheReference() {
        var bytes = Array(#"{"item":"i","answer":{"text":"é"}}"#.utf8)
        guard let index = bytes.firstIndex(of: 0xC3) else { Issue.record("no é"); return }
        bytes[index] = 0xFF
        let data = Data(bytes)
        #expect(AnswerRequest.read(data) == nil)
        #expect(
            Self.strictAnswer(data)
                == .problem(
                    "400 malformed-request: the body is not valid JSON: send a JSON object (Content-Type: application/json)"
                ))
    }

    /// Bodies the strict path refuses with a message of its own: what Foundation's decoder lets pass (a
    /// trailing comma), a long unknown key (cut in the message), and valid JSON that Foundation's
    /// `JSONSerialization` refuses as if it were not JSON (a number beyond a double's range, deep nesting).
    @Test(arguments: [
        (
            #"{"item":"i","answer":{"choices":[1,]}}"#,
            #"the body is not valid JSON: a comma ends "answer.choices" (remove the comma before } or ])"#
        ),
        (
            #"{"item":"i","answer":{"skipped":true},}"#,
            "the body is not valid JSON: a comma ends the body (remove the comma before } or ])"
        ),
        (
            #"{"item":"i","answer":{"texts":{"r1":"a", }}}"#,
            #"the body is not valid JSON: a comma ends "answer.texts" (remove the comma before } or ])"#
        ),
        (
            #"{"item":"i","answer":{"skipped":true},"\#(String(repeating: "k", count: 500))":1}"#,
            #"unknown field "\#(String(repeating: "k", count: 60))…"; the fields are answer, elapsedSeconds, "#
                + "focusLost, item"
        ),
        (
            #"{"item":"i","answer":{"skipped":true},"elapsedSeconds":1e999}"#,
            #"field "elapsedSeconds" holds a number beyond a double's range (±1.8e308): send a smaller one"#
        ),
        (
            #"{"item":"i","answer":{"choices":[1,-\#(String(repeating: "9", count: 400))]}}"#,
            #"field "answer.choices[1]" holds a number beyond a double's range (±1.8e308): send a smaller one"#
        ),
        (
            #"{"item":"i","answer":{"skipped":true},"x":\#(String(repeating: "[", count: 600))\#(String(repeating: "]", count: 600))}"#,
            "the body nests objects and arrays 601 deep; the requests of this API nest 3 at most"
        ),
    ])
    func bodiesWithAMessageOfTheirOwn(body: String, detail: String) {
        let (direct, strict, reference) = Self.answer(body)
        #expect(direct == nil)
        #expect(strict == .problem("400 malformed-request: \(detail)"))
        #expect(reference == strict)
    }

    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32])
    func bodiesInUTF16OrUTF32AreRefused(encoding: String.Encoding) throws {
        let data = try #require(#"{"item":"i","answer":{"choices":[1]}}"#.data(using: encoding))
        #expect(AnswerRequest.read(data) == nil)
        #expect(
            Self.strictAnswer(data)
                == .problem(
                    "400 malformed-request: the body is not UTF-8: send the JSON in UTF-8 (RFC 8259), without NUL bytes"
                ))
    }

    @Test(arguments: [
        #"{"kind":"positioning","competence":"1.1","locale":null}"#,
        #"{"kind":"training","competences":["1.1",2]}"#,
        #"{"kind":"training","competences":"1.1"}"#,
        #"{"kind":"positioning","kind":"training"}"#,
        #"{"kind":"positioning","competence":}"#,
        #"{"kind":"positioning","level":3}"#,
        #"{"competence":"1.1"}"#,
        #"{"kind":"positioning" }"#,
    ])
    func otherStartBodiesGetTheReferenceOutcome(body: String) {
        let (direct, strict, reference) = Self.start(body)
        #expect(direct == nil)
        #expect(strict == reference)
    }

    /// 2,000 random answers written by `JSONEncoder` (no whitespace, escapes where a text needs them):
    /// every one decodes to itself on both paths; those without escapes are read directly.
    @Test func randomAnswersAsJSONEncoderWritesThem() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcé—🦊 \"\\/\n\t<>&'0123456789")
        func text() -> String {
            String(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        var direct = 0
        for _ in 0..<2_000 {
            let answer: LearnerAnswer =
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: .choices((0..<Int.random(in: 0...4, using: &generator)).map { _ in Int.random(in: -3...40) })
                case 1: .text(text())
                case 2:
                    .texts(
                        Dictionary(
                            (0..<Int.random(in: 0...3)).map { ("r\($0)", text()) }, uniquingKeysWith: { a, _ in a }))
                default: .skipped
                }
            let request = AnswerRequest(
                item: "item-\(text())", answer: answer,
                elapsedSeconds: Bool.random()
                    ? Double.random(in: 0...86_400).rounded(toPlaces: Int.random(in: 0...6)) : nil,
                focusLost: Bool.random() ? Bool.random() : nil)
            let data = try JSONEncoder().encode(request)
            let body = String(decoding: data, as: UTF8.self)
            let (read, strict, reference) = Self.answer(body)
            #expect(strict == .value(request), "\(body)")
            #expect(reference == strict, "\(body)")
            // Escapes and exponents (JSONEncoder writes 0.000001 as 1e-06) are left to JSONDecoder.
            if !body.contains("\\"), body.range(of: "[0-9][eE]", options: .regularExpression) == nil {
                #expect(read == request, "\(body)")
                direct += 1
            }
        }
        #expect(direct > 500)
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}

import Foundation
import ItemBankRuntime
import ItemBankSystem

/// A request body with a direct reading of its plain JSON (``JSONByteReader``: no whitespace between
/// tokens, strings without escapes): ``StrictJSON/decode(_:from:fields:nested:)`` tries it before
/// `JSONDecoder`, which reads every other body (with the same value) and explains every bad one.
protocol DirectlyReadable {
    /// The value of the whole text, or nil when it is not in the plain form, gives a field twice or an
    /// unknown field, has `null` where a value is optional, or has anything else for ``StrictJSON`` to
    /// judge.
    static func read(_ reader: inout JSONByteReader) -> Self?
}

extension DirectlyReadable {
    /// The value of `data`, read directly; nil when ``read(_:)`` does not take the whole text.
    static func read(_ data: Data) -> Self? {
        data.withUnsafeBytes { raw in
            var reader = JSONByteReader(bytes: raw.bindMemory(to: UInt8.self))
            guard let value = read(&reader), reader.isAtEnd else { return nil }
            return value
        }
    }
}

extension StartSessionRequest: DirectlyReadable {
    static func read(_ reader: inout JSONByteReader) -> StartSessionRequest? {
        var kind: String?
        var request = StartSessionRequest(kind: "")
        let taken = reader.object { key, reader in
            switch key {
            case "kind":
                kind = reader.string()
                return kind != nil
            case "competence":
                request.competence = reader.string()
                return request.competence != nil
            case "competences":
                request.competences = reader.array { $0.string() }
                return request.competences != nil
            case "locale":
                request.locale = reader.string()
                return request.locale != nil
            default: return false
            }
        }
        guard taken, let kind else { return nil }
        request.kind = kind
        return request
    }
}

extension LearnerAnswer {
    /// `{"choices":[…]}`, `{"text":"…"}`, `{"texts":{…}}` or `{"skipped":true}`.
    static func read(_ reader: inout JSONByteReader) -> LearnerAnswer? {
        var answer: LearnerAnswer?
        var members = 0
        let taken = reader.object { key, reader in
            members += 1
            switch key {
            case "choices":
                guard let positions = reader.array({ $0.integer() }) else { return false }
                answer = .choices(positions)
            case "text":
                guard let text = reader.string() else { return false }
                answer = .text(text)
            case "texts":
                var texts: [String: String] = [:]
                let taken = reader.object { response, reader in
                    guard let text = reader.string() else { return false }
                    texts[response] = text
                    return true
                }
                guard taken else { return false }
                answer = .texts(texts)
            case "skipped":
                guard reader.literal("true") else { return false }
                answer = .skipped
            default: return false
            }
            return true
        }
        return taken && members == 1 ? answer : nil
    }
}

extension AnswerRequest: DirectlyReadable {
    static func read(_ reader: inout JSONByteReader) -> AnswerRequest? {
        var item: String?
        var answer: LearnerAnswer?
        var elapsedSeconds: Double?
        var focusLost: Bool?
        let taken = reader.object { key, reader in
            switch key {
            case "item":
                item = reader.string()
                return item != nil
            case "answer":
                answer = LearnerAnswer.read(&reader)
                return answer != nil
            case "elapsedSeconds":
                elapsedSeconds = reader.number()
                return elapsedSeconds != nil
            case "focusLost":
                focusLost = reader.literal("true") ? true : reader.literal("false") ? false : nil
                return focusLost != nil
            default: return false
            }
        }
        guard taken, let item, let answer else { return nil }
        return AnswerRequest(item: item, answer: answer, elapsedSeconds: elapsedSeconds, focusLost: focusLost)
    }
}

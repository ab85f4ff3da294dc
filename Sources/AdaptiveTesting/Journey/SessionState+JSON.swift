import Foundation

extension SessionState {
    /// The state's JSON, written directly: the members and values `JSONEncoder().encode(self)` gives
    /// with its default settings (numbers as integers when integral, `/` escaped), at a fraction of its
    /// cost, with the keys in the order ``encode(to:)`` writes them (`JSONEncoder`'s order varies from run
    /// to run). The runtime service stores a session's state after every answer. Decode it with
    /// `JSONDecoder` as usual.
    /// - Throws: `EncodingError.invalidValue` for a time that is not finite (as `JSONEncoder` does).
    public func jsonBytes() throws -> [UInt8] {
        guard answers.allSatisfy({ $0.time.isFinite }), knowledge.allSatisfy({ $0.time.isFinite }),
            retryBefore?.isFinite ?? true
        else {
            return Array(try JSONEncoder().encode(self))
        }
        var out: [UInt8] = []
        out.reserveCapacity(96 + 40 * (answers.count + knowledge.count) + 6 * previouslyAnswered.count)
        out.append(contentsOf: #"{"k":"#.utf8)
        Self.appendString(kind.rawValue, to: &out)
        out.append(contentsOf: #","b":"#.utf8)
        Self.appendString(bank, to: &out)
        out.append(contentsOf: #","l":"#.utf8)
        Self.appendString(locale, to: &out)
        out.append(contentsOf: #","c":["#.utf8)
        for (index, competence) in competences.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.appendInteger(competence, to: &out)
        }
        out.append(contentsOf: #"],"s":"#.utf8)
        out.append(contentsOf: String(seed).utf8)
        out.append(contentsOf: #","a":["#.utf8)
        for (index, answer) in answers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            Self.appendInteger(answer.item, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendInteger(Self.outcomes.firstIndex(of: answer.outcome) ?? 1, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendNumber(answer.time, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #"],"e":["#.utf8)
        for (index, element) in knowledge.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let flags =
                (element.status == .validated ? 1 : 0) | (element.source == .inferred ? 2 : 0)
                | (element.isNew ? 4 : 0)
            out.append(UInt8(ascii: "["))
            Self.appendInteger(element.skill, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendInteger(flags, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendInteger(element.item, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendNumber(element.time, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        if !previouslyAnswered.isEmpty {
            out.append(contentsOf: #","p":["#.utf8)
            for (index, item) in previouslyAnswered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendInteger(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let retryBefore {
            out.append(contentsOf: #","r":"#.utf8)
            Self.appendNumber(retryBefore, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// A finite double as `JSONEncoder` writes it: without a fraction when integral (in the range where
    /// doubles are exact integers), else Swift's shortest round-trip form.
    private static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            out.append(contentsOf: String(Int64(value)).utf8)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// A JSON string: `"`, `\` and `/` escaped, control characters as `\n`, `\t`… or `\u00XX`.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

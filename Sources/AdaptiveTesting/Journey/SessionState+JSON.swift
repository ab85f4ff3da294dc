import Foundation
import ItemBankSystem

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
        JSONBytes.appendString(kind.rawValue, to: &out)
        out.append(contentsOf: #","b":"#.utf8)
        JSONBytes.appendString(bank, to: &out)
        out.append(contentsOf: #","l":"#.utf8)
        JSONBytes.appendString(locale, to: &out)
        out.append(contentsOf: #","c":["#.utf8)
        for (index, competence) in competences.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendInteger(competence, to: &out)
        }
        out.append(contentsOf: #"],"s":"#.utf8)
        out.append(contentsOf: String(seed).utf8)
        out.append(contentsOf: #","a":["#.utf8)
        for (index, answer) in answers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            JSONBytes.appendInteger(answer.item, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendInteger(Self.outcomes.firstIndex(of: answer.outcome) ?? 1, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendNumber(answer.time, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #"],"e":["#.utf8)
        for (index, element) in knowledge.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let flags =
                (element.status == .validated ? 1 : 0) | (element.source == .inferred ? 2 : 0)
                | (element.isNew ? 4 : 0)
            out.append(UInt8(ascii: "["))
            JSONBytes.appendInteger(element.skill, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendInteger(flags, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendInteger(element.item, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendNumber(element.time, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        if !previouslyAnswered.isEmpty {
            out.append(contentsOf: #","p":["#.utf8)
            for (index, item) in previouslyAnswered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONBytes.appendInteger(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let retryBefore {
            out.append(contentsOf: #","r":"#.utf8)
            JSONBytes.appendNumber(retryBefore, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

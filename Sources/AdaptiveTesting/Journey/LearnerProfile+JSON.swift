import Foundation
import ItemBankSystem

extension KnowledgeElement {
    /// `elements` as a JSON array, each element's keys sorted (`date`, `item`, `skill`, `source`,
    /// `status`) and dates as `JSONEncoder`'s `.iso8601` strategy writes them: the bytes `JSONEncoder`
    /// gives with `.sortedKeys` (and `.withoutEscapingSlashes` when `escapingSlashes` is false). The
    /// runtime service writes them in every finished session's reply and profile.
    /// - Returns: false, with `out` unchanged, when a date is outside 1970–9999 (then use `JSONEncoder`).
    public static func appendJSON(
        _ elements: [KnowledgeElement], escapingSlashes: Bool = true, to out: inout [UInt8]
    ) -> Bool {
        let start = out.count
        out.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            out.append(contentsOf: (index == 0 ? #"{"date":"# : #",{"date":"#).utf8)
            guard JSONBytes.appendDate(element.date, to: &out) else {
                out.removeSubrange(start...)
                return false
            }
            out.append(contentsOf: #","item":"#.utf8)
            JSONBytes.appendString(element.item, escapingSlashes: escapingSlashes, to: &out)
            out.append(contentsOf: #","skill":"#.utf8)
            JSONBytes.appendString(element.skill, escapingSlashes: escapingSlashes, to: &out)
            out.append(contentsOf: #","source":"#.utf8)
            JSONBytes.appendString(element.source.rawValue, escapingSlashes: escapingSlashes, to: &out)
            out.append(contentsOf: #","status":"#.utf8)
            JSONBytes.appendString(element.status.rawValue, escapingSlashes: escapingSlashes, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return true
    }
}

extension LearnerProfile {
    /// The profile's JSON, written directly: what `JSONEncoder` with `.iso8601` dates and `.sortedKeys`
    /// gives (`abilities` only when there is one, as ``encode(to:)``), at a fraction of its cost. The
    /// runtime service stores the profile of every learner whose session finishes. Decode it with
    /// `JSONDecoder` (`.iso8601` dates) as usual.
    /// - Throws: `EncodingError` for an ability that is not finite (as `JSONEncoder` does).
    public func jsonBytes() throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(40 + 150 * knowledge.count + 24 * answeredItems.count + 120 * abilities.count)
        out.append(UInt8(ascii: "{"))
        if !abilities.isEmpty {
            out.append(contentsOf: #""abilities":["#.utf8)
            for (index, ability) in abilities.enumerated() {
                guard ability.theta.isFinite, ability.standardError.isFinite else { return try fallback() }
                out.append(contentsOf: (index == 0 ? #"{"date":"# : #",{"date":"#).utf8)
                guard JSONBytes.appendDate(ability.date, to: &out) else { return try fallback() }
                out.append(contentsOf: #","form":"#.utf8)
                JSONBytes.appendString(ability.form, to: &out)
                out.append(contentsOf: #","standardError":"#.utf8)
                JSONBytes.appendNumber(ability.standardError, to: &out)
                out.append(contentsOf: #","theta":"#.utf8)
                JSONBytes.appendNumber(ability.theta, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: "],".utf8)
        }
        out.append(contentsOf: #""answeredItems":["#.utf8)
        for (index, item) in answeredItems.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(item, to: &out)
        }
        out.append(contentsOf: #"],"knowledge":"#.utf8)
        guard KnowledgeElement.appendJSON(knowledge, to: &out) else { return try fallback() }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private func fallback() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(self))
    }
}

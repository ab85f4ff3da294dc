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

extension LearnerProfile {
    /// A profile from its JSON (`.iso8601` dates). The layout ``jsonBytes()`` writes (sorted keys, no
    /// whitespace, strings without escapes) is read directly, at a fraction of `JSONDecoder`'s cost;
    /// any other JSON of a profile (written by `JSONEncoder` in another key order, with escapes or
    /// spaces) is read by `JSONDecoder`, with the same result.
    /// - Throws: `JSONDecoder`'s `DecodingError` when the JSON is not a profile.
    public static func decodeJSON(_ bytes: [UInt8]) throws -> LearnerProfile {
        let direct = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            return profile(&reader)
        }
        if let direct { return direct }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(LearnerProfile.self, from: Data(bytes))
    }

    /// Reads exactly the layout ``jsonBytes()`` writes; nil at the first byte that differs.
    private static func profile(_ reader: inout JSONByteReader) -> LearnerProfile? {
        guard reader.literal(#"{"#) else { return nil }
        var abilities: [MeasuredAbility] = []
        if reader.literal(#""abilities":"#) {
            guard
                let read = reader.array({ reader -> MeasuredAbility? in
                    guard reader.literal(#"{"date":"#), let date = reader.date(), reader.literal(#","form":"#),
                        let form = reader.string(), reader.literal(#","standardError":"#),
                        let standardError = reader.number(), reader.literal(#","theta":"#),
                        let theta = reader.number(), reader.literal("}")
                    else { return nil }
                    return MeasuredAbility(form: form, theta: theta, standardError: standardError, date: date)
                }), reader.literal(",")
            else { return nil }
            abilities = read
        }
        guard reader.literal(#""answeredItems":"#), let answeredItems = reader.array({ $0.string() }),
            reader.literal(#","knowledge":"#),
            let knowledge = reader.array({ reader -> KnowledgeElement? in
                guard reader.literal(#"{"date":"#), let date = reader.date(), reader.literal(#","item":"#),
                    let item = reader.string(), reader.literal(#","skill":"#), let skill = reader.string(),
                    reader.literal(#","source":"#),
                    let source = reader.string().flatMap(KnowledgeElement.Source.init(rawValue:)),
                    reader.literal(#","status":"#),
                    let status = reader.string().flatMap(KnowledgeElement.Status.init(rawValue:)),
                    reader.literal("}")
                else { return nil }
                return KnowledgeElement(skill: skill, status: status, source: source, item: item, date: date)
            }),
            reader.literal("}"), reader.isAtEnd
        else { return nil }
        var profile = LearnerProfile(knowledge: knowledge, answeredItems: answeredItems)
        for ability in abilities { profile.record(ability) }
        return profile
    }
}

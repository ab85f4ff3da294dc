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
            var reader = DirectReader(bytes: buffer)
            return reader.profile()
        }
        if let direct { return direct }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(LearnerProfile.self, from: Data(bytes))
    }

    /// Reads exactly the layout ``jsonBytes()`` writes; nil at the first byte that differs.
    private struct DirectReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func profile() -> LearnerProfile? {
            var abilities: [MeasuredAbility] = []
            guard literal(#"{"#) else { return nil }
            if literal(#""abilities":["#) {
                repeat {
                    guard literal(#"{"date":"#), let date = date(), literal(#","form":"#), let form = string(),
                        literal(#","standardError":"#), let standardError = number(), literal(#","theta":"#),
                        let theta = number(), literal("}")
                    else { return nil }
                    abilities.append(
                        MeasuredAbility(form: form, theta: theta, standardError: standardError, date: date))
                } while literal(",")
                guard literal("],") else { return nil }
            }
            var answeredItems: [String] = []
            guard literal(#""answeredItems":["#) else { return nil }
            if !literal("]") {
                repeat {
                    guard let item = string() else { return nil }
                    answeredItems.append(item)
                } while literal(",")
                guard literal("]") else { return nil }
            }
            var knowledge: [KnowledgeElement] = []
            guard literal(#","knowledge":["#) else { return nil }
            if !literal("]") {
                repeat {
                    guard literal(#"{"date":"#), let date = date(), literal(#","item":"#), let item = string(),
                        literal(#","skill":"#), let skill = string(), literal(#","source":"#),
                        let source = string().flatMap(KnowledgeElement.Source.init(rawValue:)),
                        literal(#","status":"#), let status = string().flatMap(KnowledgeElement.Status.init(rawValue:)),
                        literal("}")
                    else { return nil }
                    knowledge.append(
                        KnowledgeElement(skill: skill, status: status, source: source, item: item, date: date))
                } while literal(",")
                guard literal("]") else { return nil }
            }
            guard literal("}"), offset == bytes.count else { return nil }
            var profile = LearnerProfile(knowledge: knowledge, answeredItems: answeredItems)
            for ability in abilities { profile.record(ability) }
            return profile
        }

        /// Consumes `text` when the bytes continue with it.
        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            for index in 0..<count where bytes[offset + index] != text.utf8Start[index] { return false }
            offset += count
            return true
        }

        /// A string without escapes or control characters (anything else: nil, and `JSONDecoder` reads it).
        mutating func string() -> String? {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
            let start = offset + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                guard bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 else { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            offset = end + 1
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        /// A number as ``JSONBytes/appendNumber(_:to:)`` writes it.
        mutating func number() -> Double? {
            let start = offset
            while offset < bytes.count, bytes[offset] != UInt8(ascii: ","), bytes[offset] != UInt8(ascii: "}") {
                offset += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            return value
        }

        /// `"YYYY-MM-DDTHH:MM:SSZ"`, a valid UTC date-time from 1970 on.
        mutating func date() -> Date? {
            guard offset + 22 <= bytes.count, bytes[offset] == UInt8(ascii: "\""),
                bytes[offset + 21] == UInt8(ascii: "\""), bytes[offset + 20] == UInt8(ascii: "Z"),
                bytes[offset + 5] == UInt8(ascii: "-"), bytes[offset + 8] == UInt8(ascii: "-"),
                bytes[offset + 11] == UInt8(ascii: "T"), bytes[offset + 14] == UInt8(ascii: ":"),
                bytes[offset + 17] == UInt8(ascii: ":"), let year = digits(offset + 1, 4),
                let month = digits(offset + 6, 2), let day = digits(offset + 9, 2), let hour = digits(offset + 12, 2),
                let minute = digits(offset + 15, 2), let second = digits(offset + 18, 2)
            else { return nil }
            guard
                let seconds = JSONBytes.secondsSince1970(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            else { return nil }
            offset += 22
            return Date(timeIntervalSince1970: Double(seconds))
        }

        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
    }
}

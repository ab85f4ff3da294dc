import Foundation

/// Reads JSON values straight from UTF-8 bytes, for the few shapes read on every request of the
/// runtime service (a stored profile, an answer's body), where `JSONDecoder` costs more than the rest
/// of the work. It reads only the plain forms (no whitespace between tokens, strings without escapes):
/// each read returns nil at the first byte it does not take, and the caller then hands the whole text
/// to `JSONDecoder`, which gives the same value or the error. Tests compare each reader that uses it
/// with `JSONDecoder`.
public struct JSONByteReader {
    /// The JSON text.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Index of the next byte to read.
    public var offset = 0

    public init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// True when every byte was read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Consumes `text` when the bytes continue with it.
    public mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        for index in 0..<count where bytes[offset + index] != text.utf8Start[index] { return false }
        offset += count
        return true
    }

    /// An array, each element read by `element` (nil when an element is not read).
    public mutating func array<Element>(_ element: (inout JSONByteReader) -> Element?) -> [Element]? {
        guard literal("[") else { return nil }
        var elements: [Element] = []
        if literal("]") { return elements }
        repeat {
            guard let value = element(&self) else { return nil }
            elements.append(value)
        } while literal(",")
        return literal("]") ? elements : nil
    }

    /// The members of an object, each handed to `member` with the reader at its value (`member`
    /// reads the value and returns true, or returns false for a member it does not take); false when
    /// a member is not taken or a key comes twice.
    public mutating func object(_ member: (String, inout JSONByteReader) -> Bool) -> Bool {
        guard literal("{") else { return false }
        if literal("}") { return true }
        var keys: Set<String> = []
        repeat {
            guard let key = string(), keys.insert(key).inserted, literal(":"), member(key, &self) else { return false }
        } while literal(",")
        return literal("}")
    }

    /// A string without escapes or control characters, valid UTF-8 (anything else: nil).
    public mutating func string() -> String? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        let start = offset + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 else { return nil }
            end += 1
        }
        guard end < bytes.count,
            let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        else { return nil }
        offset = end + 1
        return text
    }

    /// A number without exponent (`-?(0|[1-9][0-9]*)(\.[0-9]+)?`), as the nearest double; nil for one
    /// with an exponent, and for one too small for a double but not zero (Foundation's `JSONDecoder`
    /// refuses some of those, such as `0e5` and `1e-400`: they are left to it).
    public mutating func number() -> Double? {
        let start = offset
        guard let end = numberEnd(integerOnly: false) else { return nil }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard !digits.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
            let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite,
            value != 0 || !digits.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        offset = end
        return value
    }

    /// An integer without fraction or exponent (`-?(0|[1-9][0-9]*)`) that fits `Int`.
    public mutating func integer() -> Int? {
        let start = offset
        guard let end = numberEnd(integerOnly: true),
            let value = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        else { return nil }
        offset = end
        return value
    }

    /// The end of the number at `offset` (nil when the bytes there are not one, or when `integerOnly`
    /// and it has a fraction or an exponent).
    private func numberEnd(integerOnly: Bool) -> Int? {
        var end = offset
        func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] &- UInt8(ascii: "0") < 10 }
        func digits() -> Bool {
            guard isDigit(end) else { return false }
            while isDigit(end) { end += 1 }
            return true
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "0") {
            end += 1
        } else if !digits() {
            return nil
        }
        let more = end < bytes.count && [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[end])
        if integerOnly { return more || isDigit(end) ? nil : end }
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end += 1
            guard digits() else { return nil }
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E") {
            end += 1
            if end < bytes.count, bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-") { end += 1 }
            guard digits() else { return nil }
        }
        return isDigit(end) ? nil : end
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` (as ``JSONBytes/appendDate(_:to:)`` writes it), a valid UTC date-time
    /// from 1970 to 9999.
    public mutating func date() -> Date? {
        guard offset + 22 <= bytes.count, bytes[offset] == UInt8(ascii: "\""),
            bytes[offset + 21] == UInt8(ascii: "\""), bytes[offset + 20] == UInt8(ascii: "Z"),
            bytes[offset + 5] == UInt8(ascii: "-"), bytes[offset + 8] == UInt8(ascii: "-"),
            bytes[offset + 11] == UInt8(ascii: "T"), bytes[offset + 14] == UInt8(ascii: ":"),
            bytes[offset + 17] == UInt8(ascii: ":"), let year = digits(offset + 1, 4),
            let month = digits(offset + 6, 2), let day = digits(offset + 9, 2), let hour = digits(offset + 12, 2),
            let minute = digits(offset + 15, 2), let second = digits(offset + 18, 2),
            let seconds = JSONBytes.secondsSince1970(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        offset += 22
        return Date(timeIntervalSince1970: Double(seconds))
    }

    private func digits(_ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}

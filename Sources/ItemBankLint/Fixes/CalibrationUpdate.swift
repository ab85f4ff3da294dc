import Foundation
import ItemBankModel

/// New calibration values for one item, as `itembank calibrate --write` records them.
public struct CalibrationUpdate: Sendable, Equatable {
    /// Discrimination a.
    public var discrimination: Double
    /// Difficulty b (logits).
    public var difficulty: Double
    /// Number of responses used.
    public var responses: Int
    /// Date of the calibration, YYYY-MM-DD.
    public var date: String
    /// Infit mean square, when finite.
    public var fit: Double?
    /// Its p-value, when finite.
    public var fitP: Double?
    /// Whether the item is an anchor (kept as the file says: an anchor is not re-estimated).
    public var isAnchor: Bool

    public init(
        discrimination: Double, difficulty: Double, responses: Int, date: String, fit: Double?, fitP: Double?,
        isAnchor: Bool = false
    ) {
        self.discrimination = discrimination
        self.difficulty = difficulty
        self.responses = responses
        self.date = date
        self.fit = fit
        self.fitP = fitP
        self.isAnchor = isAnchor
    }

    /// The element, `<calibration discrimination="…" difficulty="…" n="…" date="…" fit="…" p="…"/>`
    /// (a and b with 3 decimals, fit and p with 2 and 3), with the element's prefix when it has one.
    public func element(prefix: String = "") -> String {
        var text =
            "<\(prefix)calibration discrimination=\"\(String(format: "%.3f", discrimination))\" difficulty=\"\(String(format: "%.3f", difficulty))\" n=\"\(responses)\" date=\"\(date)\""
        if let fit, fit.isFinite { text += " fit=\"\(String(format: "%.2f", fit))\"" }
        if let fitP, fitP.isFinite { text += " p=\"\(String(format: "%.3f", fitP))\"" }
        if isAnchor { text += " anchor=\"true\"" }
        return text + "/>"
    }
}

/// Byte-level edits that replace (or insert) an item's `<calibration>` element, touching nothing else
/// in the file: the same edits as a `lint --fix`, applied atomically or shown as a unified diff.
public enum CalibrationEditor {
    /// The edit for `item` whose file holds `bytes`; nil when no place for the element is found (the
    /// caller reports the item as not updated).
    public static func edit(item: Item, bytes: [UInt8], update: CalibrationUpdate) -> FixIt.Edit? {
        if let location = item.calibrationLocation {
            guard let start = elementStart(in: bytes, line: location.line, localName: "calibration") else { return nil }
            guard let end = elementEnd(in: bytes, from: start.offset, localName: "calibration") else { return nil }
            let original = String(decoding: bytes[start.offset..<end], as: UTF8.self)
            return FixIt.Edit(
                offset: start.offset, original: original, replacement: update.element(prefix: start.prefix))
        }
        // No element yet: insert it before <solution>, <feedback> or </item>, on its own line, indented
        // like that line.
        for name in ["solution", "feedback"] {
            if let offset = firstTag(in: bytes, pattern: "<" + name) {
                return insertion(bytes: bytes, before: offset, text: update.element())
            }
        }
        guard let close = lastTag(in: bytes, pattern: "</item>") else { return nil }
        return insertion(bytes: bytes, before: close, text: update.element(), extraIndent: true)
    }

    /// Applies edits (sorted by offset, not overlapping) to bytes.
    public static func apply(_ edits: [FixIt.Edit], to bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 256)
        var position = 0
        for edit in edits.sorted() {
            result += bytes[position..<edit.offset]
            result += Array(edit.replacement.utf8)
            position = edit.offset + edit.length
        }
        result += bytes[position...]
        return result
    }

    private static func insertion(
        bytes: [UInt8], before offset: Int, text: String, extraIndent: Bool = false
    )
        -> FixIt.Edit
    {
        var lineStart = offset
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let indent =
            bytes[lineStart..<offset].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            ? String(decoding: bytes[lineStart..<offset], as: UTF8.self) : ""
        let crlf = offset > 1 && bytes[..<offset].lastIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } == true
        let newline = crlf ? "\r\n" : "\n"
        if indent.isEmpty && lineStart != offset {
            return FixIt.Edit(offset: offset, original: "", replacement: text)
        }
        let own = extraIndent ? indent + "  " : indent
        return FixIt.Edit(offset: lineStart, original: "", replacement: own + text + newline)
    }

    /// The start of `<name` or `<prefix:name` on a 1-based line, and the prefix (with its colon).
    static func elementStart(in bytes: [UInt8], line: Int, localName: String) -> (offset: Int, prefix: String)? {
        var current = 1
        var index = 0
        while current < line && index < bytes.count {
            if bytes[index] == 0x0A { current += 1 }
            index += 1
        }
        let name = Array(localName.utf8)
        while index < bytes.count && bytes[index] != 0x0A {
            if bytes[index] == 0x3C {
                var nameStart = index + 1
                var cursor = nameStart
                while cursor < bytes.count, bytes[cursor] != 0x20, bytes[cursor] != 0x2F, bytes[cursor] != 0x3E,
                    bytes[cursor] != 0x0A, bytes[cursor] != 0x09, bytes[cursor] != 0x0D
                {
                    if bytes[cursor] == 0x3A { nameStart = cursor + 1 }
                    cursor += 1
                }
                if Array(bytes[nameStart..<cursor]) == name {
                    return (index, String(decoding: bytes[(index + 1)..<nameStart], as: UTF8.self))
                }
            }
            index += 1
        }
        return nil
    }

    /// The offset after the element that starts at `start`: after `/>`, or after its end tag.
    static func elementEnd(in bytes: [UInt8], from start: Int, localName: String) -> Int? {
        var index = start
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x3E {
                if bytes[index - 1] == 0x2F { return index + 1 }
                guard let close = firstTag(in: bytes, pattern: "calibration>", from: index) else { return nil }
                return close + "calibration>".utf8.count
            }
            index += 1
        }
        return nil
    }

    private static func firstTag(in bytes: [UInt8], pattern: String, from: Int = 0) -> Int? {
        let needle = Array(pattern.utf8)
        guard bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        for index in from...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    private static func lastTag(in bytes: [UInt8], pattern: String) -> Int? {
        let needle = Array(pattern.utf8)
        guard bytes.count >= needle.count else { return nil }
        for index in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[index] == needle[0] {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}

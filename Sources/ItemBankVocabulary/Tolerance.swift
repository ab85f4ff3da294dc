import Foundation

/// The text treatments that prepare a typed answer for comparison: Pix's pre-treatment and its
/// tolerances t1, t2 and t3 (`notes/pix-domain.md`, "Item types and their answer checking"), with
/// Pix's quirks fixed (docs/algorithms.md, "Answer checking").
///
/// Every function is pure and bank-independent. The same treatments are applied to the learner's
/// answer and to each accepted answer, in the order pre-treatment, t1, t2; t3 then compares.
public enum Tolerance {
    /// A typed answer longer than this many characters (grapheme clusters) is wrong without being
    /// compared: it bounds the edit distance's work (O(n²/4)) on hostile input.
    public static let maximumAnswerLength = 500
    /// A typed answer longer than this many UTF-8 bytes is wrong without being read further (one
    /// character may hold any number of combining marks).
    public static let maximumAnswerBytes = 16_384

    /// Pre-treatment, applied to every typed answer and accepted answer before anything else:
    /// Unicode NFC, then each no-break space (U+00A0, U+2007 figure space, U+202F narrow no-break
    /// space) becomes a plain space. Nothing is trimmed.
    public static func preTreated(_ text: String) -> String {
        let composed = isKnownNFC(text) ? text : text.precomposedStringWithCanonicalMapping
        guard composed.unicodeScalars.contains(where: isNoBreakSpace) else { return composed }
        var scalars = String.UnicodeScalarView()
        for scalar in composed.unicodeScalars {
            scalars.append(isNoBreakSpace(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    /// t1, "spaces, case, accents": lowercase (Unicode full mapping, locale-independent), canonical
    /// decomposition (NFD), removal of the combining diacritical marks (U+0300–U+036F, U+1AB0–U+1AFF,
    /// U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F) and of every whitespace character (inner spaces
    /// included), then NFC again. Unlike Pix, the ligatures æ, œ, ĳ, ß and U+FB00–U+FB06 become their
    /// letters (`cœur` = `coeur`): they have no canonical decomposition.
    public static func t1(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) {
            var scalars = String.UnicodeScalarView()
            for scalar in lower.unicodeScalars where !scalar.properties.isWhitespace { scalars.append(scalar) }
            return String(scalars)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in lower.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace || isDiacriticalMark(scalar) { continue }
            if let letters = ligatureLetters(scalar) {
                scalars.append(contentsOf: letters.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        let stripped = String(scalars)
        return isKnownNFC(stripped) ? stripped : stripped.precomposedStringWithCanonicalMapping
    }

    /// t2, "punctuation": every character (grapheme cluster) whose first scalar is not a letter
    /// (general category L, any script, accented letters included) or a number (category N) is
    /// deleted, whitespace excepted; runs of whitespace become one space, and leading and trailing
    /// whitespace goes. Pix keeps only `[a-zA-Z0-9 ]`, so it deletes accented letters when t1 is off,
    /// and it neither trims nor treats a tab or a line break as a space.
    public static func t2(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiT2(text) : unicodeT2(text)
    }

    /// t2 character by character.
    static func unicodeT2(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            guard let first = character.unicodeScalars.first, isLetterOrNumber(first) else { continue }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(character)
        }
        return result
    }

    /// t2 on ASCII text, byte by byte: the same result as the general path.
    static func asciiT2(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace {
                    bytes.append(UInt8(ascii: " "))
                    pendingSpace = false
                }
                bytes.append(byte)
            case 0x09...0x0D, 0x20:  // tab, line feed, vertical tab, form feed, carriage return, space
                pendingSpace = !bytes.isEmpty
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Pre-treatment, then t1 if enabled, then t2 if enabled (t3 does not change the text).
    public static func treated(_ text: String, _ tolerances: Tolerances) -> String {
        var result = preTreated(text)
        if tolerances.contains(.t1) { result = t1(result) }
        if tolerances.contains(.t2) { result = t2(result) }
        return result
    }

    /// t3, "edit distance": whether `answer` is within a Levenshtein distance of 25 % of its own
    /// length of `accepted`, i.e. `4 × distance(answer, accepted) ≤ length(answer)`, lengths and
    /// distance counted in characters (grapheme clusters). Pix divides by the learner's answer length
    /// too, so under 4 characters no typo is forgiven. An empty answer is never within tolerance.
    ///
    /// Work: O(n × n/4) for an answer of n characters (the band of the dynamic programme), with an
    /// early exit when a row exceeds the bound.
    public static func isWithinTypoTolerance(_ answer: String, of accepted: String) -> Bool {
        let (left, right) = codes(answer, accepted)
        let length = left.count
        guard length > 0 else { return false }
        let bound = length / 4
        guard abs(length - right.count) <= bound else { return false }
        return boundedDistance(left, right, bound: bound) <= bound
    }

    /// Levenshtein distance (insertions, deletions, substitutions, each of cost 1) between two strings,
    /// counted in characters (grapheme clusters). O(n × m) time, O(m) memory: for tests and tools;
    /// answer checking uses the bounded form of ``isWithinTypoTolerance(_:of:)``.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let (left, right) = codes(lhs, rhs)
        return boundedDistance(left, right, bound: max(left.count, right.count))
    }

    /// Whether a typed answer is too long to be compared (``maximumAnswerLength`` characters or
    /// ``maximumAnswerBytes`` bytes). Reads at most `maximumAnswerLength + 1` characters.
    public static func isOverlong(_ text: String) -> Bool {
        if text.utf8.count > maximumAnswerBytes { return true }
        return text.index(text.startIndex, offsetBy: maximumAnswerLength, limitedBy: text.endIndex)
            .map { $0 != text.endIndex } ?? false
    }

    // MARK: - Helpers

    /// Characters as small integers, equal when the characters are equal (canonical equivalence):
    /// bytes for ASCII strings, otherwise codes from a shared dictionary.
    static func codes(_ lhs: String, _ rhs: String) -> ([Int32], [Int32]) {
        if lhs.utf8.allSatisfy({ $0 < 0x80 }) && rhs.utf8.allSatisfy({ $0 < 0x80 }) {
            return (lhs.utf8.map { Int32($0) }, rhs.utf8.map { Int32($0) })
        }
        var table: [Character: Int32] = [:]
        func code(_ character: Character) -> Int32 {
            if let known = table[character] { return known }
            let next = Int32(table.count)
            table[character] = next
            return next
        }
        return (lhs.map(code), rhs.map(code))
    }

    /// Levenshtein distance if it is at most `bound`, otherwise some value above `bound`. Only the
    /// diagonal band |i − j| ≤ bound is computed; stops as soon as a whole row exceeds the bound.
    static func boundedDistance(_ left: [Int32], _ right: [Int32], bound: Int) -> Int {
        let (n, m) = (left.count, right.count)
        let over = bound + 1
        if n == 0 { return min(m, over) }
        if m == 0 { return min(n, over) }
        if abs(n - m) > bound { return over }
        var previous = (0...m).map { $0 <= bound ? $0 : over }
        var current = [Int](repeating: over, count: m + 1)
        for i in 1...n {
            let low = max(1, i - bound)
            let high = min(m, i + bound)
            current[0] = min(i, over)
            if low > 1 { current[low - 1] = over }
            var rowMinimum = low == 1 ? current[0] : over
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                    let value = min(substitution, previous[j] + 1, current[j - 1] + 1, over)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
            }
            if high < m { current[high + 1] = over }
            if rowMinimum > bound { return over }
            swap(&previous, &current)
        }
        return previous[m]
    }

    /// True when every scalar lies in a range whose characters are all NFC_QC=Yes (UAX #15): below
    /// U+0300, U+2002–U+206F, U+20A0–U+20C0. Such a string is already in NFC.
    static func isKnownNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x300 || (0x2002..<0x2070).contains(value) || (0x20A0...0x20C0).contains(value)
        }
    }

    static func isNoBreakSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xA0 || scalar.value == 0x2007 || scalar.value == 0x202F
    }

    /// The five blocks of combining diacritical marks.
    static func isDiacriticalMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x300...0x36F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        default: return false
        }
    }

    /// The letters of a lowercase ligature t1 unfolds, nil for any other scalar.
    static func ligatureLetters(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0xE6: "ae"  // æ
        case 0x153: "oe"  // œ
        case 0x133: "ij"  // ĳ
        case 0xDF: "ss"  // ß
        case 0xFB00: "ff"
        case 0xFB01: "fi"
        case 0xFB02: "fl"
        case 0xFB03: "ffi"
        case 0xFB04: "ffl"
        case 0xFB05, 0xFB06: "st"
        default: nil
        }
    }

    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}

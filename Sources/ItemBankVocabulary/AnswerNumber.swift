/// A number written by a learner or an author, read exactly (no floating point): `7`, `7,0`,
/// `7.00`, `07` and `+7` are the same number. Used by responses of format `number` whose accepted
/// answers are all numbers (Pix: "compare as numbers").
///
/// Grammar, after pre-treatment (``Tolerance/preTreated(_:)``) and trimming of surrounding whitespace:
///
/// ```
/// number   = [sign] integer [separator fraction]
/// sign     = "+" | "-" | "−" (U+2212)
/// integer  = digit+ | digit{1,3} (" " digit{3})+     (spaces group thousands: "12 345")
/// separator = "," | "."                             (one only: the decimal separator)
/// fraction = digit+
/// ```
///
/// Digits are ASCII `0`–`9`. Not numbers: `122,,1`, `1,000.5`, `7,`, `,5`, `1 00`, `1e3`, `0x10`,
/// `7 €`. Pix parses with JavaScript's `parseFloat` after replacing the first comma and the first
/// space, so it accepts `7,` and `10 00` and compares binary floating-point values.
public struct AnswerNumber: Hashable, Sendable, CustomStringConvertible {
    /// True for a number below zero (never for zero: `-0` = `0`).
    public let isNegative: Bool
    /// Digits of the integer part without leading zeros (`"0"` for none).
    public let integerDigits: String
    /// Digits of the fractional part without trailing zeros (empty for an integer).
    public let fractionDigits: String

    /// Reads `text`; nil when it is not a number of the grammar above.
    public init?(_ text: String) {
        let scalars = Array(Tolerance.preTreated(text).unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard start < end else { return nil }
        var index = start
        var negative = false
        switch scalars[index] {
        case "+": index += 1
        case "-", "\u{2212}":
            negative = true
            index += 1
        default: break
        }
        // Integer part, with optional thousands groups.
        var integer: [Unicode.Scalar] = []
        var groupLength = 0
        var grouped = false
        while index < end {
            let scalar = scalars[index]
            if Self.isDigit(scalar) {
                integer.append(scalar)
                groupLength += 1
                index += 1
            } else if scalar == " " {
                // A space must follow a first group of 1–3 digits or a group of exactly 3.
                guard groupLength >= 1, groupLength <= 3, !grouped || groupLength == 3 else { return nil }
                grouped = true
                groupLength = 0
                index += 1
            } else {
                break
            }
        }
        guard !integer.isEmpty, !grouped || groupLength == 3 else { return nil }
        var fraction: [Unicode.Scalar] = []
        if index < end {
            guard scalars[index] == "," || scalars[index] == "." else { return nil }
            index += 1
            while index < end, Self.isDigit(scalars[index]) {
                fraction.append(scalars[index])
                index += 1
            }
            guard !fraction.isEmpty, index == end else { return nil }
        }
        let significantInteger = integer.drop { $0 == "0" }
        while fraction.last == "0" { fraction.removeLast() }
        integerDigits = significantInteger.isEmpty ? "0" : String(String.UnicodeScalarView(significantInteger))
        fractionDigits = String(String.UnicodeScalarView(fraction))
        isNegative = negative && (integerDigits != "0" || !fractionDigits.isEmpty)
    }

    /// Canonical form: `-12.5`, `7`, `0.25`.
    public var description: String {
        (isNegative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
}

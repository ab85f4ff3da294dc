import Foundation

/// JSON values written straight into UTF-8 bytes, as Foundation's `JSONEncoder` writes them, for the
/// few shapes written on every request of the runtime service (a session's state, a reply), where
/// `JSONEncoder` costs more than the rest of the work. Tests compare each writer that uses these with
/// `JSONEncoder`'s output.
public enum JSONBytes {
    /// A JSON string: `"` and `\` escaped, `/` too unless `escapingSlashes` is false (`JSONEncoder`'s
    /// `.withoutEscapingSlashes`), control characters as `\n`, `\t`, `\r`, `\b`, `\f` or `\u00XX`; every
    /// other character as its UTF-8 bytes.
    public static func appendString(_ text: String, escapingSlashes: Bool = true, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            appendEscaped(bytes, escapingSlashes: escapingSlashes, to: &out)
        }
        if written == nil { appendEscaped(Array(text.utf8), escapingSlashes: escapingSlashes, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, escapingSlashes: Bool, to out: inout [UInt8]
    ) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/") where escapingSlashes: out.append(contentsOf: #"\/"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// An integer in decimal.
    public static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// A finite double as `JSONEncoder` writes it: without a fraction when integral (in the range where
    /// doubles are exact integers; -0 as `-0`), else Swift's shortest round-trip form. The caller checks finiteness
    /// (`JSONEncoder` refuses infinities and NaN).
    public static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            if value == 0, value.sign == .minus { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: String(Int64(value)).utf8)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// `true` or `false`.
    public static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A date as `JSONEncoder`'s `.iso8601` strategy writes it: `"2026-12-07T20:36:26Z"` (UTC, whole
    /// seconds: the fraction is dropped), for years 1970–9999; nil outside them (the caller then lets
    /// `JSONEncoder` write it).
    public static func appendDate(_ date: Date, to out: inout [UInt8]) -> Bool {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 253_402_300_800 else { return false }
        let total = Int(seconds)
        let (days, time) = total.quotientAndRemainder(dividingBy: 86_400)
        // Days since 1970-01-01 to a Gregorian date (Howard Hinnant's civil_from_days).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        out.append(UInt8(ascii: "\""))
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(time / 3_600, 2)
        out.append(UInt8(ascii: ":"))
        digits(time / 60 % 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(time % 60, 2)
        out.append(contentsOf: "Z\"".utf8)
        return true
    }

    /// Seconds since 1970-01-01T00:00:00Z of a UTC date-time from 1970 to 9999; nil for a date the
    /// calendar does not have (`2025-02-30`, hour 24) or outside those years. The inverse of
    /// ``appendDate(_:to:)`` for its whole seconds.
    public static func secondsSince1970(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1970...9999).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= lengths[month - 1] else { return nil }
        // Howard Hinnant's days_from_civil.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }
}

import Foundation

/// Strict ISO 8601 dates, as the tool's options and files write them: `session --date`, `certify
/// --date` (a day or a date-time) and `calibrate --date` (a day).
///
/// Strict means: the digits and separators of the profile only (no week dates, no fractions, no
/// locale), years 1970–9999, and no date the calendar would roll over (`2025-02-30` is refused, not
/// read as 2 March). Computed with the Gregorian calendar in UTC, whatever the machine's time zone.
public enum ISO8601Date {
    /// `2026-11-29` (midnight UTC), or `2026-11-29T10:00:00Z`, or `2026-11-29T10:00:00+01:00` (an
    /// offset from UTC, hours below 24 and minutes below 60); nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let day = day(bytes) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if bytes.count > 10 {
            guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
                bytes[16] == UInt8(ascii: ":"), let h = number(bytes, 11..<13), let m = number(bytes, 14..<16),
                let s = number(bytes, 17..<19), h < 24, m < 60, s < 60
            else { return nil }
            (hour, minute, second) = (h, m, s)
            let zone = Array(bytes[19...])
            if zone == [UInt8(ascii: "Z")] {
                offset = 0
            } else if zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                zone[3] == UInt8(ascii: ":"), let zh = number(bytes, 20..<22), let zm = number(bytes, 23..<25),
                zh < 24, zm < 60
            {
                offset = (zone[0] == UInt8(ascii: "-") ? -1 : 1) * (zh * 3600 + zm * 60)
            } else {
                return nil
            }
        }
        let components = DateComponents(
            year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second)
        guard let date = utc.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offset))
    }

    /// `2026-11-29` (exactly: ten characters, a real day, years 1970–9999) as midnight UTC; nil otherwise,
    /// a date-time included.
    public static func parseDay(_ text: String) -> Date? {
        text.utf8.count == 10 ? parse(text) : nil
    }

    /// The UTC day of `date` as `YYYY-MM-DD` (`calibrate` records it in `<calibration date="…">`).
    public static func day(of date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// The day of `YYYY-MM-DD…` when it exists (the calendar does not roll it over).
    private static func day(_ bytes: [UInt8]) -> (year: Int, month: Int, day: Int)? {
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let year = number(bytes, 0..<4),
            let month = number(bytes, 5..<7), let day = number(bytes, 8..<10), (1970...9999).contains(year),
            (1...12).contains(month), day >= 1
        else { return nil }
        guard let date = utc.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        let back = utc.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return (year, month, day)
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= bytes.count,
            range.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) })
        else { return nil }
        return range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) }
    }
}

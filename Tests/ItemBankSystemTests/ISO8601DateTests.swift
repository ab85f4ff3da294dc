import Foundation
import ItemBankSystem
import Testing

/// The strict ISO 8601 dates of `session --date`, `certify --date` and `calibrate --date`.
@Suite struct ISO8601DateTests {
    @Test(arguments: [
        ("2026-11-29", 1_795_910_400.0),
        ("2026-11-29T10:00:00Z", 1_795_946_400.0),
        ("2026-11-29T10:00:00+01:00", 1_795_942_800.0),
        ("2026-11-29T10:00:00-02:30", 1_795_955_400.0),
        ("1970-01-01", 0.0),
        ("2024-02-29", 1_709_164_800.0),
    ])
    func accepted(text: String, seconds: Double) {
        #expect(ISO8601Date.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "2025-02-30", "2026-13-01", "2026-00-10", "2026-11-00", "1969-12-31", "26-11-29", "2026/11/29",
        "2026-11-29T24:00:00Z", "2026-11-29T10:00:00", "2026-11-29T10:00Z", "2026-11-29T10:00:00+0100",
        "2026-11-29T10:00:00.5Z", "2026-11-29 10:00:00Z", "２０２６-11-29", "", "tomorrow",
    ])
    func refused(text: String) {
        #expect(ISO8601Date.parse(text) == nil)
    }

    @Test func daysOnly() {
        #expect(ISO8601Date.parseDay("2026-12-07") == Date(timeIntervalSince1970: 1_796_601_600))
        #expect(ISO8601Date.parseDay("2026-12-07T00:00:00Z") == nil)
        #expect(ISO8601Date.parseDay("2026-2-7") == nil)
    }

    @Test func theUTCDay() {
        #expect(ISO8601Date.day(of: Date(timeIntervalSince1970: 1_796_601_600 + 86_399)) == "2026-12-07")
        #expect(ISO8601Date.day(of: Date(timeIntervalSince1970: 0)) == "1970-01-01")
    }
}

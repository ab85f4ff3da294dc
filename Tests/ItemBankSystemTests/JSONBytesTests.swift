import Foundation
import ItemBankSystem
import Testing

/// `JSONBytes` writes what `JSONEncoder` writes, value by value.
@Suite struct JSONBytesTests {
    static let strings = [
        "", "plain", #"quote " and backslash \ and slash /"#, "line\nreturn\rtab\tback\u{8}feed\u{C}",
        "nul \u{0} unit \u{1F} del \u{7F}", "é à ç œ « » – ’", "emoji 🧑‍💻 and combining e\u{301}",
        "</script>", "\u{2028}\u{2029}",
    ]

    @Test(arguments: [true, false]) func stringsAreJSONEncoders(escapingSlashes: Bool) throws {
        let encoder = JSONEncoder()
        if !escapingSlashes { encoder.outputFormatting = .withoutEscapingSlashes }
        for text in Self.strings {
            var out: [UInt8] = []
            JSONBytes.appendString(text, escapingSlashes: escapingSlashes, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(decoding: try encoder.encode(text), as: UTF8.self))
            // A bridged string (no contiguous UTF-8 storage) is written the same.
            var bridged: [UInt8] = []
            JSONBytes.appendString(NSString(string: text) as String, escapingSlashes: escapingSlashes, to: &bridged)
            #expect(bridged == out)
        }
    }

    @Test func numbersAreJSONEncoders() throws {
        let doubles: [Double] = [0, -0.0, 1, -17, 0.1, 1e-7, 123_456.789, 1e21, 9_007_199_254_740_991, 1e300, -2.5]
        for value in doubles {
            var out: [UInt8] = []
            JSONBytes.appendNumber(value, to: &out)
            #expect(
                String(decoding: out, as: UTF8.self)
                    == String(decoding: try JSONEncoder().encode(value), as: UTF8.self),
                "\(value)")
        }
        for value in [0, 1, -1, Int.max, Int.min] {
            var out: [UInt8] = []
            JSONBytes.appendInteger(value, to: &out)
            #expect(out == Array(try JSONEncoder().encode(value)))
        }
        for value in [true, false] {
            var out: [UInt8] = []
            JSONBytes.appendBool(value, to: &out)
            #expect(out == Array(try JSONEncoder().encode(value)))
        }
    }

    @Test func datesAreJSONEncodersISO8601() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var generator = SplitMix64(seed: 7)
        var dates: [Date] = [
            0, 0.999, 59.5, 951_782_400, 951_868_799.75, 1_709_164_800, 4_107_542_400, 4_102_444_799.999,
        ]
        .map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double(generator.next() % 253_402_300_800_000) / 1_000))
        }
        for date in dates {
            var out: [UInt8] = []
            #expect(JSONBytes.appendDate(date, to: &out))
            #expect(out == Array(try encoder.encode(date)), "\(date.timeIntervalSince1970)")
            // And back: the date's whole seconds.
            let text = String(decoding: out, as: UTF8.self)
            let field = { (from: Int, count: Int) in Int(text.dropFirst(from).prefix(count)) ?? -1 }
            #expect(
                JSONBytes.secondsSince1970(
                    year: field(1, 4), month: field(6, 2), day: field(9, 2), hour: field(12, 2), minute: field(15, 2),
                    second: field(18, 2)) == Int(date.timeIntervalSince1970.rounded(.down)))
        }
        #expect(JSONBytes.secondsSince1970(year: 2027, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
        #expect(JSONBytes.secondsSince1970(year: 2028, month: 2, day: 29, hour: 0, minute: 0, second: 0) != nil)
        #expect(JSONBytes.secondsSince1970(year: 2100, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
        #expect(JSONBytes.secondsSince1970(year: 2026, month: 12, day: 7, hour: 24, minute: 0, second: 0) == nil)
        #expect(JSONBytes.secondsSince1970(year: 1969, month: 12, day: 31, hour: 23, minute: 0, second: 0) == nil)
        var out: [UInt8] = []
        #expect(!JSONBytes.appendDate(Date(timeIntervalSince1970: -1), to: &out))
        #expect(!JSONBytes.appendDate(Date(timeIntervalSince1970: 253_402_300_800), to: &out))
        #expect(out.isEmpty)
    }
}

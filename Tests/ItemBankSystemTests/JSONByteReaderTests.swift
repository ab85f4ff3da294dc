import Foundation
import ItemBankSystem
import Testing

/// `JSONByteReader` reads what `JSONDecoder` reads, for the plain forms it takes, and takes nothing
/// else.
@Suite struct JSONByteReaderTests {
    static func read<T>(_ text: String, _ read: (inout JSONByteReader) -> T?) -> T? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            guard let value = read(&reader), reader.isAtEnd else { return nil }
            return value
        }
    }

    @Test(arguments: [
        "0", "-0", "7", "-12", "3.25", "-0.5", "0.000", "123456789012345678901234567890", "0.1", "9007199254740993",
        "0.99999999999999999", "1" + String(repeating: "0", count: 300) + ".5",
    ])
    func numbersAreJSONDecoders(text: String) throws {
        let expected = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
        let read = try #require(Self.read(text) { $0.number() })
        #expect(read == expected)
        #expect(read.sign == expected.sign)
    }

    /// Not numbers, and numbers left to `JSONDecoder`: any exponent (it refuses `0e5` and `1e-400`, which
    /// a double would read), a value beyond the doubles, a non-zero one too small for them.
    @Test(arguments: [
        "", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "0x10", "1,", "NaN", "Infinity", "1e999", "- 1", "1e3",
        "1E-3", "2.5e+2", "0e5", "0E1", "1e-400", String(repeating: "9", count: 400),
        "0." + String(repeating: "0", count: 400) + "1",
    ])
    func notNumbers(text: String) {
        #expect(Self.read(text) { $0.number() } == nil)
    }

    @Test func integers() {
        #expect(Self.read("0") { $0.integer() } == 0)
        #expect(Self.read("-0") { $0.integer() } == 0)
        #expect(Self.read("-42") { $0.integer() } == -42)
        #expect(Self.read("9223372036854775807") { $0.integer() } == Int.max)
        #expect(Self.read("-9223372036854775808") { $0.integer() } == Int.min)
        for text in ["9223372036854775808", "1.0", "1e2", "01", "", "-", "1 "] {
            #expect(Self.read(text) { $0.integer() } == nil, "\(text)")
        }
    }

    @Test func strings() {
        #expect(Self.read(#""""#) { $0.string() } == "")
        #expect(Self.read(#""é 🦊 / <>""#) { $0.string() } == "é 🦊 / <>")
        // Escapes, control characters, an open string, invalid UTF-8: left to JSONDecoder.
        for text in [#""a\"b""#, #""a\nb""#, "\"a\nb\"", #""abc"#, "abc"] {
            #expect(Self.read(text) { $0.string() } == nil, "\(text)")
        }
        let invalid = [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]
        let read = invalid.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(bytes: buffer)
            return reader.string()
        }
        #expect(read == nil)
    }

    @Test func arraysAndObjects() {
        #expect(Self.read("[]") { $0.array { $0.integer() } } == [])
        #expect(Self.read("[1,2,3]") { $0.array { $0.integer() } } == [1, 2, 3])
        for text in ["[1,]", "[,1]", "[1 ,2]", "[1", "[\"a\"]"] {
            #expect(Self.read(text) { $0.array { $0.integer() } } == nil, "\(text)")
        }
        func members(_ text: String) -> [String: String]? {
            Self.read(text) { reader -> [String: String]? in
                var found: [String: String] = [:]
                let taken = reader.object { key, reader in
                    guard let value = reader.string() else { return false }
                    found[key] = value
                    return true
                }
                return taken ? found : nil
            }
        }
        #expect(members("{}") == [:])
        #expect(members(#"{"a":"1","b":"2"}"#) == ["a": "1", "b": "2"])
        for text in [#"{"a":"1","a":"2"}"#, #"{"a":1}"#, #"{"a":"1",}"#, #"{"a" :"1"}"#, #"{"a":"1""#] {
            #expect(members(text) == nil, "\(text)")
        }
    }

    @Test func dates() throws {
        let date = try #require(Self.read(#""2026-12-07T23:59:58Z""#) { $0.date() })
        #expect(date.timeIntervalSince1970 == 1_796_687_998)
        for text in [
            #""2026-02-30T00:00:00Z""#, #""2026-12-07T24:00:00Z""#, #""1969-12-31T23:59:59Z""#,
            #""2026-12-07T23:59:58.5Z""#, #""2026-12-07 23:59:58Z""#,
        ] {
            #expect(Self.read(text) { $0.date() } == nil, "\(text)")
        }
    }
}

import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankRuntime

/// Reading and writing the files of the learner journey (profiles, scripted answers) for `session`
/// and `certify`.
enum JourneyFiles {
    /// Reads a JSON file, or fails with status 2 naming the file and the problem.
    static func read<Value: Decodable>(_ type: Value.Type, from path: String, what: String) throws -> Value {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.usage("\(path): cannot read the \(what): no such file")
        }
        guard !isDirectory.boolValue else {
            throw CommandError.usage("\(path): cannot read the \(what): it is a folder, give a JSON file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.usage("\(path): cannot read the \(what): permission denied or unreadable")
        }
        do {
            return try JSONDecoder.journey.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw CommandError.usage("\(path): not a valid \(what): \(describe(error)) (JSON expected, UTF-8)")
        } catch {
            throw CommandError.usage("\(path): not a valid \(what): \(error)")
        }
    }

    /// Writes a value as JSON (atomically), or fails with status 2.
    static func write<Value: Encodable>(_ value: Value, to path: String) throws {
        do {
            try BankFileWriter.write(Array(try JSONEncoder.journey.encode(value)), to: path)
        } catch {
            throw CommandError.usage("\(error)")
        }
    }

    /// Checks an output path before a session starts (its folder exists and is writable; not a folder,
    /// link, device or pipe), so that answers are never lost to a bad path at the end.
    static func checkOutput(_ path: String?) throws {
        guard let path else { return }
        do {
            try BankFileWriter.checkTarget(path)
        } catch {
            throw CommandError.usage("\(error)")
        }
    }

    /// `--date`: an ISO 8601 day (`2026-11-29`, midnight UTC) or date-time in UTC or with an offset
    /// (`2026-11-29T10:00:00Z`, `2026-11-29T10:00:00+01:00`), years 1970–9999; anything else, or an
    /// impossible date (`2025-02-30`), is a usage error. Default: now.
    static func date(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        guard let date = strictDate(text) else {
            throw CommandError.usage(
                "--date \(text): expected an ISO 8601 date (2026-11-29) or date-time (2026-11-29T10:00:00Z), years 1970–9999"
            )
        }
        return date
    }

    static func strictDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else {
                return nil
            }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), (1970...9999).contains(year)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if bytes.count > 10 {
            guard bytes.count >= 20, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58, let h = number(11..<13),
                let m = number(14..<16), let s = number(17..<19), h < 24, m < 60, s < 60
            else { return nil }
            (hour, minute, second) = (h, m, s)
            let zone = Array(bytes[19...])
            if zone == [90] {
                offset = 0
            } else if zone.count == 6, zone[0] == 43 || zone[0] == 45, zone[3] == 58,
                let zh = number(20..<22), let zm = number(23..<25), zh < 24, zm < 60
            {
                offset = (zone[0] == 45 ? -1 : 1) * (zh * 3600 + zm * 60)
            } else {
                return nil
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        // Reject dates the calendar would roll over (30 February → 2 March).
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date.addingTimeInterval(TimeInterval(-offset))
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at " + keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.debugDescription + path(context)
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\"" + path(context)
        @unknown default:
            return "\(error)"
        }
    }
}

extension JSONEncoder {
    /// The tool's JSON: pretty, sorted keys, unescaped slashes, ISO 8601 dates.
    static var journey: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var journey: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankRuntime
import ItemBankSystem

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
        guard let date = ISO8601Date.parse(text) else {
            throw CommandError.usage(
                "--date \(text): expected an ISO 8601 date (2026-11-29) or date-time (2026-11-29T10:00:00Z), years 1970–9999"
            )
        }
        return date
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

import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankRuntime

/// Reading and writing the files of the learner journey (profiles, scripted answers) for `session`
/// and `certify`.
enum JourneyFiles {
    /// Reads a JSON file, or fails with status 2 naming the file and the problem.
    static func read<Value: Decodable>(_ type: Value.Type, from path: String, what: String) throws -> Value {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Terminal.fail("\(path): cannot read the \(what): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder.journey.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw Terminal.fail("\(path): not a valid \(what): \(describe(error))")
        } catch {
            throw Terminal.fail("\(path): not a valid \(what): \(error)")
        }
    }

    /// Writes a value as JSON (atomically), or fails with status 2.
    static func write<Value: Encodable>(_ value: Value, to path: String) throws {
        do {
            try JSONEncoder.journey.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Terminal.fail("\(path): cannot write: \(error.localizedDescription)")
        }
    }

    /// `--date`: an ISO 8601 date-time (`2026-11-29T10:00:00Z`) or day (`2026-11-29`, midnight UTC).
    static func date(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        throw Terminal.fail(
            "--date \(text): expected an ISO 8601 date (2026-11-29) or date-time (2026-11-29T10:00:00Z)")
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

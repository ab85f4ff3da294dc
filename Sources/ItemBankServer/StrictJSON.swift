import Foundation

/// Decoding of request bodies that refuses what a lenient decoder would drop: a body that is not a JSON
/// object, unknown fields (at the top level and in nested objects the caller names), wrong types.
public enum StrictJSON {
    /// Decodes `T` from `data`.
    /// - Parameters:
    ///   - fields: the top-level fields `T` has.
    ///   - nested: for a top-level field holding an object, the fields that object may have.
    /// - Throws: ``ServiceError`` 400 `malformed-request`, naming the field and what to send.
    public static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, fields: Set<String>, nested: [String: Set<String>] = [:]
    ) throws(ServiceError) -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .malformed("the body is not valid JSON: send a JSON object (Content-Type: application/json)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .malformed("the body must be a JSON object")
        }
        if let unknown = dictionary.keys.sorted().first(where: { !fields.contains($0) }) {
            throw .malformed(
                "unknown field \"\(unknown)\"; the fields are \(fields.sorted().joined(separator: ", "))")
        }
        for (field, allowed) in nested {
            guard let value = dictionary[field] else { continue }
            guard let inner = value as? [String: Any] else { throw .malformed("field \"\(field)\" must be an object") }
            if let unknown = inner.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw .malformed(
                    "unknown field \"\(field).\(unknown)\"; \(field) has one of "
                        + allowed.sorted().joined(separator: ", "))
            }
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed("missing field \"\(path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw .malformed("field \"\(path(context.codingPath))\" must be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw .malformed("field \"\(path(context.codingPath))\" must be \(describe(expected)), not null")
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed("field \"\(path(context.codingPath))\": \(context.debugDescription)")
        } catch {
            throw .malformed("the body does not match the operation's schema")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of the documented type"
        }
    }
}

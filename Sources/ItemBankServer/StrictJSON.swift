import Foundation

/// Decoding of request bodies that refuses what a lenient decoder would drop: a body that is not a JSON
/// object or not UTF-8, a field given twice (at any depth), unknown fields (at the top level and in nested
/// objects the caller names), a trailing comma, wrong types (naming the field's path, `answer.choices[0]`).
public enum StrictJSON {
    /// Decodes `T` from `data`.
    /// - Parameters:
    ///   - fields: the top-level fields `T` has.
    ///   - nested: for a top-level field holding an object, the fields that object may have.
    /// - Throws: ``ServiceError`` 400 `malformed-request`, naming the field and what to send.
    public static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, fields: Set<String>, nested: [String: Set<String>] = [:]
    ) throws(ServiceError) -> T {
        // A plain body of a session's start or an answer (nearly every request there): read directly.
        if let readable = T.self as? any DirectlyReadable.Type, let value = readable.read(data) as? T {
            return value
        }
        return try decodeWithFoundation(type, from: data, fields: fields, nested: nested)
    }

    /// ``decode(_:from:fields:nested:)`` without the direct reading (``DirectlyReadable``): the reference
    /// it is tested against.
    static func decodeWithFoundation<T: Decodable>(
        _ type: T.Type, from data: Data, fields: Set<String>, nested: [String: Set<String>] = [:]
    ) throws(ServiceError) -> T {
        // A well-formed body: one decoding, then one scan of the bytes for what the decoder lets pass (a
        // field given twice, unknown fields, a trailing comma). Only a body that fails to decode takes the
        // slower path below, which finds the most helpful message.
        let bytes = [UInt8](data)
        // JSON is UTF-8 (RFC 8259, 8.1): Foundation would also read UTF-16 and UTF-32, whose NUL bytes the
        // key scan cannot read (and a NUL byte is in no UTF-8 JSON text).
        if bytes.contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw .malformed("the body is not UTF-8: send the JSON in UTF-8 (RFC 8259), without NUL bytes")
        }
        if let value = try? decoder.decode(T.self, from: data) {
            if let problem = keyProblem(scanKeys(bytes), fields: fields, nested: nested) { throw .malformed(problem) }
            return value
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Valid JSON that Foundation cannot hold: say what, and where.
            let keys = scanKeys(bytes)
            if keys.depth > maximumDepth {
                throw .malformed(
                    "the body nests objects and arrays \(keys.depth) deep; the requests of this API nest 3 at most")
            }
            if let path = keys.numberOutOfRange {
                let place = path.isEmpty ? "the body" : "field \"\(shown(path))\""
                throw .malformed("\(place) holds a number beyond a double's range (±1.8e308): send a smaller one")
            }
            throw .malformed("the body is not valid JSON: send a JSON object (Content-Type: application/json)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .malformed("the body must be a JSON object")
        }
        if let problem = keyProblem(scanKeys(bytes), fields: fields, nested: nested) { throw .malformed(problem) }
        for field in nested.keys.sorted() where dictionary[field].map({ !($0 is [String: Any]) }) ?? false {
            throw .malformed("field \"\(field)\" must be an object")
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed("missing field \"\(path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw .malformed("field \"\(path(context.codingPath))\" must be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw .malformed("field \"\(path(context.codingPath))\" must be \(describe(expected)), not null")
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty, let culprit = numberOutOfType(T.self, in: object) {
                // Foundation's decoder reports a number that does not fit the field's type (1.5 or 1e300
                // for an integer) as invalid JSON, without a path: find the number by replacing it.
                throw .malformed("field \"\(culprit)\" must be an integer")
            }
            if context.codingPath.isEmpty {
                // Several numbers out of their fields' type at once, or one the search above did not reach.
                throw .malformed(
                    "a number does not fit its field: integer fields (such as answer.choices) take no fraction and "
                        + "nothing beyond 2^63")
            }
            throw .malformed("field \"\(path(context.codingPath))\": \(context.debugDescription)")
        } catch {
            throw .malformed("the body does not match the operation's schema")
        }
    }

    /// `answer.choices[0]`: keys joined by dots, indexes in brackets.
    static func path(_ keys: [any CodingKey]) -> String {
        path(keys.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
    }

    enum Step {
        case key(String)
        case index(Int)
    }

    static func path(_ steps: [Step]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The path of the first fractional or huge number in `object` whose replacement by 0 lets `T` decode past the
    /// path-less "not valid JSON" error (at most 256 numbers are tried), or nil.
    static func numberOutOfType<T: Decodable>(_ type: T.Type, in object: Any) -> String? {
        var numbers: [[Step]] = []
        func collect(_ value: Any, _ steps: [Step]) {
            guard numbers.count < 256 else { return }
            if let dictionary = value as? [String: Any] {
                for key in dictionary.keys.sorted() { collect(dictionary[key] as Any, steps + [.key(key)]) }
            } else if let array = value as? [Any] {
                for (index, element) in array.enumerated() { collect(element, steps + [.index(index)]) }
            } else if let number = (value as? NSNumber)?.doubleValue,
                number.rounded() != number || abs(number) >= 9.2e18
            {
                // Only numbers no integer field takes (true and false are 1 and 0 here).
                numbers.append(steps)
            }
        }
        collect(object, [])
        for steps in numbers {
            let replaced = replacing(steps[...], in: object)
            guard let data = try? JSONSerialization.data(withJSONObject: replaced, options: [.fragmentsAllowed])
            else { continue }
            do {
                _ = try JSONDecoder().decode(T.self, from: data)
                return path(steps)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {
                return path(steps)
            }
        }
        return nil
    }

    static func replacing(_ steps: ArraySlice<Step>, in value: Any) -> Any {
        guard let step = steps.first else { return 0 }
        switch step {
        case .key(let key):
            guard var dictionary = value as? [String: Any], let inner = dictionary[key] else { return value }
            dictionary[key] = replacing(steps.dropFirst(), in: inner)
            return dictionary
        case .index(let index):
            guard var array = value as? [Any], array.indices.contains(index) else { return value }
            array[index] = replacing(steps.dropFirst(), in: array[index])
            return array
        }
    }

    static let decoder = JSONDecoder()

    /// What a scan of a JSON text (valid JSON) finds about its object keys.
    struct Keys {
        /// The path of the first key given twice in an object, at any depth (a lenient parser keeps the
        /// last value silently; a strict API refuses the ambiguity).
        var duplicate: String?
        /// The keys of the top-level object.
        var top: Set<String> = []
        /// The keys of each top-level member whose value is an object.
        var nested: [String: Set<String>] = [:]
        /// Where the first comma directly before a `}` or `]` is (the path of its object or array, empty
        /// for the top level): Foundation's decoder reads `[1,]` and `{"a":1,}`, which JSON does not allow.
        var trailingComma: String?
        /// The path of the first number beyond a double's range (`1e999`, 400 digits), which
        /// `JSONSerialization` refuses as if the text were not JSON.
        var numberOutOfRange: String?
        /// How deep objects and arrays nest (`JSONSerialization` refuses more than ``maximumDepth``).
        var depth = 0
    }

    /// The nesting `JSONSerialization` reads at most (it refuses deeper texts as not JSON).
    static let maximumDepth = 512

    /// The first problem found by ``scanKeys(_:)``, as a message: a trailing comma, then a key given
    /// twice, then an unknown top-level field (the first in sorted order), then an unknown field of a
    /// nested object.
    static func keyProblem(_ keys: Keys, fields: Set<String>, nested: [String: Set<String>]) -> String? {
        if let path = keys.trailingComma {
            let place = path.isEmpty ? "the body" : "\"\(shown(path))\""
            return "the body is not valid JSON: a comma ends \(place) (remove the comma before } or ])"
        }
        if let duplicate = keys.duplicate {
            return "field \"\(shown(duplicate))\" is given twice: give each field once"
        }
        if let unknown = keys.top.sorted().first(where: { !fields.contains($0) }) {
            return "unknown field \"\(shown(unknown))\"; the fields are \(fields.sorted().joined(separator: ", "))"
        }
        for (field, allowed) in nested.sorted(by: { $0.key < $1.key }) {
            if let unknown = keys.nested[field]?.sorted().first(where: { !allowed.contains($0) }) {
                return
                    "unknown field \"\(field).\(shown(unknown))\"; \(field) has one of \(allowed.sorted().joined(separator: ", "))"
            }
        }
        return nil
    }

    /// A name from the body as a message shows it: at most 60 characters, then `…`.
    static func shown(_ name: String) -> String {
        name.count <= 60 ? name : name.prefix(60) + "…"
    }

    /// Scans the object keys of `bytes` (valid JSON) in one pass.
    static func scanKeys(_ bytes: [UInt8]) -> Keys {
        struct Container {
            var isObject: Bool
            var keys: Set<String> = []
            var expectsKey = true
            var index = 0
            var step: Step?
        }
        var found = Keys()
        var stack: [Container] = []
        var pendingStep: Step?
        var offset = 0
        var afterComma = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if afterComma, byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]"), found.trailingComma == nil {
                found.trailingComma = path(stack.compactMap(\.step))
            }
            if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) { afterComma = byte == UInt8(ascii: ",") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let step = stack.last.map { $0.isObject ? pendingStep : .index($0.index) } ?? nil
                stack.append(Container(isObject: byte == UInt8(ascii: "{"), step: step))
                found.depth = max(found.depth, stack.count)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                // A number (outside strings, which the case below skips whole): read to its end.
                let start = offset
                while offset + 1 < bytes.count,
                    bytes[offset + 1] == UInt8(ascii: "-") || bytes[offset + 1] == UInt8(ascii: "+")
                        || bytes[offset + 1] == UInt8(ascii: ".") || bytes[offset + 1] | 0x20 == UInt8(ascii: "e")
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset + 1])
                {
                    offset += 1
                }
                let text = String(decoding: bytes[start...offset], as: UTF8.self)
                if found.numberOutOfRange == nil, let value = Double(text), !value.isFinite {
                    let step = stack.last.map { $0.isObject ? pendingStep : .index($0.index) } ?? nil
                    found.numberOutOfRange = path(stack.compactMap(\.step) + (step.map { [$0] } ?? []))
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let closed = stack.popLast() else { break }
                if closed.isObject, stack.count == 1, case .key(let member)? = closed.step {
                    found.nested[member] = closed.keys
                } else if closed.isObject, stack.isEmpty {
                    found.top = closed.keys
                }
            case UInt8(ascii: ","):
                if stack.isEmpty { break }
                stack[stack.count - 1].expectsKey = true
                stack[stack.count - 1].index += 1
            case UInt8(ascii: "\""):
                let start = offset
                var escaped = false
                offset += 1
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
                    if bytes[offset] == UInt8(ascii: "\\") {
                        escaped = true
                        offset += 2
                    } else {
                        offset += 1
                    }
                }
                guard let top = stack.last, top.isObject, top.expectsKey else { break }
                let token = bytes[start...min(offset, bytes.count - 1)]
                let key =
                    escaped
                    ? (try? JSONSerialization.jsonObject(with: Data(token), options: [.fragmentsAllowed])) as? String
                        ?? String(decoding: token, as: UTF8.self)
                    : String(decoding: token.dropFirst().dropLast(), as: UTF8.self)
                stack[stack.count - 1].expectsKey = false
                pendingStep = .key(key)
                if !stack[stack.count - 1].keys.insert(key).inserted, found.duplicate == nil {
                    found.duplicate = path(stack.compactMap(\.step) + [.key(key)])
                }
            default:
                break
            }
            offset += 1
        }
        return found
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "of the documented type"
        }
    }
}

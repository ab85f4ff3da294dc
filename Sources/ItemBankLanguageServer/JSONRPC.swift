import Foundation

/// A JSON value, for the parts of JSON-RPC messages whose shape depends on the method (`params`, `id`,
/// `result`).
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 {
                try container.encode(Int(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, nil when the value is not a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// The envelope of a JSON-RPC 2.0 message as read: a request (`id` and `method`), a notification
/// (`method` only) or a response (`id` and `result` or `error`).
struct IncomingMessage: Decodable {
    var id: JSONValue?
    var method: String?
    var params: JSONValue?
}

/// A JSON-RPC 2.0 error object.
public struct ResponseError: Error, Codable, Sendable {
    public var code: Int
    public var message: String

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    /// LSP: a request other than `initialize` before `initialize`.
    public static let serverNotInitialized = -32002
    /// LSP: a request after `shutdown`.
    public static let requestFailed = -32803
}

/// Reads JSON-RPC messages framed by a `Content-Length` header (the LSP base protocol) from a file
/// descriptor.
struct MessageReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private(set) var atEnd = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next message's content bytes; nil at the end of the input.
    /// - Throws: ``ResponseError`` (parse error) when a header is malformed.
    mutating func next() throws(ResponseError) -> [UInt8]? {
        while true {
            if let message = try parseBuffered() { return message }
            if atEnd { return nil }
            fill()
        }
    }

    /// Whether a whole message is already buffered or input is waiting on the descriptor.
    mutating func hasPendingInput() -> Bool {
        if let end = try? headerEnd(), let length = try? contentLength(), buffer.count - end >= length {
            return true
        }
        var descriptors = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptors, 1, 0) > 0
    }

    private mutating func fill() {
        if start > 65536 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                atEnd = true
                return
            }
            buffer += chunk[0..<count]
            return
        }
    }

    /// Offset just after the blank line ending the headers, nil when not buffered yet.
    private func headerEnd() throws(ResponseError) -> Int? {
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index + 4
            }
            index += 1
        }
        if buffer.count - start > 8192 {
            throw ResponseError(code: ResponseError.parseError, message: "no end of headers in 8 KiB")
        }
        return nil
    }

    private func contentLength() throws(ResponseError) -> Int {
        guard let end = try headerEnd() else { return 0 }
        let headers = String(decoding: buffer[start..<end], as: UTF8.self)
        for line in headers.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length",
                let length = Int(parts[1].trimmingCharacters(in: .whitespaces)), length >= 0
            {
                return length
            }
        }
        throw ResponseError(code: ResponseError.parseError, message: "a message without a Content-Length header")
    }

    private mutating func parseBuffered() throws(ResponseError) -> [UInt8]? {
        guard let end = try headerEnd() else { return nil }
        let length = try contentLength()
        guard buffer.count - end >= length else { return nil }
        let content = Array(buffer[end..<end + length])
        start = end + length
        return content
    }
}

/// Writes JSON-RPC messages with their `Content-Length` header to a file descriptor.
struct MessageWriter {
    let descriptor: Int32
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func send(_ content: Data) {
        var bytes = Array("Content-Length: \(content.count)\r\n\r\n".utf8)
        bytes += content
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            written += count
        }
    }

    func respond<Result: Encodable>(id: JSONValue, result: Result) {
        if let data = try? encoder.encode(ResultMessage(id: id, result: result)) { send(data) }
    }

    func respondNull(id: JSONValue) {
        respond(id: id, result: JSONValue.null)
    }

    func respond(id: JSONValue, error: ResponseError) {
        if let data = try? encoder.encode(ErrorMessage(id: id, error: error)) { send(data) }
    }

    func notify<Params: Encodable>(_ method: String, _ params: Params) {
        if let data = try? encoder.encode(NotificationMessage(method: method, params: params)) { send(data) }
    }
}

struct ResultMessage<Result: Encodable>: Encodable {
    var jsonrpc = "2.0"
    var id: JSONValue
    var result: Result
}

struct ErrorMessage: Encodable {
    var jsonrpc = "2.0"
    var id: JSONValue
    var error: ResponseError
}

struct NotificationMessage<Params: Encodable>: Encodable {
    var jsonrpc = "2.0"
    var method: String
    var params: Params
}

import Foundation

/// An LSP client for the tests: starts the built `itembank lsp` and talks to it through its standard
/// input and output (Content-Length framing), as an editor does.
final class LanguageServerClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let process = Process()
    let toServer = Pipe()
    let fromServer = Pipe()
    private var buffer: [UInt8] = []
    private var nextID = 1
    /// Notifications received while waiting for something else, in order.
    private(set) var notifications: [[String: Any]] = []

    init(directory: String = CLI.root) throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["lsp"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    func send(_ message: [String: Any]) throws {
        var object = message
        object["jsonrpc"] = "2.0"
        let content = try JSONSerialization.data(withJSONObject: object)
        var bytes = Array("Content-Length: \(content.count)\r\n\r\n".utf8)
        bytes += content
        try toServer.fileHandleForWriting.write(contentsOf: Data(bytes))
    }

    func notify(_ method: String, _ params: [String: Any]) throws {
        try send(["method": method, "params": params])
    }

    /// Sends a request and returns its response (`result` or `error`), keeping the notifications that
    /// arrive before it.
    func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["id": id, "method": method, "params": params])
        while true {
            let message = try receive()
            if message["method"] == nil, message["id"] as? Int == id { return message }
            if message["method"] != nil { notifications.append(message) }
        }
    }

    /// The next `textDocument/publishDiagnostics` for `uri` (first among those already received).
    func diagnostics(for uri: String) throws -> [[String: Any]] {
        if let index = notifications.firstIndex(where: { Self.isDiagnostics($0, uri) }) {
            let message = notifications.remove(at: index)
            return Self.diagnosticList(message)
        }
        while true {
            let message = try receive()
            if Self.isDiagnostics(message, uri) { return Self.diagnosticList(message) }
            if message["method"] != nil { notifications.append(message) }
        }
    }

    static func isDiagnostics(_ message: [String: Any], _ uri: String) -> Bool {
        message["method"] as? String == "textDocument/publishDiagnostics"
            && (message["params"] as? [String: Any])?["uri"] as? String == uri
    }

    static func diagnosticList(_ message: [String: Any]) -> [[String: Any]] {
        (message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    }

    /// Reads one message (waits at most 60 s).
    func receive() throws -> [String: Any] {
        let descriptor = fromServer.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let message = try parse() { return message }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 1000)
            if ready < 0 && errno == EINTR { continue }
            if Date() > deadline { throw Failure(description: "no message from the server in 60 s") }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { throw Failure(description: "the server closed its output") }
            buffer += chunk[0..<count]
        }
    }

    private func parse() throws -> [String: Any]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(buffer.count - 3, 0)).first(where: { Array(buffer[$0..<$0 + 4]) == separator })
        else { return nil }
        let header = String(decoding: buffer[0..<end], as: UTF8.self)
        guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
        else { throw Failure(description: "bad header: \(header)") }
        guard buffer.count >= end + 4 + length else { return nil }
        let content = Data(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        guard let object = try JSONSerialization.jsonObject(with: content) as? [String: Any] else {
            throw Failure(description: "not an object: \(String(decoding: content, as: UTF8.self))")
        }
        return object
    }

    /// Sends `shutdown` and `exit`, and returns the exit status.
    func stop() throws -> Int32 {
        _ = try request("shutdown")
        try notify("exit", [:])
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `uri` of a file path.
    static func uri(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

    /// A diagnostic as the tests compare it: "code@line:character-line:character".
    static func summary(_ diagnostic: [String: Any]) -> String {
        let range = diagnostic["range"] as? [String: Any] ?? [:]
        func position(_ key: String) -> String {
            let value = range[key] as? [String: Any] ?? [:]
            return "\(value["line"] as? Int ?? -1):\(value["character"] as? Int ?? -1)"
        }
        return "\(diagnostic["code"] as? String ?? "?")@\(position("start"))-\(position("end"))"
    }
}

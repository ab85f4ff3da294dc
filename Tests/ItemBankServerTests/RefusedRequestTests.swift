import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Requests the server refuses before any route has read them — what the HTTP parser rejects, bodies
/// over `--max-body` — get problem+json and then end of file, over raw sockets (an HTTP client would
/// refuse to send them, or hide how the connection ends).
@Suite("itembank-server: requests refused before a route reads them", .serialized)
struct RefusedRequestTests {
    /// The whole answer to `request` on a new connection: the bytes read until end of file, and whether
    /// end of file came within `seconds`.
    static func exchange(port: Int, _ request: [UInt8], seconds: Int = 3) throws -> (text: String, closed: Bool) {
        let socket = try SlowClientTests.connect(port: port)
        defer { close(socket) }
        _ = request.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, request.count, 0) }
        return RawSocket.readUntilClosed(socket, seconds: seconds)
    }

    @Test func parserRefusalsAreProblemJSONThenClose() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let cases: [(request: [UInt8], reason: String)] = [
            (
                Array("FOO /v1/learner HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
                "the request line does not start with an HTTP method (the API uses GET, HEAD and POST)"
            ),
            (
                Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Name: a".utf8) + [0] + Array("b\r\n\r\n".utf8),
                "a header holds a character HTTP does not allow (a NUL or control character, a space in a name)"
            ),
            (
                Array(
                    "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: \(String(repeating: "a", count: 90_000))\r\n\r\n".utf8),
                "the request line and headers exceed 80 KB or 1,000 fields"
            ),
            (
                Array("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n".utf8),
                "the request line does not end with HTTP/1.1 or HTTP/1.0"
            ),
            (
                Array("POST /v1/learners HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8),
                "Content-Length is not a single number, or is given with Transfer-Encoding"
            ),
        ]
        for (request, reason) in cases {
            let (text, closed) = try Self.exchange(port: server.port, request)
            try Self.expectMalformed(text, reason: reason, instance: nil)
            #expect(closed, "no end of file after: \(text)")
        }
    }

    /// A parser error inside a body that a route is reading (a chunk size that is no number) reaches the
    /// route as the body's error: the same 400, with the path as instance, never a 413 or a 503.
    @Test func parserRefusalInsideABodyIsProblemJSONThenClose() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let request =
            "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(learner.token)\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"kin\r\nzz\r\n"
        let (text, closed) = try Self.exchange(port: server.port, Array(request.utf8))
        try Self.expectMalformed(
            text, reason: "a chunk size of the chunked body is not a hexadecimal number", instance: "/v1/sessions")
        #expect(closed, "no end of file after: \(text)")
    }

    /// One answer: `400 Bad Request`, problem+json `malformed-request` with the parser's reason,
    /// `Connection: close`, and nothing after it.
    static func expectMalformed(
        _ text: String, reason: String, instance: String?, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let response = try RawSocket.Response(text)
        #expect(response.statusLine == "HTTP/1.1 400 Bad Request", "\(text)", sourceLocation: sourceLocation)
        #expect(response.header("content-type") == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.header("connection") == "close", sourceLocation: sourceLocation)
        #expect(response.header("content-length") == String(response.body.utf8.count), sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] ?? [:]
        #expect(object["type"] as? String == "urn:itembank:problem:malformed-request", sourceLocation: sourceLocation)
        #expect(object["status"] as? Int == 400, sourceLocation: sourceLocation)
        #expect(
            object["detail"] as? String == "malformed HTTP request: \(reason); the connection is closed",
            "\(text)", sourceLocation: sourceLocation)
        #expect(object["instance"] as? String == instance, sourceLocation: sourceLocation)
    }
}

/// Reading an HTTP/1.1 answer from a raw socket.
enum RawSocket {
    /// Reads until end of file or until `seconds` pass; `closed` tells which.
    static func readUntilClosed(_ socket: Int32, seconds: Int) -> (text: String, closed: Bool) {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&poller, 1, left) > 0 else { break }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[0..<count]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// A response's status line, headers and body.
    struct Response {
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: String

        init(_ text: String) throws {
            guard let end = text.range(of: "\r\n\r\n") else { throw HarnessError("no complete head: \(text)") }
            let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
            statusLine = lines[0]
            headers = lines.dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (
                    String(line[..<colon]).lowercased(),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                )
            }
            body = String(text[end.upperBound...])
        }

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    }
}

/// A body over `--max-body` announced by `Content-Length` is refused at once — before the body is read
/// — with a 413 marked `Connection: close`, and the server closes its side: a client that keeps sending
/// slowly (the bytes of a 10 MB upload trickling in) still reads the 413 within 2 s.
@Suite("itembank-server: a 413 reaches a client that keeps sending", .serialized)
struct OversizedBodyTests {
    @Test(arguments: ["Connection: close\r\n", ""])
    func oversizedBodyIsRefusedAtOnce(connectionHeader: String) async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let learner = try await server.newLearner()
        let socket = try SlowClientTests.connect(port: server.port)
        defer { close(socket) }
        SlowClientTests.send(
            socket,
            "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(learner.token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\(connectionHeader)\r\n")
        // 1 KB every 50 ms (20 KB/s: --max-body's 64 KB would take 3 s to arrive), reading between writes.
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1024)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let started = Date()
        var closed = false
        while Date().timeIntervalSince(started) < 2, !closed {
            if !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                _ = chunk.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, chunk.count, Int32(MSG_DONTWAIT)) }
            }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 50) > 0 {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { closed = true } else { received += buffer[0..<count] }
            }
        }
        let text = String(decoding: received, as: UTF8.self)
        let response = try RawSocket.Response(text)
        #expect(response.statusLine == "HTTP/1.1 413 Payload Too Large", "\(text)")
        #expect(response.header("connection") == "close")
        #expect(response.header("content-type") == "application/problem+json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] ?? [:]
        #expect(object["type"] as? String == "urn:itembank:problem:body-too-large")
        #expect(
            object["detail"] as? String
                == "the body (Content-Length 10485760) exceeds 65536 bytes (--max-body); the connection is closed")
        // The server closed its side after the answer: end of file, well before the idle timeout.
        #expect(closed || RawSocket.readUntilClosed(socket, seconds: 3).closed, "\(text)")
    }
}

import Foundation
import Testing

/// The router's refusals on the pages' addresses are HTML pages, as the pages' other errors: an unknown
/// path under `/organise` or `/learn` is a 404 page, a method no page takes there a 405 page with `Allow`.
/// Raw sockets: URLSession does not show `Allow`.
@Suite("itembank-server: 404 and 405 on the pages' addresses", .serialized)
struct PageErrorTests {
    static func send(_ method: String, _ path: String, port: Int) throws -> RawSocket.Response {
        let request = "\(method) \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        let (text, _) = try RefusedRequestTests.exchange(port: port, Array(request.utf8))
        return try RawSocket.Response(text)
    }

    @Test func unknownPagesAndMethodsAreHTML() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(bank: Harness.crcnBank, database: folder + "/store.sqlite")
        defer { server.stop() }
        let session = String(repeating: "a", count: 32)
        let refused: [(method: String, path: String, allow: String)] = [
            ("PUT", "/learn", "GET, HEAD"),
            ("DELETE", "/learn/sessions/\(session)", "GET, HEAD"),
            ("PATCH", "/learn/start", "GET, HEAD, POST"),
            ("PUT", "/learn/campaigns/R7ZN8FMB/sessions", "GET, HEAD, POST"),
            ("DELETE", "/organise", "GET, HEAD"),
            ("PUT", "/organise/campaigns/R7ZN8FMB", "GET, HEAD"),
        ]
        for (method, path, allow) in refused {
            let response = try Self.send(method, path, port: server.port)
            #expect(response.statusLine == "HTTP/1.1 405 Method Not Allowed", "\(method) \(path)")
            #expect(response.header("allow") == allow, "\(method) \(path)")
            #expect(response.header("content-type") == "text/html; charset=utf-8", "\(method) \(path)")
            #expect(response.body.contains("<h1"), "\(method) \(path)")
            #expect(response.body.contains("\(method) is not allowed on \(path); use \(allow)"), "\(method) \(path)")
        }
        for (path, start) in [
            ("/organise/nowhere", "/organise"), ("/organise/campaigns/R7ZN8FMB/x", "/organise"),
            ("/learn/nowhere", "/learn"),
        ] {
            let response = try Self.send("GET", path, port: server.port)
            #expect(response.statusLine == "HTTP/1.1 404 Not Found", "\(path)")
            #expect(response.header("content-type") == "text/html; charset=utf-8", "\(path)")
            #expect(response.header("allow") == nil)
            #expect(response.body.contains("role=\"alert\""), "\(path)")
            // The organiser's pages write the detail as a sentence (capitalised, with a full stop).
            let detail = "here is no page at \(path): check the address, or start again from \(start)"
            #expect(response.body.contains(detail), "\(path)")
        }
        // The API keeps its problem+json.
        let api = try Self.send("GET", "/v1/nowhere", port: server.port)
        #expect(api.statusLine == "HTTP/1.1 404 Not Found")
        #expect(api.header("content-type") == "application/problem+json")
    }
}

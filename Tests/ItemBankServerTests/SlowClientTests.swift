import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Connections that stall (half a request's headers, then nothing) or stay idle are closed after
/// `--idle-timeout`, so that slow clients cannot hold the server's connections for ever.
@Suite("itembank-server: idle and stalled connections are closed", .serialized)
struct SlowClientTests {
    @Test func stalledAndIdleConnectionsAreClosed() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: folder + "/store.sqlite", extra: ["--idle-timeout", "1"])
        defer { server.stop() }
        let stalled = try Self.connect(port: server.port)
        defer { close(stalled) }
        let idle = try Self.connect(port: server.port)
        defer { close(idle) }
        Self.send(stalled, "GET /healthz HTTP/1.1\r\nHost: x\r\n")
        // After 3 s (the timeout is 1 s), both sockets read end of file: the server closed them.
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        for socket in [stalled, idle] {
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 256)
        #expect(recv(stalled, &buffer, buffer.count, 0) == 0)
        #expect(recv(idle, &buffer, buffer.count, 0) == 0)
        #expect(Date().timeIntervalSince(started) < 2.9)
        // A request sent in time is answered as usual.
        #expect(try await server.request("GET", "/healthz").status == 200)
    }

    @Test func idleTimeoutIsValidated() throws {
        for value in ["-1", "nan", "86401"] {
            let result = try Harness.run(
                Harness.executable("itembank-server"), ["--bank", Harness.crcnBank, "--idle-timeout=\(value)"])
            #expect(result.status == 2, "\(value)")
            #expect(result.output.contains("--idle-timeout must be a number of seconds from 0 to 86400"), "\(value)")
        }
    }

    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw HarnessError("cannot connect to 127.0.0.1:\(port)") }
        return socket
    }

    static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, bytes.count, 0) }
    }
}

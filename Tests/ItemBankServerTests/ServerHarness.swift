import Foundation
import ItemBankRuntime
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Builds the reference bank with the built `itembank` binary, starts the built `itembank-server`
/// binary on a free port and talks to it over real HTTP (URLSession).
enum Harness {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// An executable built next to the test bundle, or in .build/debug.
    static func executable(_ name: String) -> String {
        var candidates: [String] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().path + "/" + name)
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/" + name)
        candidates.append(root + "/.build/debug/" + name)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "itembank-server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a command to completion; returns its status and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let log = NSTemporaryDirectory() + "itembank-run-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (
            process.terminationStatus,
            String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        )
    }

    /// The reference bank (Banks/crcn), compiled once per test run.
    static let crcnBank: String = {
        let folder = NSTemporaryDirectory() + "itembank-server-bank-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/crcn.itembank"
        _ = try? run(executable("itembank"), ["build", root + "/Banks/crcn", "-o", path])
        return path
    }()

    /// A second release of the reference bank: the same items, bank version 1.0.1.
    static let crcnNextRelease: String = {
        let folder = NSTemporaryDirectory() + "itembank-server-bank-" + UUID().uuidString
        _ = try? run("/bin/cp", ["-R", root + "/Banks/crcn", folder])
        let manifest = folder + "/bank.xml"
        if let text = try? String(contentsOfFile: manifest, encoding: .utf8) {
            try? text.replacingOccurrences(of: "version=\"1.0.0\"", with: "version=\"1.0.1\"")
                .write(toFile: manifest, atomically: true, encoding: .utf8)
        }
        let path = folder + "-crcn-1.0.1.itembank"
        _ = try? run(executable("itembank"), ["build", folder, "-o", path])
        return path
    }()

    static func openBank(_ path: String) throws -> Bank { try Bank(contentsOf: path) }
}

/// An HTTP reply.
struct Reply {
    var status: Int
    var contentType: String
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw HarnessError("not a JSON object: \(text)")
        }
        return object
    }
}

/// Expects an RFC 9457 problem+json reply: the status, the content type, the type
/// `urn:itembank:problem:CODE`, the same status in the body and a non-empty detail.
func expectProblem(
    _ reply: Reply, _ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.contentType == "application/problem+json", sourceLocation: sourceLocation)
    let object = try reply.json()
    #expect(
        object["type"] as? String == "urn:itembank:problem:\(code)", "\(reply.text)", sourceLocation: sourceLocation)
    #expect(object["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect(!(object["detail"] as? String ?? "").isEmpty, sourceLocation: sourceLocation)
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A running `itembank-server` process.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let logPath: String
    let adminToken = "admin-secret-for-tests"

    /// Starts the server and waits until it listens.
    init(bank: String, database: String, extra: [String] = []) throws {
        logPath = NSTemporaryDirectory() + "itembank-server-log-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: Harness.executable("itembank-server"))
        process.arguments =
            [
                "--bank", bank, "--database", database, "--port", "0", "--admin-token", adminToken, "--watch-interval",
                "0.2",
            ]
            + extra
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var found: Int?
        for _ in 0..<600 {
            let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
            if let range = log.range(of: "listening on http://127.0.0.1:") {
                found = Int(log[range.upperBound...].prefix { $0.isNumber })
                break
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            let output = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
            throw HarnessError("the server did not start: \(output)")
        }
        port = found
    }

    var log: String { String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self) }

    /// SIGKILL: no chance to flush or close anything.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    deinit { if process.isRunning { process.terminate() } }

    func request(
        _ method: String, _ path: String, token: String? = nil, json body: Any? = nil, raw: Data? = nil,
        authorization: String? = nil
    ) async throws -> Reply {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw HarnessError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let raw {
            request.httpBody = raw
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HarnessError("no HTTP response") }
        return Reply(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "", body: data)
    }

    /// Registers a learner; returns the learner id and token.
    func newLearner() async throws -> (id: String, token: String) {
        let reply = try await request("POST", "/v1/learners")
        let object = try reply.json()
        guard reply.status == 201, let id = object["learner"] as? String, let token = object["token"] as? String else {
            throw HarnessError("registration failed: \(reply.status) \(reply.text)")
        }
        return (id, token)
    }
}

/// The learner store a test server uses.
enum Store: String, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    /// `ITEMBANK_TEST_POSTGRES_URL` (a database the tests may create databases from), if set.
    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["ITEMBANK_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// A fresh database: an SQLite file in `folder`, or a new PostgreSQL database (made with psql).
    func database(in folder: String) throws -> String {
        switch self {
        case .sqlite:
            return folder + "/store.sqlite"
        case .postgres:
            guard let url = Store.postgresURL, var components = URLComponents(string: url) else {
                throw HarnessError("ITEMBANK_TEST_POSTGRES_URL is not set")
            }
            let name = "itembank_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            let result = try Harness.run(psql ?? "/usr/bin/psql", [url, "-q", "-c", "CREATE DATABASE \(name)"])
            guard result.status == 0 else { throw HarnessError("psql: \(result.output)") }
            components.path = "/" + name
            return components.string ?? url
        }
    }
}

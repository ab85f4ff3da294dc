import Foundation
import Testing

/// One `itembank-server` per SQLite file: a second process on the same file refuses to start (exit 2,
/// naming the file and PostgreSQL), the first keeps serving, and the file is free again once the first
/// has stopped — even by SIGKILL.
@Suite("itembank-server: one process per SQLite file", .serialized)
struct SQLiteOwnerTests {
    /// Runs the server binary with `arguments`; its status and output, or nil if it was still running
    /// after `seconds` (it is then stopped).
    static func runBriefly(_ arguments: [String], seconds: Double = 15) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.executable("itembank-server"))
        process.arguments = arguments
        let log = NSTemporaryDirectory() + "itembank-owner-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        return (
            process.terminationStatus,
            String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        )
    }

    @Test func secondProcessOnOneSQLiteFileIsRefused() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/store.sqlite"
        let first = try ServerProcess(bank: Harness.crcnBank, database: database)
        let learner = try await first.newLearner()
        let pid = first.process.processIdentifier
        for given in [database, "sqlite://" + database] {
            let second = try #require(
                try Self.runBriefly(["--bank", Harness.crcnBank, "--database", given, "--port", "0"]),
                "a second server on \(given) started")
            #expect(second.status == 2)
            #expect(
                second.output
                    == "itembank-server: error: --database \(database): another itembank-server (process \(pid)) "
                    + "uses this SQLite file (it holds the lock \(database).lock): run one server per SQLite file; "
                    + "for several instances use one PostgreSQL database (--database postgres://…)\n")
        }
        // The first server still serves the learner it registered.
        #expect(try await first.request("GET", "/v1/learner", token: learner.token).status == 200)
        // Killed without a chance to clean up, it leaves no stale lock: a new server starts on the file.
        first.kill9()
        first.stop()
        let next = try ServerProcess(bank: Harness.crcnBank, database: database)
        defer { next.stop() }
        #expect(try await next.request("GET", "/v1/learner", token: learner.token).status == 200)
    }

    /// `:memory:` is each process's own database: two servers given it both start, and no `.lock` file
    /// is made.
    @Test func inMemoryDatabasesAreNotLocked() async throws {
        let first = try ServerProcess(bank: Harness.crcnBank, database: ":memory:")
        defer { first.stop() }
        let second = try ServerProcess(bank: Harness.crcnBank, database: ":memory:")
        defer { second.stop() }
        #expect(try await first.request("POST", "/v1/learners").status == 201)
        #expect(try await second.request("POST", "/v1/learners").status == 201)
        #expect(!FileManager.default.fileExists(atPath: ":memory:.lock"))
    }
}

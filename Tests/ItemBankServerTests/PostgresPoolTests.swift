import Foundation
import Testing

/// `--database-idle-timeout`: the PostgreSQL pool closes connections idle that long (postgres-nio's pool
/// keeps a timer task per idle period alive until its deadline, so the timeout bounds that memory;
/// docs/performance.md), and opens new ones on demand.
@Suite("itembank-server: the PostgreSQL pool's idle timeout", .serialized)
struct PostgresPoolTests {
    @Test("--database-idle-timeout is validated: a usage error, exit 2", arguments: ["0", "-1", "nan", "3601"])
    func idleTimeoutIsValidated(value: String) throws {
        let result = try Harness.run(
            Harness.executable("itembank-server"),
            ["--bank", Harness.crcnBank, "--database-idle-timeout=\(value)"])
        #expect(result.status == 2)
        #expect(
            result.output.hasPrefix("Error: --database-idle-timeout must be a number of seconds from 0.1 to 3600\n"))
    }

    @Test(.enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func idleConnectionsAreClosedThenReopened() async throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try Store.postgres.database(in: folder)
        let name = try #require(URLComponents(string: database)?.path.dropFirst())
        let server = try ServerProcess(
            bank: Harness.crcnBank, database: database, extra: ["--database-idle-timeout", "1"])
        defer { server.stop() }
        let learner = try await server.newLearner()
        #expect(try await server.request("GET", "/v1/learner", token: learner.token).status == 200)
        #expect(try Self.connections(to: String(name)) >= 1)
        // Idle for 3 s (the timeout is 1 s): the pool has closed every connection to the database.
        try await Task.sleep(for: .seconds(3))
        #expect(try Self.connections(to: String(name)) == 0)
        // And opens one again for the next request.
        #expect(try await server.request("GET", "/v1/learner", token: learner.token).status == 200)
        #expect(try Self.connections(to: String(name)) >= 1)
    }

    /// Client connections to the database `name`, as PostgreSQL counts them (`pg_stat_activity`).
    static func connections(to name: String) throws -> Int {
        let url = try #require(Store.postgresURL)
        let output = NSTemporaryDirectory() + "itembank-pool-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let result = try Harness.run(
            psql ?? "/usr/bin/psql",
            [url, "-qtA", "-o", output, "-c", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)'"])
        guard result.status == 0 else { throw HarnessError("psql: \(result.output)") }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "psql printed \(text)")
    }
}

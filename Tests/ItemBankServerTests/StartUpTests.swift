import Foundation
import Testing

/// Start-up failures of the built `itembank-server`: a clear error and exit status, never a crash.
@Suite("Server start-up failures", .serialized)
struct StartUpTests {
    @Test("a second server on a busy port exits 2 naming the address, without crashing (SQLite)")
    func portInUse() throws { try Self.portInUse(.sqlite) }

    @Test(
        "a second server on a busy port exits 2 naming the address, without crashing (PostgreSQL)",
        .enabled(if: Store.postgresURL != nil, "set ITEMBANK_TEST_POSTGRES_URL (Scripts/test-postgres.sh start)"))
    func portInUseOnPostgreSQL() throws { try Self.portInUse(.postgres) }

    static func portInUse(_ store: Store) throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try ServerProcess(bank: Harness.crcnBank, database: folder + "/first.sqlite")
        defer { first.stop() }
        let second = try Harness.run(
            Harness.executable("itembank-server"),
            ["--bank", Harness.crcnBank, "--database", try store.database(in: folder), "--port", "\(first.port)"])
        #expect(second.status == 2)
        #expect(
            second.output.contains(
                "itembank-server: error: 127.0.0.1:\(first.port): address already in use (another process listens there: stop it or choose another --port)\n"
            ))
        #expect(!second.output.contains("Assertion failed"))
        #expect(!second.output.contains("crashed"))
    }

    @Test("an unreachable PostgreSQL server fails the start-up within --database-timeout, without the password")
    func unreachablePostgres() throws {
        let started = Date()
        let result = try Harness.run(
            Harness.executable("itembank-server"),
            [
                "--bank", Harness.crcnBank, "--database", "postgres://learner:s3cret@127.0.0.1:1/itembank",
                "--database-timeout", "1.5", "--port", "0",
            ])
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 2)
        #expect(
            result.output.contains(
                "itembank-server: error: --database postgres://learner:***@127.0.0.1:1/itembank: the PostgreSQL server at 127.0.0.1:1 did not answer within 1.5 s (is it running and reachable? --database-timeout sets the bound)\n"
            ))
        #expect(!result.output.contains("s3cret"))
        #expect(elapsed < 10)
    }

    @Test("--database-timeout must be positive: a usage error, exit 2")
    func timeoutValidation() throws {
        let result = try Harness.run(
            Harness.executable("itembank-server"),
            ["--bank", Harness.crcnBank, "--database-timeout", "0"])
        #expect(result.status == 2)
        #expect(result.output == "Error: --database-timeout must be a positive number of seconds\n" + Self.usage)
    }

    static let usage = """
        Usage: itembank-server [<options>] --bank <bank>
          See 'itembank-server --help' for more information.

        """

    /// swift-argument-parser's usage errors exit 2 (not its 64), as the itembank CLI's (README, "Exit
    /// status"), with the parser's message and usage line; nothing is started (no database file).
    @Test(
        "usage errors exit 2 with the parser's message",
        arguments: [
            (["--port", "99999"], "Error: --port must be in 0...65535\n"),
            (["--frobnicate"], "Error: Unknown option '--frobnicate'\n"),
            (["--max-body", "0"], "Error: --max-body must be positive\n"),
            (
                ["--sqlite-synchronous", "bogus"],
                "Error: The value 'bogus' is invalid for '--sqlite-synchronous <sqlite-synchronous>'. Please provide one of 'normal' and 'full'.\n"
                    + "Help:  --sqlite-synchronous <sqlite-synchronous>  SQLite: normal (a commit survives a crash of the process) or full (also a power loss; one disk sync per answer).\n"
            ),
            (
                ["--port", "80\u{1B}[2J"],
                "Error: The value '80\\u{1B}[2J' is invalid for '--port <port>'\n"
                    + "Help:  --port <port>  Port to listen on (0: any free port, printed on start).\n"
            ),
        ])
    func usageErrorsExit2(arguments: [String], message: String) throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/never.sqlite"
        let result = try Harness.run(
            Harness.executable("itembank-server"), ["--bank", Harness.crcnBank, "--database", database] + arguments)
        #expect(result.status == 2)
        #expect(result.output == message + Self.usage)
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test("usage errors exit 2 with the parser's message, as the itembank CLI's do; --help exits 0")
    func usageErrors() throws {
        let server = Harness.executable("itembank-server")
        let port = try Harness.run(server, ["--bank", Harness.crcnBank, "--port", "99999"])
        #expect(port.status == 2)
        #expect(
            port.output
                == "Error: --port must be in 0...65535\nUsage: itembank-server [<options>] --bank <bank>\n  See 'itembank-server --help' for more information.\n"
        )
        let unknown = try Harness.run(server, ["--bank", Harness.crcnBank, "--colour", "blue"])
        #expect(unknown.status == 2)
        #expect(unknown.output.hasPrefix("Error: Unknown option '--colour'\n"))
        let missing = try Harness.run(server, [])
        #expect(missing.status == 2)
        #expect(missing.output.hasPrefix("Error: Missing expected argument '--bank <bank>'\n"))
        let help = try Harness.run(server, ["--help"])
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("OVERVIEW: Serve the learner journey of a compiled bank over HTTP"))
    }

    @Test("a file that is not a valid bank: cannot start, exit 3; a missing file: exit 2")
    func badBank() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notABank = folder + "/notes.itembank"
        try Data(String(repeating: "not a bank at all, just some text\n", count: 100).utf8).write(
            to: URL(fileURLWithPath: notABank))
        let refused = try Harness.run(
            Harness.executable("itembank-server"), ["--bank", notABank, "--database", folder + "/s.sqlite"])
        #expect(refused.status == 3)
        #expect(
            refused.output
                == "itembank-server: error: cannot start: \(notABank) is not a valid bank: [bad-magic] at offset 0: not an itembank bank (wrong magic bytes), or mangled by a text-mode transfer\n"
        )
        let missing = try Harness.run(
            Harness.executable("itembank-server"),
            ["--bank", folder + "/none.itembank", "--database", folder + "/s.sqlite"])
        #expect(missing.status == 2)
        #expect(
            missing.output
                == "itembank-server: error: cannot start: \(folder)/none.itembank: cannot open \(folder)/none.itembank: No such file or directory\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder + "/s.sqlite"))
    }
}

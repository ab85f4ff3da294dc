import Foundation
import Testing

/// Issue 11: long work shows progress on standard error when it is a terminal, never in pipes unless
/// asked with --progress.
@Suite("Progress on standard error")
struct ProgressTests {
    @Test("build on a terminal shows its steps (redrawn with \\r, erased at the end); piped it shows nothing")
    func buildOnTerminal() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: directory + "/bank")
        let command = "env -u CI TERM=xterm '\(CLI.executable)' build bank -o out.itembank"
        let terminal = try CLI.run(["-qec", command, "/dev/null"], in: directory, executable: "/usr/bin/script")
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(
            terminal.stdout.contains("\r\u{1B}[Kitembank build: reading and linting bank… 0 s"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("\r\u{1B}[Kitembank build: compiling 5 items… 0 s"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("wrote out.itembank: "))

        let piped = try CLI.run(["build", "bank", "-o", "piped.itembank"], in: directory)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("itembank build:"), "\(piped.stderr)")
        #expect(!piped.stderr.contains("\r"))

        let asked = try CLI.run(["build", "bank", "-o", "asked.itembank", "--progress"], in: directory)
        #expect(asked.status == 0)
        #expect(
            asked.stderr.hasPrefix(
                "itembank build: reading and linting bank…\nitembank build: compiling 5 items…\n"
                    + "itembank build: writing asked.itembank…\nwrote asked.itembank: "), "\(asked.stderr)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: directory + "/asked.itembank"))
                == Data(contentsOf: URL(fileURLWithPath: directory + "/piped.itembank")))
    }

    @Test("simulate --journey with --progress names its step; without it, piped, standard error has no progress")
    func simulateProgress() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", directory + "/b.itembank"]).status == 0)
        let arguments = ["simulate", directory + "/b.itembank", "--journey", "positioning", "--learners", "3"]
        let asked = try CLI.run(arguments + ["--progress"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stderr.contains("itembank simulate: simulating 3 learners…\n"), "\(asked.stderr)")
        let quiet = try CLI.run(arguments)
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("itembank simulate:"))
    }
}

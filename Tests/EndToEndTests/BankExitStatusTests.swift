import Foundation
import Testing

/// Issue 11: every command that reads a compiled bank answers a file that is not a valid bank with the
/// same exit status (3), and an unreadable one with 2.
@Suite("A corrupt or truncated bank: one exit status in every command")
struct BankExitStatusTests {
    /// Each command that reads a compiled bank, with `BANK` where the bank goes; the other files do not
    /// exist: the bank is opened (and refused) before they are read.
    static let commands: [[String]] = [
        ["inspect", "BANK"],
        ["verify", "BANK"],
        ["diff", "BANK", "GOOD"],
        ["diff", "GOOD", "BANK"],
        ["session", "BANK", "--competence", "1.1", "--answers", "missing-answers.json"],
        ["certify", "BANK", "--profile", "missing-profile.json"],
        ["simulate", "BANK", "--journey", "positioning", "--learners", "2"],
        ["simulate", "BANK", "--engine", "irt", "--examinees", "10"],
        ["calibrate-exposure", "BANK", "--target", "0.3", "-o", "OUT", "--examinees", "10", "--iterations", "1"],
        ["report", "SOURCES", "-o", "SITE", "--against", "BANK"],
    ]

    @Test("truncated, corrupt in a section, not a bank: exit 3 and 'not a valid bank' naming the file; missing: exit 2")
    func oneStatus() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", good]).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: good))
        let inspect = try CLI.run(["inspect", "--json", good])
        let sections = (try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])?[
            "sections"]
        let strings = (sections as? [[String: Any]])?.first { $0["id"] as? String == "STRS" }
        let offset = try #require(strings?["offset"] as? Int)
        var flipped = bytes
        flipped[offset + 3] ^= 0x20
        let cases: [(String, Data, String)] = [
            ("cut.itembank", bytes.prefix(bytes.count / 2), "[truncated]"),
            ("flipped.itembank", flipped, "[checksum-mismatch] section STRS"),
            ("text.itembank", Data(String(repeating: "not a bank\n", count: 40).utf8), "[bad-magic]"),
        ]
        func sourceOr(_ argument: String) -> String {
            argument == "SOURCES" ? CLI.fixture("clean-bank") : argument == "SITE" ? directory + "/site" : argument
        }
        for (name, content, code) in cases {
            let path = directory + "/" + name
            try content.write(to: URL(fileURLWithPath: path))
            for command in Self.commands {
                let arguments = command.map {
                    $0 == "BANK" ? path : $0 == "GOOD" ? good : $0 == "OUT" ? directory + "/out.itembank" : sourceOr($0)
                }
                let result = try CLI.run(arguments, in: directory)
                #expect(result.status == 3, "\(command.joined(separator: " ")) on \(name): \(result.stderr)")
                #expect(
                    result.stderr.contains("itembank: error: \(path): not a valid bank: \(code)"),
                    "\(command.joined(separator: " ")) on \(name): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(command.joined(separator: " ")) on \(name)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.itembank"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/site"))
        for command in Self.commands {
            let arguments = command.map {
                $0 == "BANK"
                    ? directory + "/absent.itembank" : $0 == "GOOD" ? good : $0 == "OUT" ? directory + "/o" : $0
            }
            let result = try CLI.run(arguments, in: directory)
            #expect(result.status == 2, "\(command.joined(separator: " ")): \(result.stderr)")
            #expect(result.stderr.contains("absent.itembank: [io]"), "\(result.stderr)")
        }
    }

    @Test("inspect says it did not verify in full and what it checked; verify labels each digest")
    func inspectAndVerifyLabels() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/b.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", file]).status == 0)
        let inspect = try CLI.run(["inspect", file])
        #expect(inspect.status == 0)
        #expect(
            inspect.stdout.contains(
                "verified:    not in full — the open checks passed (header, section table, CRC32C of the sections up to 64 KiB); run itembank verify \(file) for every checksum, digest and reference\n"
            ), "\(inspect.stdout)")
        let json = try CLI.run(["inspect", "--json", file])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let content = try #require(object["contentSHA256"] as? String)
        let trailer = try #require(object["fileSHA256"] as? String)
        #expect((object["verification"] as? String)?.hasPrefix("not in full") == true)
        #expect(inspect.stdout.contains("trailer:     sha256 \(trailer) (of the bytes before the trailer"))

        let sum = try CLI.run([file], executable: "/usr/bin/sha256sum")
        let whole = try #require(sum.stdout.split(separator: " ").first.map(String.init))
        #expect(whole.count == 64 && whole != trailer)
        let verify = try CLI.run(["verify", file])
        #expect(verify.status == 0)
        let lines = verify.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("\(file): ok (") == true)
        #expect(lines.dropFirst().first == "  sha256 of the file:      \(whole)  (as sha256sum prints it)")
        #expect(
            lines.dropFirst(2).first
                == "  sha256 in the trailer:   \(trailer)  (of the bytes before the 40-byte trailer)")
        #expect(lines.dropFirst(3).first == "  sha256 of the content:   \(content)  (inspect's \"content: sha256\")")
    }
}

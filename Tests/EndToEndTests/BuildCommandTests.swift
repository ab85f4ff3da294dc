import Foundation
import Testing

@Suite("itembank build and inspect")
struct BuildCommandTests {
    @Test("the README's main command writes a bank with 5 areas, 16 competences and at least 80 items")
    func referenceBank() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/crcn.itembank"
        let build = try CLI.run(["build", "Banks/crcn", "-o", output])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("wrote \(output):"))
        let inspect = try CLI.run(["inspect", output])
        #expect(inspect.status == 0)
        let counts = inspect.stdoutLines.first { $0.hasPrefix("counts:") } ?? ""
        #expect(counts.contains("5 areas, 16 competences"))
        let itemCount = counts.split(separator: ",").last.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        #expect(itemCount >= 80)
        #expect(inspect.stdout.contains("format:      1.1"))
        #expect(inspect.stdout.contains("framework:   crcn"))
        #expect(inspect.stdoutLines.contains("θ tables:    16 of 16 competences"))
        let json = try CLI.run(["inspect", "--json", output])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let competences = object?["competences"] as? [[String: Any]] ?? []
        #expect(competences.first?["thetaLevels"] as? [Double] == [-1.9, -0.73, 0.23, 0.92, 1.71, 2.49, 3.26])
    }

    @Test("building twice gives identical bytes")
    func deterministic() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CLI.run(["build", "Banks/crcn", "-o", directory + "/a.itembank"]).status == 0)
        #expect(try CLI.run(["build", "Banks/crcn", "-o", directory + "/b.itembank"]).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/a.itembank"))
        let second = try Data(contentsOf: URL(fileURLWithPath: directory + "/b.itembank"))
        #expect(first == second)
        #expect(first.count > 10_000)
    }

    @Test("inspect prints the competence x level table of the fixture bank")
    func inspectTable() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/fixture.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", output]).status == 0)
        let inspect = try CLI.run(["inspect", output])
        #expect(inspect.status == 0)
        let lines = inspect.stdoutLines
        #expect(lines.contains("bank:        fixture 0.1.0 — Banque de test"))
        #expect(lines.contains("counts:      1 areas, 2 competences, 2 thematics, 2 tubes, 6 skills, 5 items"))
        #expect(lines.contains("types:       qcu 1, qcm 1, qroc 1, qrocm-ind 1, qrocm-dep 1"))
        #expect(lines.contains("calibrated:  4 of 5 items"))
        #expect(lines.contains("θ tables:    0 of 2 competences"))
        #expect(lines.contains("1.1           1    1    1    .    .    .    .    .      3"))
        #expect(lines.contains("1.2           1    1    .    .    .    .    .    .      2"))
        #expect(lines.contains("total         2    2    1    0    0    0    0    0      5"))
    }

    @Test("a bank with errors is not written, and an existing file is left untouched")
    func refusesOnErrors() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/broken.itembank"
        let previous = Data("previous content".utf8)
        try previous.write(to: URL(fileURLWithPath: output))
        let build = try CLI.run(["build", "Tests/Fixtures/broken-bank", "-o", output])
        #expect(build.status == 1)
        #expect(build.stderr.contains("not written: 18 errors, 1 warning in 18 item files"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["broken.itembank"])
    }

    @Test("build never replaces a folder, a symbolic link or a device, nor writes inside the bank")
    func protectedTargets() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/folder", withIntermediateDirectories: true)
        let folder = try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", directory + "/folder"])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("it is a folder; refusing to replace it"))
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/link.itembank", withDestinationPath: directory + "/target")
        let link = try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", directory + "/link.itembank"])
        #expect(link.status == 2)
        #expect(link.stderr.contains("it is a symbolic link"))
        let device = try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", "/dev/null"])
        #expect(device.status == 2)
        #expect(device.stderr.contains("it is a device"))
        let copy = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: copy)
        let inside = try CLI.run(["build", copy, "-o", copy + "/items/out.itembank"])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("is inside the bank folder"))
        #expect(!FileManager.default.fileExists(atPath: copy + "/items/out.itembank"))
    }

    /// Issue 11: the lint ran first (seconds on a large bank), then the write failed.
    @Test("an output in a missing folder fails before the lint: exit 2, no diagnostics")
    func missingFolderBeforeLint() throws {
        let build = try CLI.run(["build", "Tests/Fixtures/broken-bank", "-o", "/nonexistent-folder/x.itembank"])
        #expect(build.status == 2)
        #expect(
            build.stderr.contains(
                "cannot write /nonexistent-folder/x.itembank: its folder /nonexistent-folder does not exist"),
            "\(build.stderr)")
        // One line: no lint diagnostics, no "not written" summary.
        #expect(build.stderr.split(separator: "\n").count == 1, "\(build.stderr)")
    }

    @Test("an unwritable output is an I/O error: exit status 2, nothing left behind")
    func unwritableOutput() throws {
        let build = try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", "/nonexistent-folder/x.itembank"])
        #expect(build.status == 2)
        #expect(build.stderr.contains("cannot write /nonexistent-folder/x.itembank"))
    }

    @Test("inspect refuses a file that is not a bank, naming the problem")
    func inspectNotABank() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = directory + "/text.itembank"
        try Data(String(repeating: "not a bank\n", count: 30).utf8).write(to: URL(fileURLWithPath: text))
        let result = try CLI.run(["inspect", text])
        #expect(result.status == 3)  // one status for a file that is not a valid bank (issue 11)
        #expect(result.stderr.contains("[bad-magic]"))
        let empty = directory + "/empty.itembank"
        try Data().write(to: URL(fileURLWithPath: empty))
        let emptyResult = try CLI.run(["inspect", empty])
        #expect(emptyResult.status == 3)
        #expect(emptyResult.stderr.contains("[truncated]"))
        let missing = try CLI.run(["inspect", directory + "/missing.itembank"])
        #expect(missing.status == 2)
    }
}

import Foundation
import Testing

@Suite("itembank import and export")
struct ImportCommandTests {
    @Test("import of the interop fixtures: report lines, exit status 1 (some not imported), files that lint reads")
    func importFixtures() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/migrated"
        let result = try CLI.run([
            "import", "Tests/Fixtures/interop", "-o", bank, "--skill", "@fiabiliteSource5", "--framework",
            "Banks/crcn/framework.xml",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stdoutLines.contains(
                "Tests/Fixtures/interop/qti21-essay.xml:2:1: essai [qti-2.1] -> not imported: unsupported extendedTextInteraction"
            ))
        #expect(
            result.stdoutLines.contains(
                "  Tests/Fixtures/interop/qti21-essay.xml:7:5: error: extendedTextInteraction is not supported: the item format has choices (qcu, qcm), typed responses and drop-downs [import.unsupported]"
            ))
        #expect(
            result.stdoutLines.last
                == "8 item(s) imported, 3 not imported; files: gift 1, moodle-xml 1, other 1, qti-2.1 3, qti-2.2 1")
        let written = try FileManager.default.contentsOfDirectory(atPath: bank + "/items/reseaux/securite").sorted()
        #expect(written == ["mots-de-passe-robustes.xml", "octets-kilo.xml"])
        #expect(FileManager.default.fileExists(atPath: bank + "/bank.xml"))
        // The bank lints with no schema error: every written file is a valid item.
        let lint = try CLI.run(["lint", bank])
        #expect(!lint.stdout.contains("[xml."), "\(lint.stdout)")
        // A second import into the same folder refuses to overwrite.
        let again = try CLI.run(["import", "Tests/Fixtures/interop/escapes.gift", "-o", bank])
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))
    }

    @Test("--json report, and a usage error for a bad --skill")
    func json() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLI.run([
            "import", "Tests/Fixtures/interop/qti21-choice-multiple.xml", "-o", directory + "/b", "--json",
        ])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["imported"] as? Int == 1)
        let entry = (object?["entries"] as? [[String: Any]])?.first
        #expect(entry?["type"] as? String == "qcm")
        #expect(entry?["status"] as? String == "proposed")
        #expect(entry?["file"] as? String == "items/navigateurs.xml")
        let bad = try CLI.run(["import", "x.xml", "-o", directory + "/c", "--skill", "rechercheWeb3"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--skill rechercheWeb3 is not a skill name"))
    }

    @Test("export of Banks/crcn to a .zip, then import of the zip with skills.txt")
    func exportZip() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zip = directory + "/crcn-qti3.zip"
        let export = try CLI.run(["export", "Banks/crcn", "--format", "qti3", "-o", zip])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdoutLines.last == "294 item(s) exported to QTI 3.0, 22 not exported")
        let folder = directory + "/unzipped"
        let plain = try CLI.run(["export", "Banks/crcn", "-o", folder])
        #expect(plain.status == 0)
        let back = try CLI.run(["import", zip, "-o", directory + "/back", "--skill-map", folder + "/skills.txt"])
        #expect(back.status == 0, "\(back.stdout)")  // the manifest is explained, not a failure
        #expect(
            back.stdoutLines.last == "294 item(s) imported, 1 not imported; files: ims-content-package 1, qti-3.0 294")
        #expect(!back.stdout.contains("import.skill-missing"))
    }
}

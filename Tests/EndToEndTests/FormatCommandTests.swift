import Foundation
import Testing

@Suite("itembank verify, inspect --json and diff")
struct FormatCommandTests {
    /// Copies the clean fixture bank to a new folder and applies text replacements to some of its files.
    static func modifiedCopy(in directory: String, name: String, edits: [(String, String, String)]) throws -> String {
        let root = directory + "/" + name
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: root)
        for (file, old, new) in edits {
            let path = root + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(old), "\(file) does not contain \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test("diff between two builds of modified copies of the fixture bank: exact text, exit status 1")
    func diff() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let old = try Self.modifiedCopy(in: directory, name: "old", edits: [])
        let new = try Self.modifiedCopy(
            in: directory, name: "new",
            edits: [
                ("framework.xml", "<title>Formats de fichiers</title>", "<title>Formats de fichiers courants</title>"),
                (
                    "framework.xml", "<skill name=\"@rechercheWeb3\" level=\"3\"/>",
                    "<skill name=\"@rechercheWeb3\" level=\"3\" status=\"archived\"/>"
                ),
                (
                    "framework.xml", "<skill name=\"@formatsFichiers4\"",
                    "<skill name=\"@formatsFichiers3\" level=\"3\"/>\n<skill name=\"@formatsFichiers4\""
                ),
                ("items/1.1/guillemets.xml", "<choice key=\"true\"><code>intitle:", "<choice><code>intitle:"),
                ("items/1.1/moteur.xml", "Lequel de ces services", "Lequel de ces sites"),
                ("items/1.1/operateur.xml", "discrimination=\"0.9\"", "discrimination=\"1.1\""),
                (
                    "framework.xml", "</thematic>\n    </competence>\n  </area>",
                    "</thematic>\n<thetaLevels><threshold level=\"1\" theta=\"-1.5\"/><threshold level=\"2\" theta=\"0.25\"/></thetaLevels>\n    </competence>\n  </area>"
                ),
            ])
        try FileManager.default.removeItem(atPath: new + "/items/1.2/lecteurs.xml")
        let added = try String(contentsOfFile: new + "/items/1.1/moteur.xml", encoding: .utf8)
            .replacingOccurrences(of: "id=\"moteur\"", with: "id=\"nouveau\"")
            .replacingOccurrences(of: "@rechercheWeb1", with: "@formatsFichiers3")
        try added.write(toFile: new + "/items/1.2/nouveau.xml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["build", old, "-o", directory + "/old.itembank"]).status == 0)
        let build = try CLI.run(["build", new, "-o", directory + "/new.itembank"])
        #expect(build.status == 0, "\(build.stderr)")
        let result = try CLI.run(["diff", directory + "/old.itembank", directory + "/new.itembank"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                framework: 4 changes
                  ~ competence 1.2: thetaLevels none -> -1.5 0.25
                  ~ tube @formatsFichiers: title Formats de fichiers -> Formats de fichiers courants
                  + skill @formatsFichiers3
                  ~ skill @rechercheWeb3: status active -> archived
                items: 1 added, 1 removed, 3 changed, 1 unchanged
                  - item lecteurs
                  + item nouveau
                  ~ item guillemets: keys [1, 3] -> [1]
                  ~ item moteur: stem
                  ~ item operateur: calibration a=0.9 b=-1.0 -> a=1.1 b=-1.0

                """)
        let json = try CLI.run(["diff", "--json", directory + "/old.itembank", directory + "/new.itembank"])
        #expect(json.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(decoded?["unchangedItemCount"] as? Int == 1)
        let items = decoded?["items"] as? [[String: Any]] ?? []
        #expect(
            items.map { $0["key"] as? String ?? "" } == ["lecteurs", "nouveau", "guillemets", "moteur", "operateur"])
        #expect(items.last?["fields"] as? [String] == ["calibration"])
        let same = try CLI.run(["diff", directory + "/old.itembank", directory + "/old.itembank"])
        #expect(same.status == 0)
        #expect(same.stdout == "framework: unchanged\nitems: 0 added, 0 removed, 0 changed, 5 unchanged\n")
    }

    @Test("verify accepts a good bank and names the section of a corrupted byte")
    func verify() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/b.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", file]).status == 0)
        let good = try CLI.run(["verify", file])
        #expect(good.status == 0)
        #expect(good.stdout.hasPrefix("\(file): ok ("))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let inspect = try CLI.run(["inspect", "--json", file])
        let sections = (try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])?[
            "sections"]
        let strings = (sections as? [[String: Any]])?.first { $0["id"] as? String == "STRS" }
        let offset = try #require(strings?["offset"] as? Int)
        bytes[offset + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let bad = try CLI.run(["verify", file])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("[checksum-mismatch] section STRS"))
    }

    @Test("inspect --json reports ids, digests, sections and per-competence counts")
    func inspectJSON() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/b.itembank"
        #expect(try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", file]).status == 0)
        let result = try CLI.run(["inspect", "--json", file])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["bank"] as? [String: String])?["id"] == "fixture")
        #expect(object["formatVersion"] as? String == "1.1")
        #expect((object["contentSHA256"] as? String)?.count == 64)
        #expect(object["itemsWithoutCalibration"] as? [String] == ["guillemets"])
        #expect((object["counts"] as? [String: Int])?["items"] == 5)
        let sections = object["sections"] as? [[String: Any]] ?? []
        #expect(sections.map { $0["id"] as? String ?? "" }.prefix(3) == ["META", "STRS", "AREA"])
        #expect(sections.count == 18)
        #expect(sections.last?["id"] as? String == "SKPX")
        let competences = object["competences"] as? [[String: Any]] ?? []
        #expect(
            competences.first?["itemsByLevel"] as? [String: Int] == [
                "1": 1, "2": 1, "3": 1, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0,
            ])
    }
}

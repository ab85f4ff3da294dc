import Foundation
import Testing

@Suite("itembank lint --report")
struct ReporterTests {
    @Test("SARIF output of the broken bank: results, locations, fingerprints, rules")
    func sarif() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/lint.sarif"
        let result = try CLI.run(["lint", "Tests/Fixtures/broken-bank", "--report", "sarif:" + file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let results = run["results"] as? [[String: Any]] ?? []
        #expect(results.count == 19)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "framework.skill-name")
        #expect(first["level"] as? String == "error")
        let location = (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect(
            (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
                == "Tests/Fixtures/broken-bank/framework.xml")
        #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 26)
        #expect((location?["region"] as? [String: Any])?["startColumn"] as? Int == 24)
        #expect(((first["partialFingerprints"] as? [String: String])?["itembankFingerprint/v1"])?.count == 16)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        #expect(rules.count == 72)
    }

    @Test(
        "SARIF output of the broken bank validates against the SARIF 2.1.0 JSON schema (python3 jsonschema)",
        .enabled(if: SharedFiles.canValidateSARIF, "needs ../shared/schemas/sarif and python3 jsonschema"))
    func sarifValidates() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/lint.sarif"
        let result = try CLI.run(["lint", "Tests/Fixtures/broken-bank", "--report", "sarif:" + file])
        #expect(result.status == 1)
        let check = try SharedFiles.validateSARIF(file)
        #expect(check.stdout == "valid\n", "\(check.stderr)")
    }

    @Test(
        "SARIF artifact URIs are relative to %SRCROOT%, the repository root, even when lint runs in a subfolder on ../ paths"
    )
    func sarifSourceRoot() throws {
        let repository = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: repository) }
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/tools", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.fixture("broken-bank"), toPath: repository + "/bank")
        let result = try CLI.run(
            ["lint", "../bank", "--report", "sarif:" + repository + "/lint.sarif"], in: repository + "/tools")
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repository + "/lint.sarif")))
                as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        #expect(
            (run["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"]
                == "file://" + repository + "/")
        let results = run["results"] as? [[String: Any]] ?? []
        #expect(results.count == 19)
        let artifacts = results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: String])
        }
        #expect(artifacts.count == 19)
        #expect(artifacts.first == ["uri": "bank/framework.xml", "uriBaseId": "%SRCROOT%"])
        #expect(artifacts.allSatisfy { $0["uri"]?.hasPrefix("bank/") == true && $0["uriBaseId"] == "%SRCROOT%" })
        // Outside any repository and outside the working directory: absolute file:// URIs, no base.
        let outside = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createDirectory(atPath: outside + "/here", withIntermediateDirectories: true)
        let away = try CLI.run(
            ["lint", repository + "/bank", "--report", "sarif:" + outside + "/lint.sarif"], in: outside + "/here")
        #expect(away.status == 1)
        let log = try String(contentsOfFile: outside + "/lint.sarif", encoding: .utf8)
        #expect(log.contains("\"uri\" : \"file://\(repository)/bank/framework.xml\""))
        #expect(log.contains("\"uri\" : \"file://\(outside)/here/\""))
        #expect(!log.contains("../"))
    }

    @Test("a file name with control characters is escaped by the human, gnu and github reporters")
    func controlCharactersInFileNames() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: bank + "/items/a\u{1B}[2Jb\nc.txt"))
        let shown = bank + "/items/a\\u{1B}[2Jb\\nc.txt"
        let gnu = try CLI.run(["lint", bank, "--report", "gnu"])
        #expect(gnu.status == 0)
        #expect(
            gnu.stdout
                == shown + ": warning: not an .xml file: it is not read as an item [xml.stray-file]\n", "\(gnu.stdout)")
        let human = try CLI.run(["lint", bank, "--report", "human"])
        #expect(human.stdout.contains(" --> " + shown + "\n"), "\(human.stdout)")
        let github = try CLI.run(["lint", bank, "--report", "github"])
        #expect(github.stdout.hasPrefix("::warning file=" + shown + ",title=xml.stray-file::"), "\(github.stdout)")
        for output in [gnu.stdout, human.stdout, github.stdout] {
            #expect(!output.contains("\u{1B}"))
            #expect(!output.contains("b\nc"))
        }
    }

    @Test(
        "SARIF with %SRCROOT% and absolute file:// URIs validates against the SARIF 2.1.0 JSON schema",
        .enabled(if: SharedFiles.canValidateSARIF, "needs ../shared/schemas/sarif and python3 jsonschema"))
    func sarifSourceRootValidates() throws {
        let repository = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: repository) }
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.fixture("broken-bank"), toPath: repository + "/bank")
        let outside = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        for (directory, log) in [(repository, repository + "/in.sarif"), (outside, outside + "/out.sarif")] {
            let result = try CLI.run(["lint", repository + "/bank", "--report", "sarif:" + log], in: directory)
            #expect(result.status == 1)
            let check = try SharedFiles.validateSARIF(log)
            #expect(check.stdout == "valid\n", "\(check.stderr)")
        }
    }

    @Test("JSON and GitHub annotations, several reports in one run, one to a file")
    func jsonAndGitHub() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/lint.json"
        let result = try CLI.run([
            "lint", "Tests/Fixtures/broken-bank", "--report", "github", "--report", "json:" + file,
        ])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        #expect(lines.count == 19)
        #expect(
            lines.contains(
                "::error file=Tests/Fixtures/broken-bank/items/qcu-two-keys.xml,line=6,col=5,title=key.qcu-single-key::"
                    + "qcu item qcu-two-keys has 2 keys%0Ahelp: keep key=\"true\" on one choice, or make the item a qcm"
            ))
        #expect(
            lines.contains(
                "::warning file=Tests/Fixtures/broken-bank/items/notes.txt,title=xml.stray-file::not an .xml file: it is not "
                    + "read as an item%0Ahelp: move media files to the bank's media folder, or rename the item with the .xml extension"
            ))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(object["summary"] as? [String: Int] == ["errors": 18, "warnings": 1, "infos": 0])
        let diagnostics = object["diagnostics"] as? [[String: Any]] ?? []
        let duplicate = diagnostics.first { $0["rule"] as? String == "ref.duplicate-item-id" }
        #expect(duplicate?["line"] as? Int == 2)
        #expect(
            (duplicate?["notes"] as? [[String: Any]])?.first?["path"] as? String
                == "Tests/Fixtures/broken-bank/items/duplicate-a.xml")
    }

    @Test("human output shows the source line and a caret under the column, without colour off a terminal")
    func human() throws {
        let result = try CLI.run(["lint", "Tests/Fixtures/broken-bank", "--report", "human"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                """
                error[key.qcu-single-key]: qcu item qcu-two-keys has 2 keys
                 --> Tests/Fixtures/broken-bank/items/qcu-two-keys.xml:6:5
                  |
                6 |     <choice key="true">Deux</choice>
                  |     ^
                  = help: keep key="true" on one choice, or make the item a qcm
                """))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.hasSuffix("18 errors, 1 warning\n"))
    }

    @Test("--fail-on warning fails on warnings; bad report arguments exit 2")
    func failOn() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: bank + "/items/notes.txt"))
        #expect(try CLI.run(["lint", bank]).status == 0)
        #expect(try CLI.run(["lint", bank, "--fail-on", "warning"]).status == 1)
        #expect(try CLI.run(["lint", bank, "--fail-on", "info"]).status == 2)
        let unknown = try CLI.run(["lint", bank, "--report", "xml"])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.hasPrefix(
                "Error: The value 'xml' is invalid for '--report <format[:file]>'. "
                    + "Please provide one of 'human', 'gnu', 'json', 'sarif' or 'github'.\n"))
        #expect(try CLI.run(["lint", bank, "--report", "json:"]).status == 2)
        // Issue 11: two reports on standard output were written one after the other, unparseable.
        let both = try CLI.run(["lint", bank, "--report", "gnu", "--report", "json"])
        #expect(both.status == 2)
        #expect(both.stdout.isEmpty)
        #expect(
            both.stderr.contains(
                "--report gnu, --report json: two reports cannot both write to standard output; give a file to all but one (for example --report json:lint.out)"
            ), "\(both.stderr)")
    }
}

@Suite("itembank lint --baseline")
struct BaselineTests {
    @Test("baseline round trip: known problems ignored even when lines move, new ones reported, other bank refused")
    func roundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("broken-bank"), toPath: bank)
        let baseline = directory + "/baseline.json"
        let write = try CLI.run(["lint", bank, "--write-baseline", baseline])
        #expect(write.status == 0)
        #expect(write.stderr.contains("wrote \(baseline): 19 problems recorded"))
        let known = try CLI.run(["lint", bank, "--baseline", baseline])
        #expect(known.status == 0)
        #expect(known.stdout == "")
        #expect(known.stderr.contains("19 known problems ignored"))
        // Lines moved (three lines inserted above the problem): still known.
        let twoKeys = bank + "/items/qcu-two-keys.xml"
        let text = try String(contentsOfFile: twoKeys, encoding: .utf8)
        try text.replacingOccurrences(of: "  <stem>", with: "  <!-- relu -->\n\n\n  <stem>")
            .write(toFile: twoKeys, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["lint", bank, "--baseline", baseline]).status == 0)
        // A new problem: reported alone.
        let noKey = try String(contentsOfFile: bank + "/items/qcm-no-key.xml", encoding: .utf8)
        try noKey.replacingOccurrences(of: "id=\"qcm-no-key\"", with: "id=\"qcm-no-key-2\"")
            .write(toFile: bank + "/items/qcm-no-key-2.xml", atomically: true, encoding: .utf8)
        let new = try CLI.run(["lint", bank, "--baseline", baseline])
        #expect(new.status == 1)
        #expect(new.stdoutLines.count == 1)
        #expect(
            new.stdoutLines.first?.hasSuffix(
                "qcm-no-key-2.xml:4:3: error: qcm item qcm-no-key-2 has no key [key.qcm-no-key]") == true)
        // Another bank's baseline: usage error naming the file.
        let other = try CLI.run(["lint", "Tests/Fixtures/clean-bank", "--baseline", baseline])
        #expect(other.status == 2)
        #expect(other.stderr.contains("\(baseline): this baseline was written for bank broken, not fixture"))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: baseline))
        #expect(try CLI.run(["lint", bank, "--baseline", baseline]).status == 2)
    }
}

@Suite("inline suppressions")
struct SuppressionTests {
    @Test("next-element and file suppressions silence their rules; unused, unknown and protected ones are reported")
    func suppressions() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        let item = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- itembank-disable-file media.missing-file -->
            <item xmlns="urn:itembank:item:1" id="nb" skill="@formatsFichiers4" type="qroc" status="validated" xml:lang="fr-FR">
              <stem>Quel mot-clé\u{202F}?</stem>
              <illustration src="absente.svg" alt="Une barre de recherche."/>
              <responses>
                <?itembank-disable response.missing-blank?>
                <response id="r"><accept>site</accept></response>
              </responses>
              <?itembank-disable key.qcm-no-key?>
              <calibration discrimination="1" difficulty="0"/>
            </item>

            """
        try item.write(toFile: bank + "/items/1.1/nb.xml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["lint", bank])
        #expect(result.status == 0)
        let path = bank + "/items/1.1/nb.xml"
        #expect(
            result.stdoutLines == [
                "\(path):10:3: warning: this suppression of key.qcm-no-key silences nothing [bank.unused-suppression]"
            ])
        // Without the suppressions, the two problems come back.
        try item.replacingOccurrences(of: "itembank-disable", with: "nothing").write(
            toFile: path, atomically: true, encoding: .utf8)
        let bare = try CLI.run(["lint", bank])
        #expect(bare.stdoutLines.contains { $0.hasSuffix("[media.missing-file]") })
        #expect(bare.stdoutLines.contains { $0.hasSuffix("[response.missing-blank]") })
        // An unknown or a protected rule in a suppression is a settings error (exit 2).
        try item.replacingOccurrences(of: "key.qcm-no-key", with: "key.nope").write(
            toFile: path, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["lint", bank])
        #expect(unknown.status == 2)
        #expect(
            unknown.stdout.contains(
                "\(path):10:3: error: itembank-disable names unknown rule ids: key.nope [bank.lint-settings]"))
        try item.replacingOccurrences(of: "key.qcm-no-key", with: "xml.schema").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["lint", bank]).status == 2)
    }
}

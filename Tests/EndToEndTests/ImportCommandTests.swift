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
        #expect(export.stdoutLines.last == "316 item(s) exported to QTI 3.0, 0 not exported")
        let folder = directory + "/unzipped"
        let plain = try CLI.run(["export", "Banks/crcn", "-o", folder])
        #expect(plain.status == 0)
        let back = try CLI.run(["import", zip, "-o", directory + "/back", "--skill-map", folder + "/skills.txt"])
        #expect(back.status == 0, "\(back.stdout)")  // the manifest is explained, not a failure
        #expect(
            back.stdoutLines.last == "316 item(s) imported, 1 not imported; files: ims-content-package 1, qti-3.0 316")
        #expect(!back.stdout.contains("import.skill-missing"))
    }

    @Test(
        "round trip: import(export(Banks/crcn)) builds, and diff of the two banks shows only what QTI does not carry"
    )
    func roundTripDiff() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let package = directory + "/qti3"
        let export = try CLI.run(["export", "Banks/crcn", "--format", "qti3", "-o", package])
        #expect(export.status == 0, "\(export.stderr)")
        let back = directory + "/back"
        let imported = try CLI.run([
            "import", package, "-o", back, "--skill-map", package + "/skills.txt", "--framework",
            "Banks/crcn/framework.xml", "--media-folder", "",
        ])
        #expect(imported.status == 0, "\(imported.stdout)")
        // Nothing of the package is lost on the way back: no diagnostic under any entry but the note
        // that sources are not validated without --schemas.
        #expect(imported.stdoutLines.filter { $0.hasPrefix("  ") && !$0.hasSuffix("[import.not-validated]") } == [])
        for (bank, output) in [("Banks/crcn", directory + "/before.itembank"), (back, directory + "/after.itembank")] {
            let build = try CLI.run(["build", bank, "-o", output])
            #expect(build.status == 0, "\(build.stderr)")
        }
        // Everything differs in what QTI has no place for (status: imported items are proposed;
        // calibration; solution; genealogy, version and timer in settings), ...
        let all = try CLI.run(["diff", directory + "/before.itembank", directory + "/after.itembank"])
        #expect(all.status == 1)
        #expect(
            all.stdoutLines.prefix(2) == [
                "framework: unchanged", "items: 0 added, 0 removed, 316 changed, 0 unchanged",
            ])
        // ... and nothing else but the attachment and the embeds (media), which the package does not carry.
        let carried = try CLI.run([
            "diff", directory + "/before.itembank", directory + "/after.itembank", "--ignore",
            "status,calibration,solution,settings",
        ])
        #expect(carried.status == 1)
        #expect(
            carried.stdout == """
                framework: unchanged
                items: 0 added, 0 removed, 4 changed, 312 unchanged
                  ~ item cookies-tiers-fichier: media
                  ~ item python-boucle-range: media
                  ~ item python-boucle-range-bornes: media
                  ~ item python-executer-afficher: media

                """)
        let unknown = try CLI.run([
            "diff", directory + "/before.itembank", directory + "/after.itembank", "--ignore", "colour",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--ignore colour is not an item field"))
    }

    @Test("export --format moodle, then import of the quiz: every exported question comes back")
    func moodleRoundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let quiz = directory + "/crcn-moodle.xml"
        let export = try CLI.run(["export", "Banks/crcn", "--format", "moodle", "-o", quiz])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdoutLines.last == "227 item(s) exported to Moodle XML, 89 not exported")
        #expect(
            export.stdoutLines.contains { line in
                line.hasSuffix(
                    "accessibilite-aides-techniques: not exported: qrocm-dep: several responses have no Moodle question type here (cloze is not written)"
                )
            })
        let back = try CLI.run(["import", quiz, "-o", directory + "/back", "--skill", "@rechercheWeb3"])
        #expect(back.status == 0, "\(back.stdout)")
        #expect(back.stdoutLines.last == "227 item(s) imported, 0 not imported; files: moodle-xml 1")
    }

    @Test("import of a zip package leaves no temporary file, whether it succeeds or fails")
    func temporaryFilesRemoved() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zip = directory + "/crcn.zip"
        #expect(try CLI.run(["export", "Banks/crcn", "-o", zip]).status == 0)
        // A QTI item whose image is a data: URL (decoded in memory, never written to a temporary file).
        let dataItem = directory + "/data-url.xml"
        try Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="logo" title="Logo" adaptive="false" time-dependent="false" xml:lang="fr-FR">
              <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
                <qti-correct-response><qti-value>A</qti-value></qti-correct-response>
              </qti-response-declaration>
              <qti-item-body>
                <p>Quel logo est celui du site ? <img src="data:image/svg+xml;base64,PHN2Zy8+" alt="Un cercle bleu"/></p>
                <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
                  <qti-simple-choice identifier="A">Le cercle</qti-simple-choice>
                  <qti-simple-choice identifier="B">Le carré</qti-simple-choice>
                </qti-choice-interaction>
              </qti-item-body>
            </qti-assessment-item>

            """.utf8
        ).write(to: URL(fileURLWithPath: dataItem))
        let temporary = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let environment = ["TMPDIR": temporary]
        let bank = directory + "/bank"
        let first = try CLI.run(
            ["import", zip, dataItem, "-o", bank, "--skill", "@rechercheWeb3"], environment: environment)
        #expect(first.status == 0, "\(first.stdout)")
        #expect(
            first.stdoutLines.last == "317 item(s) imported, 1 not imported; files: ims-content-package 1, qti-3.0 317")
        #expect(FileManager.default.contents(atPath: bank + "/media/imported/logo.svg") == Data("<svg/>".utf8))
        #expect(FileManager.default.fileExists(atPath: bank + "/media/imported/agenda-disponibilites.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
        // The same import again fails (the files exist): the extracted package is removed all the same.
        let again = try CLI.run(["import", zip, dataItem, "-o", bank], environment: environment)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
    }
}

import Foundation
import ItemBankModel
import ItemBankXML
import Testing
import ZIPFoundation

@testable import ItemBankInterop

@Suite("Importer: QTI, Moodle XML, GIFT fixtures")
struct ImporterTests {
    let importer = Importer(options: ImportOptions(language: "fr-FR"))

    private func read(_ name: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try Importer(options: options).read([Paths.fixture(name)])
    }

    /// Items of Banks/crcn exported to QTI 3.0 and read back one by one (no ../shared needed).
    private func exportedAndReadBack(_ ids: [String]) throws -> [String: ImportEntry] {
        let result = try BankReader(schemas: try SchemaSet.builtIn()).read(root: Paths.root + "/Banks/crcn")
        let items = try #require(result.sources).items.filter { ids.contains($0.id) }
        #expect(items.count == ids.count)
        let package = QTI3Exporter.package(items: items, mediaFolder: nil, bankID: "crcn")
        var entries: [String: ImportEntry] = [:]
        for id in ids {
            let file = try #require(package.files.first { $0.path == "items/\(id).xml" })
            let entry = try #require(importer.entries(bytes: [UInt8](file.data), path: "items/\(id).xml").first)
            entries[id] = entry
        }
        return entries
    }

    @Test("QTI 3.0 export read back: a qrocm-dep's answer groups, count and tolerances")
    func qrocmDepReadBack() throws {
        let entry = try #require(try exportedAndReadBack(["accessibilite-aides-techniques"]).values.first)
        let item = try #require(entry.item)
        #expect(item.type == .qrocmDep)
        #expect(entry.diagnostics.map(\.ruleID) == ["import.not-validated"])
        #expect(
            item.responses == [
                ImportedResponse(id: "a1", kind: .text(format: .words, tolerances: []), acceptedAnswers: []),
                ImportedResponse(id: "a2", kind: .text(format: .words, tolerances: []), acceptedAnswers: []),
            ])
        let groups = try #require(item.answerGroups)
        #expect(groups.count == 2)
        #expect(groups.tolerances == [.t1, .t2, .t3])
        #expect(groups.groups.map(\.count) == [10, 7, 5, 3])
        #expect(groups.groups[3] == ["contraste élevé", "mode contraste élevé", "haut contraste"])
        #expect(
            ItemFileWriter.text(of: item).contains(
                """
                    <response id="a2" format="words"/>
                  </responses>
                  <groups count="2" tolerances="t1 t2 t3">
                    <group><accept>lecteur d’écran</accept>
                """))
    }

    @Test("QTI 3.0 export read back: float numbers with a French decimal comma, formats, t2, code spacing")
    func responsesReadBack() throws {
        let entries = try exportedAndReadBack([
            "accessibilite-contraste-wcag", "cookies-effacer-raccourci", "algorithme-condition-tarif",
            "arborescence-chemin-relatif",
        ])
        let contrast = try #require(entries["accessibilite-contraste-wcag"]?.item)
        #expect(
            contrast.responses == [
                ImportedResponse(
                    id: "normal", kind: .text(format: .number, tolerances: [.t1]), acceptedAnswers: ["4,5"]),
                ImportedResponse(id: "grand", kind: .text(format: .number, tolerances: [.t1]), acceptedAnswers: ["3"]),
            ])
        let shortcut = try #require(entries["cookies-effacer-raccourci"]?.item)
        #expect(shortcut.responses.map(\.kind) == [.text(format: .short, tolerances: [.t1, .t2])])
        // The space inside <code> before the blank stays.
        guard case .paragraph(let last) = shortcut.stem.blocks.last else {
            Issue.record("the last block is not a paragraph: \(shortcut.stem.blocks)")
            return
        }
        #expect(last.hasSuffix(": <code>Ctrl + Maj + </code><blank response=\"touche\"/>"))
        let tarif = try #require(entries["algorithme-condition-tarif"]?.item)
        guard case .paragraph(let code) = tarif.stem.blocks[1] else {
            Issue.record("the second block is not a paragraph: \(tarif.stem.blocks)")
            return
        }
        #expect(code.contains("<br/><code>    prix ← prix - 4</code><br/>"))
        let path = try #require(entries["arborescence-chemin-relatif"]?.item)
        #expect(path.choices.map(\.text).first == "<code>projet/images/logo.png</code>")
    }

    @Test("content package LOM: general/language and lifeCycle/version map; title and status are listed")
    func lomMetadata() throws {
        let report = try Importer(options: ImportOptions(language: "en")).read([
            Paths.root + "/Tests/Fixtures/interop-lom"
        ])
        let entry = try #require(report.entry("navigateurs-lom"))
        let item = try #require(entry.item)
        #expect(item.language == "fr")  // LOM fr-CA → the nearest locale, not --language en
        #expect(item.version == 3)
        let manifest = Paths.root + "/Tests/Fixtures/interop-lom/imsmanifest.xml"
        #expect(
            entry.diagnostics.filter { $0.ruleID == "import.language" || $0.ruleID == "import.not-mapped" }.map {
                "\($0.location): \($0.ruleID): \($0.message)"
            } == [
                "\(manifest):8:9: import.language: the item has no usable xml:lang: fr from the manifest's LOM general/language",
                "\(manifest):8:9: import.not-mapped: LOM metadata not imported (no place in the item format): general/title, lifecycle/status",
            ])
        #expect(ItemFileWriter.text(of: item).contains(#"type="qcm" status="proposed" xml:lang="fr" version="3">"#))
    }

    @Test("QTI 2.1 multiple cardinality without maxChoices: a qcm, the implicit default reported")
    func qti21Multiple() throws {
        let report = try read("qti21-choice-multiple.xml")
        let entry = try #require(report.entry("navigateurs"))
        let item = try #require(entry.item)
        #expect(entry.format == .qti2p1)
        #expect(item.type == .qcm)
        #expect(item.language == "fr")
        #expect(item.shuffle)
        #expect(item.choices.map(\.id) == ["firefox", "chrome", "writer"])
        #expect(item.choices.map(\.isKey) == [true, true, false])
        #expect(item.stem.blocks == [.paragraph("Parmi ces logiciels, lesquels sont des <em>navigateurs</em> ?")])
        let implicit = entry.diagnostics.filter { $0.ruleID == "import.implicit-default" }
        #expect(implicit.map(\.severity) == [.info])
        #expect(implicit.map(\.location.line) == [9])
        #expect(implicit.map(\.location.column) == [5])
        #expect(entry.itemPath == "items/navigateurs.xml")
    }

    @Test("QTI 2.2: the same item is a qcu (maxChoices defaults to 1), with a warning")
    func qti22Default() throws {
        let entry = try #require(try read("qti22-choice-multiple.xml").entry("navigateurs-22"))
        #expect(entry.format == .qti2p2)
        #expect(entry.item?.type == .qcu)
        #expect(
            entry.diagnostics.filter { $0.ruleID == "import.implicit-default" }.map(\.message) == [
                "maxChoices is absent: QTI 2.2's default 1 lets the learner pick one choice, so the item is a qcu"
            ])
    }

    @Test("text entry and inline choice: a qrocm-ind with accepted answers, t1 and a drop-down")
    func textEntry() throws {
        let entry = try #require(try read("qti21-text-entry.xml").entry("capitales"))
        let item = try #require(entry.item)
        #expect(item.type == .qrocmInd)
        #expect(
            item.responses == [
                ImportedResponse(
                    id: "R1", kind: .text(format: .words, tolerances: [.t1]), acceptedAnswers: ["Paris", "Lutèce"]),
                ImportedResponse(
                    id: "R2", kind: .dropdown(options: ["Anvers", "Bruxelles"]), acceptedAnswers: ["Bruxelles"]),
            ])
        #expect(
            item.stem.blocks == [
                .paragraph(
                    "La capitale de la France est <blank response=\"R1\"/> et celle de la Belgique est <blank response=\"R2\"/>."
                )
            ])
        #expect(entry.diagnostics.map(\.ruleID).contains("import.not-mapped"))
        #expect(
            ItemFileWriter.text(of: item) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Imported from capitales without a skill: add skill="@tubeN" (or give the import a skill map), then review the item and set its status. -->
                <item xmlns="urn:itembank:item:1" id="capitales"
                      type="qrocm-ind" status="proposed" xml:lang="fr-FR">
                  <stem>La capitale de la France est <blank response="R1"/> et celle de la Belgique est <blank response="R2"/>.</stem>
                  <responses>
                    <response id="R1" format="words" tolerances="t1">
                      <accept>Paris</accept>
                      <accept>Lutèce</accept>
                    </response>
                    <dropdown id="R2">
                      <option>Anvers</option>
                      <option>Bruxelles</option>
                      <accept>Bruxelles</accept>
                    </dropdown>
                  </responses>
                </item>

                """)
    }

    @Test("extendedTextInteraction is unsupported, reported at its file:line:column")
    func unsupported() throws {
        let entry = try #require(try read("qti21-essay.xml").entry("essai"))
        #expect(entry.item == nil)
        #expect(entry.reason == "unsupported extendedTextInteraction")
        let diagnostic = try #require(entry.diagnostics.first { $0.ruleID == "import.unsupported" })
        #expect(diagnostic.location == SourceLocation(path: Paths.fixture("qti21-essay.xml"), line: 7, column: 5))
        #expect(diagnostic.severity == .error)
    }

    @Test(
        "Moodle: multiple-answer multichoice → qcm in its category folder; numerical tolerance reported; essay unsupported"
    )
    func moodle() throws {
        let report = try read("moodle-multiple.xml")
        #expect(report.entries.map(\.sourceIdentifier) == ["mots-de-passe-robustes", "octets-kilo", "redaction"])
        let qcm = try #require(report.entry("mots-de-passe-robustes")?.item)
        #expect(qcm.type == .qcm)
        #expect(qcm.folder == "reseaux/securite")
        #expect(qcm.choices.map(\.isKey) == [true, true, false, false])
        #expect(qcm.choices[0].text == "Tr0ub4dor&amp;3-cheval-agrafe")
        #expect(qcm.solution?.blocks == [.paragraph("Longueur et variété comptent.")])
        let numerical = try #require(report.entry("octets-kilo"))
        #expect(numerical.item?.responses.first?.kind == .text(format: .number, tolerances: []))
        #expect(numerical.item?.responses.first?.acceptedAnswers == ["1000"])
        #expect(
            numerical.diagnostics.filter { $0.ruleID == "import.not-mapped" }.map(\.location.line) == [22])
        #expect(report.entry("redaction")?.reason == "unsupported type essay")
        #expect(report.importedCount == 2)
    }

    @Test("a broken Moodle file is explained with the parser's first error, nothing imported")
    func brokenMoodle() throws {
        let report = try read("moodle-broken.xml")
        #expect(report.entries.count == 1)
        #expect(report.entries[0].item == nil)
        #expect(report.entries[0].diagnostics.map(\.ruleID) == ["xml.not-well-formed"])
        #expect(report.entries[0].diagnostics.map(\.location.line) == [5])
    }

    @Test("GIFT file: category folder, escapes, numerical and true/false")
    func gift() throws {
        let report = try read("escapes.gift")
        #expect(report.entries.map { $0.item?.type } == [.qcu, .qroc, .qcu])
        #expect(
            report.entries.map(\.itemPath) == [
                "items/bureautique/raccourci-copier.xml", "items/bureautique/poids.xml",
                "items/bureautique/le-format-pdf-fige-la-mise-en-page.xml",
            ])
        #expect(report.entries[0].item?.choices.map(\.text) == ["Ctrl+C", "Ctrl=V", "Ctrl~X"])
        #expect(report.entries[0].item?.stem.plain == "Quel raccourci copie la sélection {Windows} ?")
        #expect(report.entries[2].item?.choices.map(\.text) == ["Vrai", "Faux"])
    }

    @Test("skills: --skill for all; a map by identifier or category folder; otherwise none and a diagnostic")
    func skills() throws {
        let map = try SkillMap(text: "# map\nreseaux @securiteReseau3\noctets-kilo @unites2\n", path: "map.txt")
        let report = try read("moodle-multiple.xml", options: ImportOptions(skillMap: map))
        #expect(report.entry("mots-de-passe-robustes")?.item?.skill == "@securiteReseau3")
        #expect(report.entry("octets-kilo")?.item?.skill == "@unites2")
        let none = try read("qti21-choice-multiple.xml")
        #expect(none.entries[0].item?.skill == nil)
        #expect(none.entries[0].item?.status == .proposed)
        #expect(none.entries[0].diagnostics.contains { $0.ruleID == "import.skill-missing" })
        let all = try read("qti21-choice-multiple.xml", options: ImportOptions(skill: "@rechercheWeb3"))
        #expect(all.entries[0].item?.skill == "@rechercheWeb3")
        #expect(throws: ImportError.self) { try SkillMap(text: "navigateurs rechercheWeb3\n", path: "bad.txt") }
    }

    @Test("the imported items of every fixture pass the item schema")
    func itemsValidate() throws {
        let report = try Importer(options: ImportOptions(skill: "@rechercheWeb3")).read([
            Paths.root + "/Tests/Fixtures/interop"
        ])
        let reader = DocumentReader(schemas: try SchemaSet.builtIn())
        var failures: [String] = []
        for entry in report.entries {
            guard let item = entry.item else { continue }
            let (_, diagnostics) = reader.item(bytes: Array(ItemFileWriter.text(of: item).utf8), path: item.id)
            failures += diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        }
        #expect(report.importedCount == 8)
        #expect(failures == [])
    }
}

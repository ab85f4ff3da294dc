import Foundation
import ItemBankModel
import ItemBankTestSupport
import Testing

@testable import ItemBankXML

/// Schemas compiled once for the whole test run.
let schemas: SchemaSet = {
    do { return try SchemaSet(directory: repositoryRoot + "/Schemas") } catch { fatalError("\(error)") }
}()

func readItem(_ text: String, path: String = "test.xml") -> (Item?, [Diagnostic]) {
    DocumentReader(schemas: schemas).item(bytes: Array(text.utf8), path: path)
}

func example(_ name: String) throws -> String {
    try String(contentsOfFile: repositoryRoot + "/docs/examples/" + name, encoding: .utf8)
}

@Suite("Reading items")
struct DocumentReaderTests {
    @Test("the qcm example decodes with its keys, calibration and exact attribute positions")
    func qcm() throws {
        let (item, diagnostics) = readItem(try example("qcm.xml"), path: "qcm.xml")
        #expect(diagnostics.isEmpty)
        let value = try #require(item)
        #expect(value.id == "recherche-web-expression-exacte")
        #expect(value.skill == "@rechercheWeb3")
        #expect(value.type == .qcm)
        #expect(value.status == .validated)
        #expect(value.language == "fr-FR")
        #expect(value.choices.count == 4)
        #expect(value.keyPositions == [1, 4])
        #expect(value.shufflesChoices)
        #expect(value.calibration == Calibration(discrimination: 1.31, difficulty: 0.42))
        #expect(value.choices[0].text.markup == "<code>\"énergie solaire\"</code>")
        #expect(value.choices[0].text.plain == "\"énergie solaire\"")
        #expect(value.location == SourceLocation(path: "qcm.xml", line: 2, column: 1))
        // line 2: <item xmlns="urn:itembank:item:1" id="recherche-web-expression-exacte" skill="@rechercheWeb3"
        #expect(value.skillLocation == SourceLocation(path: "qcm.xml", line: 2, column: 79))
        #expect(value.idLocation == SourceLocation(path: "qcm.xml", line: 2, column: 39))
        #expect(value.choices[3].location == SourceLocation(path: "qcm.xml", line: 9, column: 5))
    }

    @Test("the qroc example: stem markup with paragraphs, code and a blank; a numeric response")
    func qroc() throws {
        let (item, diagnostics) = readItem(try example("qroc.xml"))
        #expect(diagnostics.isEmpty)
        let value = try #require(item)
        #expect(
            value.stem.markup
                == "<p>Dans un tableur, les cellules A1 à A4 contiennent 12, 7, 5 et 16.</p><p>Quelle valeur affiche la formule "
                + "<code>=SOMME(A1:A3)</code>\u{202F}? <blank response=\"valeur\"/></p>")
        #expect(value.responses.count == 1)
        #expect(value.responses[0].id == "valeur")
        #expect(value.responses[0].kind == .text(format: .number, tolerances: [.t1]))
        #expect(value.responses[0].acceptedAnswers.map(\.text) == ["24"])
        #expect(value.illustration?.source == "tableur-somme.svg")
        #expect(value.illustration?.alternative.hasPrefix("Feuille de calcul") == true)
    }

    @Test("the qrocm-ind example: a typed response with default format and a drop-down")
    func qrocmInd() throws {
        let value = try #require(readItem(try example("qrocm-ind.xml")).0)
        #expect(value.responses.map(\.id) == ["photo", "document", "web"])
        #expect(value.responses[0].acceptedAnswers.map(\.text) == ["jpg", "jpeg"])
        #expect(value.responses[0].kind == .text(format: .short, tolerances: [.t1, .t2]))
        guard case .dropdown(let options) = value.responses[2].kind else {
            Issue.record("expected a drop-down")
            return
        }
        #expect(options.map(\.text) == ["html", "mp3", "csv"])
        #expect(value.responses[2].acceptedAnswers.map(\.text) == ["html"])
    }

    @Test("the qrocm-dep example: groups with count and tolerances; responses default to t1 t2 t3")
    func qrocmDep() throws {
        let value = try #require(readItem(try example("qrocm-dep.xml")).0)
        let groups = try #require(value.answerGroups)
        #expect(groups.count == 2)
        #expect(groups.tolerances == .all)
        #expect(groups.groups.count == 5)
        #expect(groups.groups[0].acceptedAnswers.map(\.text) == ["Firefox", "Mozilla Firefox"])
        #expect(value.responses.allSatisfy { $0.acceptedAnswers.isEmpty })
        #expect(value.responses[0].kind == .text(format: .words, tolerances: .all))
    }

    @Test("not well-formed: only the first error, with line and column")
    func notWellFormed() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <item xmlns="urn:itembank:item:1">
              <stem>a < b</stem>
            </item>
            """
        let (item, diagnostics) = readItem(text)
        #expect(item == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.ruleID == "xml.not-well-formed")
        #expect(diagnostics.first?.location.line == 3)
        #expect(diagnostics.first?.location.column == 12)
    }

    @Test("an unclosed element is reported where it opens")
    func unclosedElement() {
        let text = "<item xmlns=\"urn:itembank:item:1\">\n  <stem>\n    <em>x</stem>\n</item>\n"
        let diagnostics = readItem(text).1
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == SourceLocation(path: "test.xml", line: 3, column: 5))
        #expect(diagnostics.first?.message == "element <em> is not closed (found </stem> at line 3)")
    }

    @Test("a DOCTYPE stops the parse with xml.doctype and no entity is read")
    func doctype() {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE item [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <item xmlns="urn:itembank:item:1">&e;</item>
            """
        let diagnostics = readItem(text).1
        #expect(diagnostics.map(\.ruleID) == ["xml.doctype"])
        #expect(diagnostics.first?.location.line == 2)
    }

    @Test("billion laughs is refused at the DOCTYPE, without expansion")
    func billionLaughs() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE item [\n<!ENTITY l0 \"ha\">\n"
        for level in 1...9 {
            text += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">\n"
        }
        text += "]>\n<item xmlns=\"urn:itembank:item:1\">&l9;</item>\n"
        let diagnostics = readItem(text).1
        #expect(diagnostics.map(\.ruleID) == ["xml.doctype"])
    }

    @Test("invalid UTF-8 gives one single-line diagnostic that says so")
    func invalidUTF8() {
        var bytes = Array("<item xmlns=\"urn:itembank:item:1\">\n<stem>caf".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("</stem></item>".utf8)
        let diagnostics = DocumentReader(schemas: schemas).item(bytes: bytes, path: "u.xml").1
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.line == 2)
        #expect(diagnostics.first?.message.hasPrefix("the file is not valid UTF-8 (Bytes: 0xFF 0xFE") == true)
        #expect(diagnostics.first?.message.contains("\n") == false)
    }

    @Test("nesting deeper than 256 levels is refused with a readable message")
    func deepNesting() {
        let text =
            "<item xmlns=\"urn:itembank:item:1\"><stem>" + String(repeating: "<em>", count: 300) + "x"
            + String(repeating: "</em>", count: 300) + "</stem></item>"
        let diagnostics = readItem(text).1
        #expect(diagnostics.map(\.message) == ["elements are nested more than 256 levels deep"])
    }

    @Test("an empty file is reported, not parsed")
    func empty() {
        let diagnostics = readItem("").1
        #expect(diagnostics.map(\.ruleID) == ["xml.not-well-formed"])
        #expect(diagnostics.first?.message == "the file is empty")
    }

    @Test("a wrong root element or namespace is reported before schema validation")
    func wrongRoot() {
        let noNamespace = readItem("<item id=\"x\"/>").1
        #expect(noNamespace.map(\.ruleID) == ["xml.wrong-root"])
        #expect(noNamespace.first?.message.hasSuffix("found <item> without namespace") == true)
        let framework = readItem("<framework xmlns=\"urn:itembank:framework:1\"/>").1
        #expect(framework.map(\.ruleID) == ["xml.wrong-root"])
    }

    @Test("schema errors carry the element's position, or the attribute's")
    func schemaPositions() {
        let text = """
            <item xmlns="urn:itembank:item:1" id="x" skill="@web1"
                  type="qcu" status="done" xml:lang="fr">
              <stem>Q</stem>
              <choices><choice key="true">a</choice><choice>b</choice></choices>
              <calibration discrimination="0" difficulty="NaN"/>
            </item>
            """
        let diagnostics = readItem(text).1
        #expect(diagnostics.allSatisfy { $0.ruleID == "xml.schema" })
        #expect(diagnostics.map(\.location.line) == [2, 5, 5])
        #expect(diagnostics[0].location.column == 26)  // the value of status
        #expect(diagnostics[0].message.contains("'done'"))
    }

    @Test("a missing xml:lang is a schema error")
    func missingLanguage() {
        let text = """
            <item xmlns="urn:itembank:item:1" id="x" skill="@web1" type="qcu" status="validated">
              <stem>Q</stem>
              <choices><choice key="true">a</choice><choice>b</choice></choices>
            </item>
            """
        let diagnostics = readItem(text).1
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("xml:lang") == true)
    }

    @Test("source positions count Unicode scalars, not bytes")
    func columns() {
        let source = SourceText(bytes: Array("é«\u{202F}x\n  <a>".utf8))
        #expect(source.position(ofOffset: 7) == (1, 4))  // x after é (2 bytes), « (2), U+202F (3)
        #expect(source.position(ofOffset: 11) == (2, 3))
        #expect(source.startTagOffset(qualifiedName: "a", reportedLine: 2) == 11)
    }

    @Test("the built-in schemas are the files of Schemas/ (run Scripts/embed-schemas.sh after editing one)")
    func embeddedSchemasInSync() throws {
        for file in SchemaSet.builtInFiles {
            let onDisk = try String(contentsOfFile: repositoryRoot + "/Schemas/" + file.name, encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == file.content, "\(file.name) differs")
        }
        #expect(SchemaSet.builtInFiles.map(\.name) == ["bank.xsd", "framework.xsd", "item.xsd", "xml.xsd"])
        _ = try SchemaSet.builtIn()
    }
}

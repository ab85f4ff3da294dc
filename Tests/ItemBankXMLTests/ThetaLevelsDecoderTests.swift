import Foundation
import ItemBankModel
import ItemBankTestSupport
import Testing

@testable import ItemBankXML

/// A one-competence framework whose competence ends with `table` (lines from line 10 on).
private func framework(table: String) -> String {
    """
    <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
      <title>F</title>
      <area code="1"><title>A</title>
        <competence code="1.1"><title>C</title>
          <thematic id="t"><title>T</title>
            <tube name="@web"><title>W</title>
              <skill name="@web1" level="1"/>
            </tube>
          </thematic>
    \(table)
        </competence>
      </area>
    </framework>
    """
}

private func readFramework(_ text: String) -> (Framework?, [Diagnostic]) {
    DocumentReader(schemas: schemas).framework(bytes: Array(text.utf8), path: "framework.xml")
}

@Suite("Reading θ tables (<thetaLevels>)")
struct ThetaLevelsDecoderTests {
    @Test("Banks/crcn: every competence has levels 1–7; 1.1's thresholds and their exact positions")
    func referenceBank() throws {
        let path = repositoryRoot + "/Banks/crcn/framework.xml"
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let (decoded, diagnostics) = DocumentReader(schemas: schemas).framework(bytes: bytes, path: path)
        #expect(diagnostics.isEmpty)
        let value = try #require(decoded)
        #expect(value.competences.count == 16)
        for competence in value.competences {
            #expect(competence.thetaLevels?.thresholds.map(\.level) == [1, 2, 3, 4, 5, 6, 7], "\(competence.code)")
            #expect(competence.thetaLevels?.problems(maxLevel: value.maxLevel) == [], "\(competence.code)")
        }
        let table = try #require(value.competences.first?.thetaLevels)
        #expect(table.thresholds.map(\.theta) == [-1.90, -0.73, 0.23, 0.92, 1.71, 2.49, 3.26])
        // Line 69: `      <thetaLevels>`; line 70: `        <threshold level="1" theta="-1.90"/>`.
        #expect(table.location == SourceLocation(path: path, line: 69, column: 7))
        #expect(table.thresholds[0].location == SourceLocation(path: path, line: 70, column: 27))
        #expect(table.thresholds[0].thetaLocation == SourceLocation(path: path, line: 70, column: 37))
        #expect(table.thresholds[6].location == SourceLocation(path: path, line: 76, column: 27))
    }

    @Test("a competence without <thetaLevels> has none; the fixture bank has no table")
    func absent() throws {
        let (decoded, diagnostics) = readFramework(framework(table: ""))
        #expect(diagnostics.isEmpty)
        #expect(try #require(decoded).competences.map(\.thetaLevels) == [nil])
        let fixture = try BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/clean-bank")
        #expect(fixture.sources?.framework?.competences.allSatisfy { $0.thetaLevels == nil } == true)
    }

    @Test("decimal forms the schema allows decode to their value; document order is kept")
    func decimals() throws {
        let (decoded, diagnostics) = readFramework(
            framework(
                table: """
                        <thetaLevels>
                          <threshold level="2" theta=" +.5 "/>
                          <threshold level=" 1 " theta="-2."/>
                          <threshold level="3" theta="0012.250"/>
                        </thetaLevels>
                    """))
        #expect(diagnostics.isEmpty)
        let table = try #require(decoded?.competences.first?.thetaLevels)
        #expect(table.thresholds.map(\.level) == [2, 1, 3])
        #expect(table.thresholds.map(\.theta) == [0.5, -2, 12.25])
        #expect(table.location == SourceLocation(path: "framework.xml", line: 10, column: 5))
        #expect(table.thresholds[1].location == SourceLocation(path: "framework.xml", line: 12, column: 25))
    }

    @Test(
        "the schema refuses NaN, INF, exponents, a level outside 1–8, a missing θ, an empty table and two tables",
        arguments: [
            "<thetaLevels><threshold level=\"1\" theta=\"NaN\"/></thetaLevels>",
            "<thetaLevels><threshold level=\"1\" theta=\"INF\"/></thetaLevels>",
            "<thetaLevels><threshold level=\"1\" theta=\"1e2\"/></thetaLevels>",
            "<thetaLevels><threshold level=\"9\" theta=\"1\"/></thetaLevels>",
            "<thetaLevels><threshold level=\"0\" theta=\"1\"/></thetaLevels>",
            "<thetaLevels><threshold level=\"1\"/></thetaLevels>",
            "<thetaLevels/>",
            "<thetaLevels><threshold level=\"1\" theta=\"1\"/></thetaLevels><thetaLevels/>",
        ])
    func refused(table: String) {
        let (decoded, diagnostics) = readFramework(framework(table: table))
        #expect(decoded == nil)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.ruleID == "xml.schema" }, "\(diagnostics)")
    }
}

extension ThetaLevelsDecoderTests {
    @Test("the table comes after the thematics: before them it is a schema error")
    func placement() {
        let text = framework(table: "").replacingOccurrences(
            of: "<competence code=\"1.1\"><title>C</title>",
            with:
                "<competence code=\"1.1\"><title>C</title><thetaLevels><threshold level=\"1\" theta=\"0\"/></thetaLevels>"
        )
        let (decoded, diagnostics) = readFramework(text)
        #expect(decoded == nil)
        #expect(diagnostics.map(\.ruleID) == ["xml.schema"])
        #expect(diagnostics.first?.location.line == 4)
    }
}

import Foundation
import ItemBankModel
import ItemBankTestSupport
import Testing

@testable import ItemBankLint

/// A framework (maxLevel 3) whose competence 1.1 ends with `table` (from line 10 on).
private func framework(_ table: String) throws -> Framework {
    let text = """
        <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="3" xml:lang="fr">
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
    let (framework, diagnostics) = reader.framework(bytes: Array(text.utf8), path: "f.xml")
    #expect(diagnostics.isEmpty)
    return try #require(framework)
}

@Suite("framework.theta-levels")
struct ThetaLevelsRuleTests {
    @Test("messages, positions, help and notes of each fault")
    func messages() throws {
        let value = try framework(
            """
                  <thetaLevels>
                    <threshold level="1" theta="-1.8"/>
                    <threshold level="1" theta="-0.9"/>
                    <threshold level="3" theta="-2.5"/>
                    <threshold level="5" theta="2"/>
                  </thetaLevels>
            """)
        let found = FrameworkThetaLevels().check(framework: value).sorted()
        #expect(
            found.map(\.message) == [
                "competence 1.1: the θ table has no threshold for level 2",
                "competence 1.1: level 1 has a second θ threshold",
                "competence 1.1: θ -2.5 of level 3 is not above θ -1.8 of level 1: more ability would give a lower level",
                "competence 1.1: level 5 of the θ table is above the open maximum level 3",
            ])
        #expect(found.map(\.location.line) == [10, 12, 13, 14])
        #expect(found.map(\.location.column) == [7, 27, 37, 27])
        #expect(found.allSatisfy { $0.severity == .error && $0.ruleID == "framework.theta-levels" })
        #expect(found[0].help == "give every level from 1 up to the table's highest")
        #expect(found[1].notes.map(\.message) == ["first threshold of level 1"])
        #expect(found[1].notes.map(\.location.line) == [11])
        #expect(found[3].help == "remove the threshold, or raise maxLevel when the level opens")
    }

    @Test("several missing levels are listed in one diagnostic")
    func missingLevels() throws {
        var value = try framework(
            """
                  <thetaLevels>
                    <threshold level="3" theta="1"/>
                  </thetaLevels>
            """)
        #expect(
            FrameworkThetaLevels().check(framework: value).map(\.message) == [
                "competence 1.1: the θ table has no threshold for levels 1 and 2"
            ])
        value.maxLevel = 5
        value.areas[0].competences[0].thetaLevels?.thresholds[0].level = 5
        #expect(
            FrameworkThetaLevels().check(framework: value).map(\.message) == [
                "competence 1.1: the θ table has no threshold for levels 1, 2, 3 and 4"
            ])
    }

    @Test("a non-finite θ (from a source other than the schema-checked XML) is reported at the θ")
    func nonFinite() throws {
        var value = try framework(
            """
                  <thetaLevels>
                    <threshold level="1" theta="-1"/>
                    <threshold level="2" theta="1"/>
                  </thetaLevels>
            """)
        #expect(FrameworkThetaLevels().check(framework: value).isEmpty)
        value.areas[0].competences[0].thetaLevels?.thresholds[1].theta = .infinity
        let found = FrameworkThetaLevels().check(framework: value)
        #expect(found.map(\.message) == ["competence 1.1: the θ of level 2 is not a finite number"])
        #expect(found.map(\.location.line) == [12])
        #expect(found.map(\.location.column) == [37])
        value.areas[0].competences[0].thetaLevels?.thresholds[1].theta = .nan
        #expect(
            FrameworkThetaLevels().check(framework: value).map(\.message) == [
                "competence 1.1: the θ of level 2 is not a finite number"
            ])
        // Level 0 (not a level; the schema refuses it in XML).
        value.areas[0].competences[0].thetaLevels?.thresholds[1] = ThetaThreshold(
            level: 0, theta: 2, location: SourceLocation(path: "f.xml", line: 12, column: 25))
        #expect(
            FrameworkThetaLevels().check(framework: value).map(\.message) == [
                "competence 1.1: level 0 of the θ table is not a level (1…3)"
            ])
    }

    @Test("the linter runs the rule: Banks/crcn's tables are clean, and the rule is in the catalogue")
    func catalogue() throws {
        #expect(Catalogue.description(of: "framework.theta-levels")?.defaultSeverity == .error)
        let report = try LintSession(schemas: exampleSchemas).lint(bankAt: repositoryRoot + "/Banks/crcn")
        #expect(!report.diagnostics.contains { $0.ruleID == "framework.theta-levels" })
        #expect(report.diagnostics.filter { $0.severity == .error || $0.severity == .warning }.isEmpty)
    }
}

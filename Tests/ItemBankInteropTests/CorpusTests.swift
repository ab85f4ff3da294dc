import Foundation
import ItemBankModel
import ItemBankXML
import Testing

@testable import ItemBankInterop

/// The shared corpora (../shared/corpora, not committed): every file imported or explained, source XSD
/// verdicts as the corpora's EXPECTED files say, imported items valid against item.xsd.
@Suite("Import of the shared corpora", .enabled(if: Paths.hasShared && Paths.hasSchemas))
struct CorpusTests {
    static let importer = Importer(
        options: ImportOptions(skill: "@rechercheWeb3", language: "en", schemas: Paths.schemas))

    /// `file → xsd-valid?` from an EXPECTED.tsv (column `xsdColumn`).
    private func expectedValidity(_ corpus: String, xsdColumn: Int, valid: String) throws -> [String: Bool] {
        let text = try String(contentsOfFile: Paths.shared + "/corpora/\(corpus)/EXPECTED.tsv", encoding: .utf8)
        var result: [String: Bool] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("file\t") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            result[columns[0]] = columns[xsdColumn] == valid
        }
        return result
    }

    private func sourceInvalid(_ report: ImportReport, base: String) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for entry in report.entries {
            let file = String(entry.source.path.dropFirst(base.count + 1))
            let invalid = entry.diagnostics.contains { $0.ruleID.hasPrefix("xml.") && $0.severity == .error }
            result[file, default: false] = result[file, default: false] || invalid
        }
        return result
    }

    private func schemaFailures(_ report: ImportReport) throws -> [String] {
        let reader = DocumentReader(schemas: try SchemaSet.builtIn())
        var failures: [String] = []
        for entry in report.entries {
            guard let item = entry.item else { continue }
            let (_, diagnostics) = reader.item(bytes: Array(ItemFileWriter.text(of: item).utf8), path: item.id)
            failures += diagnostics.filter { $0.severity == .error }.map { "\(entry.source): \($0.message)" }
        }
        return failures
    }

    @Test("qtiworks (QTI 2.1): 156 files, each imported or explained; XSD verdicts as EXPECTED.tsv")
    func qtiworks() throws {
        let base = Paths.shared + "/corpora/qtiworks"
        let report = try Self.importer.read([base])
        let expected = try expectedValidity("qtiworks", xsdColumn: 1, valid: "xsd-valid")
        let ours = sourceInvalid(report, base: base)
        #expect(Set(ours.keys) == Set(expected.keys))
        // Each entry is an item or has a reason and at least one diagnostic or a reason.
        #expect(report.entries.allSatisfy { $0.item != nil || $0.reason != nil })
        var disagreements: [String] = []
        for (file, valid) in expected where ours[file] == valid { disagreements.append(file) }
        // EXPECTED.tsv validates every file against imsqti_v2p1.xsd; the importer validates a result
        // document against the results XSD (valid) and has no XSD for IMS CP 1.1 manifests.
        #expect(
            disagreements.sorted() == [
                "jqtiplus-test/reading/choice-assessmentResult.xml", "jqtiplus-test/reading/imsmanifest.xml",
            ])
        #expect(report.filesByFormat == [.qti2p1: 153, .contentPackage: 1, .other: 2])
        #expect(report.importedCount == 61)
        #expect(try schemaFailures(report) == [])
    }

    @Test("qti3 corpus (QTI 3.0): each file imported or explained; XSD verdicts as EXPECTED.tsv")
    func qti3() throws {
        let base = Paths.shared + "/corpora/qti3"
        let report = try Self.importer.read([base])
        let expected = try expectedValidity("qti3", xsdColumn: 2, valid: "valid")
        let ours = sourceInvalid(report, base: base)
        #expect(report.entries.allSatisfy { $0.item != nil || $0.reason != nil })
        var disagreements: [String] = []
        for (file, valid) in expected where ours[file] == valid { disagreements.append(file) }
        // A QTI 3.1 manifest: no 3.1 XSD here, so it is reported as not validated.
        #expect(disagreements.sorted() == ["php-qti3/Unit/Package/Filesystem/Zip/fixtures/imsmanifest_v3p1.xml"])
        #expect(report.filesByFormat[.qti3p0] == 67)
        #expect(report.importedCount == 23)
        #expect(try schemaFailures(report) == [])
    }

    @Test("Moodle corpus: one entry per question of EXPECTED.tsv; imported items pass item.xsd")
    func moodle() throws {
        let base = Paths.shared + "/corpora/moodle"
        let report = try Self.importer.read([base])
        let text = try String(contentsOfFile: base + "/EXPECTED.tsv", encoding: .utf8)
        var expected: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            expected[columns[0]] = Int(columns[3]) ?? -1
        }
        var ours: [String: Int] = [:]
        for entry in report.entries {
            ours[String(entry.source.path.dropFirst(base.count + 1)), default: 0] += 1
        }
        #expect(ours == expected)
        #expect(report.entries.allSatisfy { $0.item != nil || $0.reason != nil })
        #expect(report.importedCount == 231)
        #expect(try schemaFailures(report) == [])
    }

    @Test("GIFT corpus: 51 files, 77 questions imported; imported items pass item.xsd")
    func gift() throws {
        let report = try Self.importer.read([Paths.shared + "/corpora/gift"])
        #expect(report.filesByFormat == [.gift: 51])
        #expect(report.entries.allSatisfy { $0.item != nil || $0.reason != nil })
        #expect(report.importedCount == 77)
        #expect(try schemaFailures(report) == [])
    }
}

import Foundation
import ItemBankModel
import ItemBankXML
import Testing

@testable import ItemBankInterop

/// QTI 3.0 export of Banks/crcn: the package validates against the QTI 3 XSDs (offline, with the
/// shared catalog), and importing it back gives the same items in what QTI expresses.
@Suite("QTI 3.0 export of Banks/crcn", .enabled(if: Paths.hasSchemas))
struct ExportTests {
    static func crcn() throws -> BankSources {
        let result = try BankReader(schemas: try SchemaSet.builtIn()).read(root: Paths.root + "/Banks/crcn")
        return try #require(result.sources)
    }

    static func export(to folder: String) throws -> (BankSources, QTI3Package) {
        let sources = try crcn()
        let package = QTI3Exporter.package(
            items: sources.items, mediaFolder: sources.root + "/media", bankID: sources.manifest.id)
        try package.write(to: folder)
        return (sources, package)
    }

    @Test("every exported item and the manifest validate against the QTI 3.0 XSDs")
    func validates() throws {
        let folder = Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (sources, package) = try Self.export(to: folder)
        let qrocmDep = sources.items.filter { $0.type == .qrocmDep }.count
        #expect(package.exportedCount == sources.items.count - qrocmDep)
        #expect(package.notes.filter(\.isOmitted).count == qrocmDep)
        var failures: [String] = []
        for file in package.files where file.path.hasSuffix(".xml") {
            let (_, diagnostics) = SourceTreeReader.read(bytes: [UInt8](file.data), path: file.path) {
                try? Paths.schemas.schema(namespace: $0, name: $1)
            }
            failures += diagnostics.map { "\($0.location): \($0.message)" }
        }
        #expect(failures == [])
        // Both schemas really applied: the item XSD and the content-packaging XSD.
        #expect(try Paths.schemas.schema(namespace: QTI3Exporter.namespace, name: "qti-assessment-item") != nil)
        #expect(
            try Paths.schemas.schema(
                namespace: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1", name: "manifest") != nil)
    }

    @Test("round trip: import(export(Banks/crcn)) gives back type, stem text, choices, keys and accepted answers")
    func roundTrip() throws {
        let folder = Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (sources, _) = try Self.export(to: folder)
        let skillText = try String(contentsOfFile: folder + "/skills.txt", encoding: .utf8)
        let report = try Importer(
            options: ImportOptions(skillMap: try SkillMap(text: skillText, path: "skills.txt"), schemas: Paths.schemas)
        ).read([folder])
        let imported = Dictionary(
            report.entries.compactMap { entry in entry.item.map { ($0.sourceIdentifier, $0) } },
            uniquingKeysWith: { first, _ in first })
        var differences: [String] = []
        for item in sources.items where item.type != .qrocmDep {
            guard let back = imported[QTI3Exporter.resourceID(item.id)] else {
                differences.append("\(item.id): not imported back")
                continue
            }
            if back.type != item.type { differences.append("\(item.id): type \(back.type) ≠ \(item.type)") }
            if back.skill != item.skill { differences.append("\(item.id): skill") }
            if back.language != item.language { differences.append("\(item.id): language") }
            if back.stem.plain != FlowText.collapse(item.stem.plain) {
                differences.append("\(item.id): stem «\(back.stem.plain)» ≠ «\(item.stem.plain)»")
            }
            if back.choices.map(\.isKey) != item.choices.map(\.isKey) { differences.append("\(item.id): keys") }
            if back.choices.map({ FlowText.strip($0.text) }) != item.choices.map(\.text.plain) {
                differences.append("\(item.id): choices")
            }
            let answers = item.responses.map { $0.acceptedAnswers.map(\.text) }
            if back.responses.map(\.acceptedAnswers) != answers { differences.append("\(item.id): accepted answers") }
            if back.illustration?.alternative != item.illustration?.alternative {
                differences.append("\(item.id): illustration alt")
            }
        }
        #expect(differences == [])
        #expect(report.importedCount == sources.items.count - sources.items.filter { $0.type == .qrocmDep }.count)
    }
}

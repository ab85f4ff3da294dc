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
        // Every item is exported, the 22 qrocm-dep included (answer groups as response processing).
        #expect(sources.items.count == 316)
        #expect(sources.items.filter { $0.type == .qrocmDep }.count == 22)
        #expect(package.exportedCount == 316)
        #expect(package.notes.filter(\.isOmitted).isEmpty)
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

    @Test(
        "round trip: import(export(Banks/crcn)) gives back type, stem, choices, keys, responses, accepted answers and answer groups"
    )
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
        for item in sources.items {
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
            // Choice markup (code) comes back as written.
            if back.choices.map(\.text) != item.choices.map(\.text.markup) {
                differences.append(
                    "\(item.id): choices \(back.choices.map(\.text)) ≠ \(item.choices.map(\.text.markup))")
            }
            let answers = item.responses.map { $0.acceptedAnswers.map(\.text) }
            if back.responses.map(\.acceptedAnswers) != answers { differences.append("\(item.id): accepted answers") }
            let kinds = item.responses.map { response -> ImportedResponse.Kind in
                switch response.kind {
                case .text(let format, let tolerances):
                    // A qrocm-dep's tolerances are its groups' (compared below).
                    .text(format: format, tolerances: item.type == .qrocmDep ? [] : tolerances)
                case .dropdown(let options): .dropdown(options: options.map(\.text))
                }
            }
            if back.responses.map(\.kind) != kinds { differences.append("\(item.id): response formats or tolerances") }
            let groups = item.answerGroups.map { groups in
                ImportedAnswerGroups(
                    groups: groups.groups.map { $0.acceptedAnswers.map(\.text) }, count: groups.count ?? 0,
                    tolerances: groups.tolerances)
            }
            if back.answerGroups != groups { differences.append("\(item.id): answer groups") }
            if back.illustration?.alternative != item.illustration?.alternative {
                differences.append("\(item.id): illustration alt")
            }
        }
        #expect(differences == [])
        #expect(report.importedCount == 316)
    }
}

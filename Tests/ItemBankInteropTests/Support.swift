import Foundation
import ItemBankInterop

/// Paths of the repository, its fixtures and the shared corpora (`../shared`, never committed).
enum Paths {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()
    static func fixture(_ name: String) -> String { root + "/Tests/Fixtures/interop/" + name }
    static let shared = URL(fileURLWithPath: root + "/../shared").standardizedFileURL.path
    static let hasShared = FileManager.default.fileExists(atPath: shared + "/corpora/qtiworks/EXPECTED.tsv")
    static let hasSchemas = FileManager.default.fileExists(atPath: shared + "/schemas/qti/catalog.xml")
    static let schemas = SourceSchemas(directory: shared + "/schemas")

    /// A new empty temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "itembank-interop-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension ImportReport {
    func entry(_ identifier: String) -> ImportEntry? { entries.first { $0.sourceIdentifier == identifier } }
}

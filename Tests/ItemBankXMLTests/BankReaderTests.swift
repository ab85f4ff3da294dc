import Foundation
import ItemBankModel
import ItemBankTestSupport
import Testing

@testable import ItemBankXML

@Suite("Reading bank folders")
struct BankReaderTests {
    @Test("the fixture bank: manifest, framework, 5 items in path order, media files")
    func cleanBank() throws {
        let result = try BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/clean-bank")
        #expect(result.diagnostics.isEmpty)
        let sources = try #require(result.sources)
        #expect(sources.manifest.id == "fixture")
        #expect(sources.manifest.itemPaths == ["items"])
        #expect(sources.framework?.maxLevel == 7)
        #expect(sources.framework?.skills.count == 6)
        #expect(sources.items.map(\.id) == ["guillemets", "moteur", "operateur", "extensions", "lecteurs"])
        #expect(sources.mediaFiles == ["requete.svg"])
        #expect(result.itemFileCount == 5)
    }

    @Test("a folder without manifest throws BankReadError")
    func noManifest() {
        #expect(throws: BankReadError.self) {
            try BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests")
        }
    }

    @Test("a symbolic-link loop in the items folder is reported once and reading goes on")
    func symlinkLoop() throws {
        let root = NSTemporaryDirectory() + "itembank-loop-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fixture = repositoryRoot + "/Tests/Fixtures/clean-bank"
        try FileManager.default.copyItem(atPath: fixture, toPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/items/1.1/loop", withDestinationPath: "..")
        let result = try BankReader(schemas: schemas).read(root: root)
        #expect(result.diagnostics.map(\.ruleID) == ["xml.unreadable"])
        #expect(result.diagnostics.first?.message.hasPrefix("symbolic-link loop") == true)
        #expect(result.sources?.items.count == 5)
    }

    @Test("a symbolic link leaving the bank folder is reported and not followed")
    func linkOutside() throws {
        let root = NSTemporaryDirectory() + "itembank-outside-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/items/evil.xml", withDestinationPath: "/etc/hostname")
        try FileManager.default.createSymbolicLink(atPath: root + "/items/up", withDestinationPath: "..")
        let result = try BankReader(schemas: schemas).read(root: root)
        let real = try #require(FileWalker.realPath(root))
        #expect(
            result.diagnostics.map(\.message) == [
                "symbolic link to /etc/hostname leaves the folder \(real)/items: not read",
                "symbolic link to \(real) leaves the folder \(real)/items: not read",
            ])
        #expect(result.sources?.items.count == 5)
    }

    @Test("an items folder leaving the bank folder by a symbolic link follows the rule of links inside: not read")
    func itemsFolderOutside() throws {
        let parent = NSTemporaryDirectory() + "itembank-items-outside-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let root = parent + "/bank"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        try FileManager.default.copyItem(atPath: root + "/items/1.1", toPath: parent + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: "../elsewhere")
        let manifest = try String(contentsOfFile: root + "/bank.xml", encoding: .utf8)
            .replacingOccurrences(
                of: "<items src=\"items\"/>",
                with: "<items src=\"items\"/>\n  <items src=\"linked\"/>")
        try manifest.write(toFile: root + "/bank.xml", atomically: true, encoding: .utf8)
        let result = try BankReader(schemas: schemas).read(root: root)
        let real = try #require(FileWalker.realPath(parent))
        #expect(
            result.diagnostics.map(\.message) == [
                "items folder linked is \(real)/elsewhere, which leaves the bank folder \(real)/bank: not read"
            ])
        #expect(result.diagnostics.map(\.location.line) == [6])
        #expect(result.diagnostics.map(\.ruleID) == ["xml.unreadable"])
        #expect(
            result.diagnostics.first?.help
                == "move or copy the items into the bank folder and give that folder in <items src=\"…\"/>")
        #expect(result.itemFileCount == 5)
    }

    @Test("<items src=\"bank.xml\"> says to give the folder of the items")
    func itemsSourceIsManifest() throws {
        let root = NSTemporaryDirectory() + "itembank-items-manifest-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        let manifest = try String(contentsOfFile: root + "/bank.xml", encoding: .utf8)
            .replacingOccurrences(
                of: "<items src=\"items\"/>", with: "<items src=\"bank.xml\"/>\n  <items src=\"media/requete.svg\"/>")
        try manifest.write(toFile: root + "/bank.xml", atomically: true, encoding: .utf8)
        let result = try BankReader(schemas: schemas).read(root: root)
        #expect(
            result.diagnostics.map(\.message) == [
                "items folder bank.xml is the bank manifest itself, not a folder of items",
                "items folder media/requete.svg is a file, not a folder",
            ])
        #expect(
            result.diagnostics.map(\.help) == [
                "give the folder that holds the item files, for example <items src=\"items\"/>",
                "give the folder that holds the item files, for example <items src=\"items\"/>",
            ])
        #expect(result.diagnostics.map(\.location.line) == [5, 6])
        #expect(result.itemFileCount == 0)
    }

    @Test("overlapping items folders: each file read once, one warning on bank.xml")
    func overlappingFolders() throws {
        let root = NSTemporaryDirectory() + "itembank-overlap-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        let manifest = try String(contentsOfFile: root + "/bank.xml", encoding: .utf8)
            .replacingOccurrences(
                of: "<items src=\"items\"/>", with: "<items src=\"items\"/>\n  <items src=\"items/1.1\"/>")
        try manifest.write(toFile: root + "/bank.xml", atomically: true, encoding: .utf8)
        let result = try BankReader(schemas: schemas).read(root: root)
        #expect(result.itemFileCount == 5)
        #expect(
            result.diagnostics.map(\.message) == [
                "items folder items/1.1 overlaps items: their common files are read once"
            ])
        #expect(result.diagnostics.first?.location.line == 6)
        #expect(result.diagnostics.first?.severity == .warning)
    }

    @Test("a missing framework or items folder is reported where bank.xml names it")
    func missingParts() throws {
        let root = NSTemporaryDirectory() + "itembank-missing-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        try FileManager.default.removeItem(atPath: root + "/framework.xml")
        try FileManager.default.removeItem(atPath: root + "/items")
        let result = try BankReader(schemas: schemas).read(root: root)
        #expect(
            result.diagnostics.map(\.message) == [
                "framework file framework.xml cannot be read: cannot read the file: no such file",
                "items folder items does not exist",
            ])
        #expect(result.diagnostics.map(\.location.line) == [4, 5])
        #expect(result.diagnostics.allSatisfy { $0.location.path.hasSuffix("/bank.xml") })
    }

    @Test("an item path that is a folder named .xml, or an unreadable file, is reported and the rest is read")
    func unreadable() throws {
        let root = NSTemporaryDirectory() + "itembank-unreadable-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/clean-bank", toPath: root)
        try FileManager.default.createDirectory(atPath: root + "/items/folder.xml", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: root + "/items/folder.xml/inner", withIntermediateDirectories: true)
        let (_, diagnostic) = DocumentReader(schemas: schemas).readFile(root + "/items/folder.xml")
        #expect(diagnostic?.message == "expected a file, found a folder")
        let result = try BankReader(schemas: schemas).read(root: root)
        #expect(result.sources?.items.count == 5)
    }
}

import Foundation
import Testing

@Suite struct ReportCommandTests {
    /// Every file of a folder, by relative path.
    func files(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                out[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return out
    }

    @Test func referenceBankTwiceSameBytes() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try CLI.run(["report", "Banks/crcn", "-o", folder + "/one"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix("wrote \(folder)/one: "))
        let second = try CLI.run(["report", "Banks/crcn", "-o", folder + "/two"])
        #expect(second.status == 0, "\(second.stderr)")
        let one = files(folder + "/one")
        #expect(one.count > 316)
        #expect(one["index.html"] != nil)
        #expect(one["items/recherche-web-expression-exacte.html"] != nil)
        #expect(one == files(folder + "/two"))
        // Writing over a previous report replaces it, with the same bytes.
        let third = try CLI.run(["report", "Banks/crcn", "-o", folder + "/one"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(files(folder + "/one") == one)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["one", "two"])
    }

    @Test func refusesAFolderItDidNotWrite() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data("keep".utf8))
        let result = try CLI.run(["report", "Tests/Fixtures/render-bank", "-o", folder])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a folder that no itembank report wrote"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    @Test func againstAPreviousRelease() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let build = try CLI.run(["build", "Tests/Fixtures/clean-bank", "-o", folder + "/old.itembank"])
        #expect(build.status == 0, "\(build.stderr)")
        let result = try CLI.run([
            "report", "Tests/Fixtures/render-bank", "-o", folder + "/site", "--against", folder + "/old.itembank",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let changes = String(
            decoding: FileManager.default.contents(atPath: folder + "/site/changes.html") ?? Data(), as: UTF8.self)
        #expect(changes.contains("<p>Items: 5 added, 5 removed, 0 changed, 0 unchanged."))

        let bad = try CLI.run([
            "report", "Tests/Fixtures/render-bank", "-o", folder + "/x", "--against", "Package.swift",
        ])
        #expect(bad.status == 3)  // a file that is not a valid bank: exit 3 in every command (issue 11)
        #expect(bad.stderr.contains("Package.swift: not a valid bank: [bad-magic]"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/x"))
    }

    @Test func notABank() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["report", "Sources", "-o", folder + "/site"])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
    }
}

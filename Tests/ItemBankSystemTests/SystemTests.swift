import Foundation
import Testing

@testable import ItemBankSystem

@Suite("System support: parallel map, atomic files")
struct SystemTests {
    @Test("parallelMap keeps index order for any count", arguments: [0, 1, 2, 7, 8, 9, 1000, 1001])
    func parallelMapOrder(count: Int) {
        #expect(parallelMap(count: count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    @Test("an atomic write replaces the file whole, with the permissions given, and leaves no temporary file")
    func atomicWrite() throws {
        let folder = NSTemporaryDirectory() + "itembank-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path, permissions: 0o600)
        #expect(FileManager.default.contents(atPath: path) == Data([4, 5]))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.bin"])
    }

    @Test("the leftovers of a killed writer are removed; a failed write names the cause")
    func staleAndFailure() throws {
        let folder = NSTemporaryDirectory() + "itembank-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
        let stale = folder + "/.b.bin.tmp-4194305-abcdef"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data([9])))
        try AtomicFile.write([7], to: folder + "/b.bin")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(throws: AtomicFileError.self) { try AtomicFile.write([1], to: folder + "/missing/c.bin") }
        do {
            try AtomicFile.write([1], to: folder + "/missing/c.bin")
        } catch {
            #expect(error.reason == "cannot create a temporary file: no such file or directory")
        }
    }

    @Test("printable text escapes control, format and separator characters")
    func printableText() {
        #expect(
            PrintableText.escaped("a\r\n\tb\u{7F}\u{85}\u{200B}\u{2028}é\\")
                == "a\\r\\n\\tb\\u{7F}\\u{85}\\u{200B}\\u{2028}é\\")
        #expect(PrintableText.quoted("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"")
        #expect(PrintableText.quoted("abcdef", limit: 3) == "\"abc…\"")
        #expect(PrintableText.quoted("abc", limit: 3) == "\"abc\"")
    }
}

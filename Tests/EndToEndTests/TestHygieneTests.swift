import Foundation
import Testing

/// Checks on the test sources themselves.
@Suite("test sources")
struct TestHygieneTests {
    /// A test that returns early when what it needs is absent counts as passed; it must be marked
    /// `.enabled(if:)` instead, so that it is reported as skipped. No test source prints "skipped".
    @Test("no test prints \"skipped\" and returns: absent files and tools disable a test with .enabled(if:)")
    func noSilentSkips() throws {
        let tests = CLI.root + "/Tests"
        let enumerator = try #require(FileManager.default.enumerator(atPath: tests))
        var offenders: [String] = []
        let marker = "print(\"" + "skipped"
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: tests + "/" + path, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(marker) {
                offenders.append("Tests/\(path):\(number + 1)")
            }
        }
        #expect(offenders == [])
    }
}

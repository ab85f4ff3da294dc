import Foundation
import Testing

@Suite("itembank lint: paths")
struct LintPathTests {
    @Test("a bank's manifest stands for its bank")
    func manifestPath() throws {
        let byFolder = try CLI.run(["lint", "--report", "gnu", "Tests/Fixtures/broken-bank"])
        let byManifest = try CLI.run(["lint", "--report", "gnu", "Tests/Fixtures/broken-bank/bank.xml"])
        #expect(byManifest.status == 1)
        #expect(byManifest.stdout == byFolder.stdout)
        #expect(byManifest.stderr == byFolder.stderr)
        #expect(!byManifest.stderr.contains("in 0 item files"))
    }
}

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

    /// Issue 11: `lint bank/items` said "no bank manifest (bank.xml) in this folder".
    @Test("a folder inside a bank says to give the bank folder")
    func folderInsideBank() throws {
        let items = try CLI.run(["lint", "Tests/Fixtures/clean-bank/items"])
        #expect(items.status == 2)
        #expect(
            items.stderr
                == "itembank: error: Tests/Fixtures/clean-bank/items is a folder inside the bank Tests/Fixtures/clean-bank, not a bank: give the bank folder (itembank lint Tests/Fixtures/clean-bank), or item files\n"
        )
        let deeper = try CLI.run(["lint", "Tests/Fixtures/clean-bank/items/1.1/"])
        #expect(deeper.status == 2)
        #expect(deeper.stderr.contains("inside the bank Tests/Fixtures/clean-bank, not a bank"), "\(deeper.stderr)")
    }

    /// Issue 11: copying an item to a new file and linting only the new file reported 0 errors; a lint
    /// of the bank blames whichever file sorts later.
    @Test("lint of one file reports its conflicts with the rest of the bank on that file")
    func crossFileConflicts() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let root = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: root)
        // "a-copie.xml" sorts before "moteur.xml": a full lint blames moteur.xml, the untouched original.
        try FileManager.default.copyItem(
            atPath: root + "/items/1.1/moteur.xml", toPath: root + "/items/1.1/a-copie.xml")
        let duplicate = "item id moteur is already used by another item [ref.duplicate-item-id]"
        let prototypes = "skill @rechercheWeb1 already has the validated prototype moteur [ref.two-prototypes]"

        let full = try CLI.run(["lint", "--report", "gnu", "bank"], in: directory)
        #expect(full.status == 1)
        #expect(
            full.stdoutLines.filter { $0.contains("ref.") } == [
                "bank/items/1.1/moteur.xml:2:1: warning: " + prototypes,
                "bank/items/1.1/moteur.xml:2:39: error: " + duplicate,
            ])

        let copy = try CLI.run(["lint", "--report", "gnu", "bank/items/1.1/a-copie.xml"], in: directory)
        #expect(copy.status == 1, "\(copy.stdout)\(copy.stderr)")
        let back = "note: the other item concerned (a lint of the whole bank reports the problem here)"
        #expect(
            copy.stdoutLines == [
                "bank/items/1.1/a-copie.xml:2:1: warning: " + prototypes,
                "bank/items/1.1/moteur.xml:2:1: " + back,
                "bank/items/1.1/a-copie.xml:2:39: error: " + duplicate,
                "bank/items/1.1/moteur.xml:2:39: " + back,
            ], "\(copy.stdout)")
        #expect(copy.stderr.contains("1 error, 1 warning in 1 item file"), "\(copy.stderr)")

        // The human report points back at the other file.
        let human = try CLI.run(["lint", "--report", "human", "bank/items/1.1/a-copie.xml"], in: directory)
        #expect(
            human.stdout.contains(
                "note: the other item concerned (a lint of the whole bank reports the problem here)\n --> bank/items/1.1/moteur.xml:2:39"
            ), "\(human.stdout)")

        // The original alone: the diagnostics a full lint gives it.
        let original = try CLI.run(["lint", "--report", "gnu", "bank/items/1.1/moteur.xml"], in: directory)
        #expect(original.status == 1)
        #expect(original.stdoutLines.filter { $0.contains("ref.") }.count == 2, "\(original.stdout)")
        #expect(
            original.stdoutLines.filter { !$0.contains(": note: ") }.allSatisfy {
                $0.hasPrefix("bank/items/1.1/moteur.xml:")
            }, "\(original.stdout)")

        // An unrelated file: nothing.
        let other = try CLI.run(["lint", "--report", "gnu", "bank/items/1.1/guillemets.xml"], in: directory)
        #expect(other.stdoutLines.filter { $0.contains("ref.") }.isEmpty, "\(other.stdout)")
    }
}

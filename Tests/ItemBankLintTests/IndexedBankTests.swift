import Foundation
import ItemBankModel
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankLint

@Suite struct IndexedBankTests {
    let session: LintSession = {
        do { return LintSession(schemas: try SchemaSet(directory: repositoryRoot + "/Schemas")) } catch {
            fatalError("\(error)")
        }
    }()

    /// Every path the linter reports on, plus every item file.
    func allPaths(_ index: IndexedBank, _ diagnostics: [Diagnostic]) -> Set<String> {
        Set(diagnostics.map(\.location.path)).union(index.itemPaths)
    }

    @Test(arguments: ["clean-bank", "broken-bank", "answers-bank"])
    func sameDiagnosticsAsTheLinter(bank: String) throws {
        let root = repositoryRoot + "/Tests/Fixtures/" + bank
        let expected = try session.lint(bankAt: root).diagnostics
        var index = try IndexedBank(root: root, session: session)
        let found = index.diagnostics(for: allPaths(index, expected)).values.flatMap { $0 }.sorted()
        #expect(found == expected)
        #expect(!expected.isEmpty || bank == "clean-bank")
    }

    @Test func anEditedItemIsCheckedAgainstTheBank() throws {
        let root = repositoryRoot + "/Tests/Fixtures/broken-bank"
        var index = try IndexedBank(root: root, session: session)
        let a = root + "/items/duplicate-a.xml"
        let b = root + "/items/duplicate-b.xml"
        let before = index.diagnostics(for: [a, b])
        // The later file in path order carries the duplicate.
        #expect(before[a] == [])
        #expect(before[b]?.map(\.ruleID) == ["ref.duplicate-item-id"])
        // Renaming a's id clears the duplicate in both files; a's new text has a QCU with two keys.
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <item xmlns="urn:itembank:item:1" id="autre-id" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr-FR">
              <stem>Question ?</stem>
              <choices>
                <choice key="true">Un</choice>
                <choice key="true">Deux</choice>
                <choice>Trois</choice>
              </choices>
            </item>
            """
        #expect(index.update(path: a, bytes: Array(text.utf8)) == .item)
        let after = index.diagnostics(for: [a, b])
        #expect(
            after[a]?.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" } == [
                "typo.nbsp-before-punctuation@3:17", "key.qcu-single-key@6:5",
            ])
        #expect(after[b] == [])
        #expect(index.item(at: a)?.id == "autre-id")
        // A file that does not parse keeps its reading diagnostic and leaves the index.
        index.update(path: a, bytes: Array("<item".utf8))
        #expect(index.item(at: a) == nil)
        #expect(index.diagnostics(for: [a])[a]?.map(\.ruleID) == ["xml.not-well-formed"])
    }

    @Test func aFrameworkChangeChecksTheItemsAgain() throws {
        let root = repositoryRoot + "/Tests/Fixtures/clean-bank"
        var index = try IndexedBank(root: root, session: session)
        let item = root + "/items/1.1/guillemets.xml"
        #expect(index.diagnostics(for: [item])[item] == [])
        let framework = try String(contentsOfFile: root + "/framework.xml", encoding: .utf8)
        let edited = framework.replacingOccurrences(of: "@rechercheWeb3", with: "@rechercheWeb5")
            .replacingOccurrences(of: "level=\"3\"", with: "level=\"5\"")
        #expect(index.update(path: root + "/framework.xml", bytes: Array(edited.utf8)) == .framework)
        let found = index.diagnostics(for: [item])[item] ?? []
        #expect(found.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" } == ["ref.unknown-skill@2:58"])
    }
}

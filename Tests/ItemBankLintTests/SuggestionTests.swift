import Foundation
import ItemBankModel
import ItemBankXML
import Testing

@testable import ItemBankLint

/// "Did you mean": the help of a diagnostic about an unknown name suggests the closest known ones.
@Suite("did-you-mean suggestions")
struct SuggestionTests {
    /// The help of ref.unknown-skill for an item of the fixture bank that names `skill`.
    func unknownSkillHelp(_ skill: String) throws -> String? {
        let text = """
            <item xmlns="urn:itembank:item:1" id="t" skill="\(skill)" type="qcu" status="validated" xml:lang="fr">
            <stem>Q</stem><choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
            </item>
            """
        let item = try #require(reader.item(bytes: Array(text.utf8), path: "t.xml").0)
        var sources = fixtureSources
        sources.items = [item]
        let result = BankReadResult(sources: sources, diagnostics: [], itemFileCount: 1)
        let found = Linter().lint(result).filter { $0.ruleID == "ref.unknown-skill" }
        #expect(found.count == 1)
        return found.first?.help
    }

    @Test(
        "ref.unknown-skill: a misspelt tube suggests the closest tube, with the skill at the same level when it exists",
        arguments: [
            ("@recherchWeb2", "no tube named @recherchWeb in framework mini; did you mean @rechercheWeb2?"),
            (
                "@recherchWeb7",
                "no tube named @recherchWeb in framework mini; did you mean @rechercheWeb (levels 1, 2, 3)?"
            ),
            ("@formatFichiers4", "no tube named @formatFichiers in framework mini; did you mean @formatsFichiers4?"),
            ("@rechercheWeb6", "tube @rechercheWeb has levels 1, 2, 3"),
            ("@zzz5", "no tube named @zzz in framework mini"),
        ])
    func unknownSkill(skill: String, help: String) throws {
        #expect(try unknownSkillHelp(skill) == help)
    }

    @Test("closest names: smallest distance only, case ignored, bounded by a third of the length")
    func closest() {
        let names = ["key.missing", "key.qcm-no-key", "key.choice-count", "iwf.vague-terms"]
        #expect(Suggestions.closest(to: "key.misisng", among: names) == ["key.missing"])
        #expect(Suggestions.closest(to: "KEY.MISSING!", among: names) == ["key.missing"])
        #expect(Suggestions.closest(to: "abc", among: ["abd", "xyz"]) == ["abd"])
        #expect(Suggestions.closest(to: "ab", among: ["xy", "cd"]) == [])
        #expect(Suggestions.closest(to: "completely-different", among: names) == [])
        #expect(Suggestions.didYouMean(["a"]) == "did you mean a?")
        #expect(Suggestions.didYouMean(["a", "b"]) == "did you mean a or b?")
        #expect(Suggestions.didYouMean([]) == nil)
    }
}

@Suite("itembank explain's examples")
struct ExplainExampleBankTests {
    @Test("explain says which framework its examples use, before the first example")
    func framework() throws {
        let rule = try #require(Catalogue.description(of: "ref.unknown-skill"))
        let text = RuleReference.explanation(rule)
        let summary = try #require(text.range(of: ExampleBank.summary))
        let first = try #require(text.range(of: "Triggers (↓ marks the diagnostic):"))
        #expect(summary.upperBound < first.lowerBound)
        #expect(ExampleBank.summary.contains("tube @rechercheWeb at levels 1, 2, 3"))
        #expect(ExampleBank.framework.contains(#"<skill name="@formatsFichiers4" level="4"/>"#))
    }
}

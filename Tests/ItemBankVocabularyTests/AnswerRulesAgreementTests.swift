import Foundation
import ItemBankCompiler
import ItemBankLint
import ItemBankModel
import ItemBankRuntime
import ItemBankTestSupport
import ItemBankVocabulary
import ItemBankXML
import Testing

/// The clean fixture bank, read once; each case replaces its items with one item.
private let fixture: (sources: BankSources, reader: DocumentReader)? = {
    guard let schemas = try? SchemaSet(directory: repositoryRoot + "/Schemas"),
        let result = try? BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/clean-bank"),
        let sources = result.sources
    else { return nil }
    return (sources, DocumentReader(schemas: schemas))
}()

/// One qroc item whose only response accepts `accepted`: lint's diagnostics (rule ids) on it, and
/// whether the runtime, on the compiled bank, finds the learner's `typed` answer right.
private func lintAndCheck(
    accepted: [String], typed: String, format: String, tolerances: String
) throws -> (rules: [String], isRight: Bool) {
    let fixture = try #require(fixture, "Tests/Fixtures/clean-bank did not load")
    let accepts = accepted.map { "<accept>\($0)</accept>" }.joined()
    let text = """
        <item xmlns="urn:itembank:item:1" id="n" skill="@rechercheWeb2" type="qroc" status="validated" xml:lang="fr-FR">
        <stem>Combien ? <blank response="r"/></stem>
        <responses><response id="r" format="\(format)" tolerances="\(tolerances)">\(accepts)</response></responses>
        </item>
        """
    let (decoded, diagnostics) = fixture.reader.item(bytes: Array(text.utf8), path: "n.xml")
    let item = try #require(decoded, "item did not decode: \(diagnostics.map(\.message))")
    var sources = fixture.sources
    sources.items = [item]
    let lint = Linter().lint(BankReadResult(sources: sources, diagnostics: [], itemFileCount: 1))
    let bank = try Bank(bytes: try BankCompiler.compile(sources))
    let view = try #require(bank.item(id: "n"))
    let check = try view.check(.text(typed))
    return (lint.map(\.ruleID), check.isRight)
}

/// One number grammar for authors and learners (docs/authoring.md, "Numbers"): what lint's
/// `response.number-format` accepts from an author is what answer checking reads as a number.
struct NumberCase: CustomTestStringConvertible, Sendable {
    /// What the author writes as the accepted answer.
    var written: String
    /// What the learner types: the same value written another way.
    var typed: String
    /// Whether `written` is a number of the grammar.
    var isNumber: Bool
    /// ``AnswerNumber``'s canonical form, nil when not a number.
    var canonical: String?
    var testDescription: String { "\(written.debugDescription) ~ \(typed.debugDescription)" }
}

private let numberCases: [NumberCase] = [
    NumberCase(written: "7", typed: "7.0", isNumber: true, canonical: "7"),
    NumberCase(written: "7,5", typed: "7.50", isNumber: true, canonical: "7.5"),
    NumberCase(written: "07", typed: "7", isNumber: true, canonical: "7"),
    NumberCase(written: "+7", typed: "7", isNumber: true, canonical: "7"),
    NumberCase(written: "-7", typed: "-7,0", isNumber: true, canonical: "-7"),
    NumberCase(written: "\u{2212}7", typed: "-7", isNumber: true, canonical: "-7"),
    NumberCase(written: "-0", typed: "0", isNumber: true, canonical: "0"),
    NumberCase(written: "12 345", typed: "12345", isNumber: true, canonical: "12345"),
    NumberCase(written: "12\u{202F}345", typed: "12345", isNumber: true, canonical: "12345"),
    NumberCase(written: "12\u{A0}345,50", typed: "12345.5", isNumber: true, canonical: "12345.5"),
    NumberCase(written: "1 234 567,8", typed: "1234567.8", isNumber: true, canonical: "1234567.8"),
    NumberCase(written: "1e3", typed: "1000", isNumber: false, canonical: nil),
    NumberCase(written: "1.5E-3", typed: "0.0015", isNumber: false, canonical: nil),
    NumberCase(written: "inf", typed: "infinity", isNumber: false, canonical: nil),
    NumberCase(written: "0x10", typed: "16", isNumber: false, canonical: nil),
    NumberCase(written: "1,000.5", typed: "1000.5", isNumber: false, canonical: nil),
    NumberCase(written: "7,", typed: "7", isNumber: false, canonical: nil),
    NumberCase(written: ",5", typed: "0,5", isNumber: false, canonical: nil),
    NumberCase(written: "1 00", typed: "100", isNumber: false, canonical: nil),
    NumberCase(written: "1  000", typed: "1000", isNumber: false, canonical: nil),
    NumberCase(written: "1000 000", typed: "1000000", isNumber: false, canonical: nil),
    NumberCase(written: "+-7", typed: "-7", isNumber: false, canonical: nil),
    NumberCase(written: "7 €", typed: "7", isNumber: false, canonical: nil),
    NumberCase(written: "sept", typed: "7", isNumber: false, canonical: nil),
    NumberCase(written: "\u{0661}\u{0662}", typed: "12", isNumber: false, canonical: nil),
]

/// Two accepted answers and the tolerances of their response: lint's `response.tolerance-collision`
/// reports the second exactly when answer checking takes one for the other.
struct CollisionCase: CustomTestStringConvertible, Sendable {
    var first: String
    var second: String
    var format: String
    var tolerances: String
    var collide: Bool
    var testDescription: String { "\(first) / \(second) [\(format) \(tolerances)]" }
}

private let collisionCases: [CollisionCase] = [
    CollisionCase(first: "Firefox", second: "firefox", format: "words", tolerances: "t1", collide: true),
    CollisionCase(first: "Firefox", second: "firefox", format: "words", tolerances: "", collide: false),
    CollisionCase(first: "Firefox", second: "firefox", format: "words", tolerances: "t2", collide: false),
    CollisionCase(first: "site:", second: "site", format: "words", tolerances: "t2", collide: true),
    CollisionCase(first: "site:", second: "site", format: "words", tolerances: "t1", collide: false),
    CollisionCase(first: "Noël", second: "noel", format: "words", tolerances: "t1", collide: true),
    CollisionCase(first: "Noël", second: "Noel", format: "words", tolerances: "t2", collide: false),
    CollisionCase(first: "cœur", second: "coeur", format: "words", tolerances: "t1", collide: true),
    CollisionCase(first: "mot clé", second: "motclé", format: "words", tolerances: "t1", collide: true),
    CollisionCase(first: "7", second: "7,0", format: "number", tolerances: "", collide: true),
    CollisionCase(first: "12 345", second: "12345", format: "number", tolerances: "", collide: true),
    CollisionCase(first: "1e3", second: "1000", format: "number", tolerances: "", collide: false),
]

@Suite("Lint and answer checking agree")
struct AnswerRulesAgreementTests {
    @Test("number grammar: lint's response.number-format and the runtime's answer checking", arguments: numberCases)
    func numberGrammar(_ number: NumberCase) throws {
        #expect(AnswerNumber(number.written)?.description == number.canonical)
        let (rules, isRight) = try lintAndCheck(
            accepted: [number.written], typed: number.typed, format: "number", tolerances: "")
        #expect(rules.contains("response.number-format") == !number.isNumber, "lint: \(rules)")
        #expect(isRight == number.isNumber, "runtime")
    }

    @Test(
        "tolerance collision: lint's response.tolerance-collision and the runtime's matching", arguments: collisionCases
    )
    func toleranceCollision(_ pair: CollisionCase) throws {
        let (rules, _) = try lintAndCheck(
            accepted: [pair.first, pair.second], typed: pair.second, format: pair.format, tolerances: pair.tolerances)
        #expect(rules.filter { $0 == "response.tolerance-collision" }.count == (pair.collide ? 1 : 0), "lint: \(rules)")
        let (_, isRight) = try lintAndCheck(
            accepted: [pair.first], typed: pair.second, format: pair.format, tolerances: pair.tolerances)
        #expect(isRight == pair.collide, "runtime")
    }

    @Test("stable codes are the compiled format's tables")
    func stableCodes() {
        #expect(ItemType.codeTable == ["qcu", "qcm", "qroc", "qrocm-ind", "qrocm-dep"])
        #expect(ItemStatus.codeTable == ["proposed", "validated", "archived", "obsolete"])
        #expect(SkillStatus.codeTable == ["active", "in-construction", "archived", "obsolete"])
        #expect(Genealogy.codeTable == ["prototype", "variant"])
        #expect(ResponseFormat.codeTable == ["short", "words", "sentence", "paragraph", "number"])
        #expect(ItemType(code: 4) == .qrocmDep && ItemType(code: 5) == nil)
        #expect(Tolerances(code: 0xFF) == .all && Tolerances(code: 0b101) == [.t1, .t3])
        #expect(Tolerances(list: "t3 t1")?.list == "t1 t3" && Tolerances(list: "t4") == nil)
    }
}

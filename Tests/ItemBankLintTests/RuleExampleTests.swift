import Foundation
import ItemBankModel
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankLint

/// (rule id, example index) of every example of every rule.
let allExamples: [RuleExampleCase] = Catalogue.descriptions.flatMap { description in
    description.examples.indices.map { RuleExampleCase(rule: description.id, index: $0) }
}

struct RuleExampleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var index: Int
    var testDescription: String { "\(rule) #\(index + 1)" }
    var description: RuleDescription? { Catalogue.description(of: rule) }
    var example: RuleExample? { description?.examples[index] }
}

let exampleSchemas: SchemaSet = {
    do { return try SchemaSet(directory: repositoryRoot + "/Schemas") } catch { fatalError("\(error)") }
}()

/// A diagnostic of an example bank: path relative to the bank, line, column.
struct ExampleFinding: Equatable, CustomStringConvertible {
    var rule: String
    var path: String
    var line: Int
    var column: Int
    var description: String { "\(rule)@\(path):\(line):\(column)" }
}

/// Writes the example bank with `example` in it, lints it, and returns every diagnostic (paths relative
/// to the bank folder).
func lintExample(_ example: RuleExample) throws -> [ExampleFinding] {
    try lintExampleWithFixes(example).findings
}

/// Writes the example bank with `example` in it, lints it, and returns every diagnostic (paths relative
/// to the bank folder) and the example's file after one pass of the fix-its of `rule` (nil without
/// a rule).
func lintExampleWithFixes(
    _ example: RuleExample, fixing rule: String? = nil
) throws -> (
    findings: [ExampleFinding], fixed: String?
) {
    let root = NSTemporaryDirectory() + "itembank-example-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    try FileManager.default.createDirectory(atPath: root + "/items", withIntermediateDirectories: true)
    try write("bank.xml", Array(ExampleBank.manifest.utf8))
    try write("framework.xml", Array(ExampleBank.framework.utf8))
    for media in ExampleBank.media { try write("media/" + media.path, Array(media.content.utf8)) }
    for file in example.otherFiles { try write(file.path, Array(file.content.utf8)) }
    try write(example.path, example.bytes)
    let report = try LintSession(schemas: exampleSchemas).lint(bankAt: root)
    let findings = report.diagnostics.map { diagnostic in
        let path = diagnostic.location.path
        return ExampleFinding(
            rule: diagnostic.ruleID,
            path: path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path,
            line: diagnostic.location.line, column: diagnostic.location.column)
    }
    guard let rule else { return (findings, nil) }
    let plan = FixPlan(diagnostics: report.diagnostics.filter { $0.ruleID == rule })
    let bytes = example.bytes
    let fixed = try plan.files.first { $0.path.hasSuffix("/" + example.path) }.map { try $0.apply(to: bytes) } ?? bytes
    return (findings, String(decoding: fixed, as: UTF8.self))
}

@Suite("Rule examples")
struct RuleExampleTests {
    @Test("every rule's examples: diagnostics exactly at the markers, none elsewhere", arguments: allExamples)
    func example(_ testCase: RuleExampleCase) throws {
        let example = try #require(testCase.example)
        let (findings, fixed) = try lintExampleWithFixes(
            example, fixing: example.fixedXML == nil ? nil : testCase.rule)
        let found = findings.filter { $0.rule == testCase.rule }
        var expected = example.source.positions.map {
            ExampleFinding(rule: testCase.rule, path: example.path, line: $0.line, column: $0.column)
        }
        if example.wholeFile {
            expected.append(ExampleFinding(rule: testCase.rule, path: example.path, line: 0, column: 0))
        }
        #expect(found == expected)
        // Before → after: the rule's fix-its turn the example into its corrected text.
        if let after = example.fixedXML {
            #expect(fixed == after)
        }
    }

    @Test("inside an XML comment of a clean example, a triggering example does not trigger", arguments: allExamples)
    func commented(_ testCase: RuleExampleCase) throws {
        let example = try #require(testCase.example)
        guard example.triggers, example.isXML else { return }
        let host = try #require(
            testCase.description?.examples.first { !$0.triggers && $0.path == example.path },
            "\(testCase.rule) needs a clean example with path \(example.path) to host the comment")
        let variant = try #require(host.commenting(example))
        let found = try lintExample(variant)
        #expect(!found.contains { $0.rule == testCase.rule }, "\(found)")
        #expect(!found.contains { $0.rule == "xml.not-well-formed" || $0.rule == "xml.schema" }, "\(found)")
    }

    @Test(
        "a file suppression silences each triggering example; on a clean one it is reported unused",
        arguments: allExamples)
    func suppressed(_ testCase: RuleExampleCase) throws {
        let example = try #require(testCase.example)
        // Protected rules cannot be suppressed; a file that is not XML cannot carry a suppression (its
        // rule is configured in bank.xml). A clean example of bank.unused-suppression with a suppression
        // of bank.unused-suppression is, rightly, that rule's finding.
        guard !BankLintSettings.protected.contains(testCase.rule), let variant = example.suppressing(testCase.rule)
        else { return }
        if testCase.rule == BankUnusedSuppression.description.id && !example.triggers { return }
        let found = try lintExample(variant)
        #expect(!found.contains { $0.rule == testCase.rule }, "\(found)")
        #expect(found.contains { $0.rule == BankUnusedSuppression.description.id } == !example.triggers, "\(found)")
    }

    @Test("every rule has a triggering and a clean example; there are at least 45 rules")
    func coverage() {
        for description in Catalogue.descriptions {
            #expect(description.examples.contains { $0.triggers }, "\(description.id) has no triggering example")
            #expect(description.examples.contains { !$0.triggers }, "\(description.id) has no clean example")
            // A rule with fix-its shows each triggering example's corrected text; a rule without has none.
            for example in description.examples where example.triggers {
                #expect(
                    (example.fixedXML != nil) == description.hasFixIts,
                    "\(description.id): fix-it examples carry their corrected text (.fixed(as:)), others none")
            }
            for example in description.examples where example.triggers && example.isXML {
                #expect(
                    description.examples.contains { !$0.triggers && $0.path == example.path },
                    "\(description.id): no clean example with path \(example.path)")
            }
        }
        #expect(Catalogue.descriptions.count >= 45)
    }
}

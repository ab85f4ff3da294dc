import ItemBankModel
import Testing

@testable import ItemBankLint

/// At most `limit` diagnostics of one rule in one file, then one omission (issue 11, item 2).
@Suite("Diagnostic limit per rule and file")
struct DiagnosticLimitTests {
    static func finding(_ rule: String, _ path: String, line: Int, fixable: Bool = false) -> Diagnostic {
        Diagnostic(
            ruleID: rule, severity: .warning, location: SourceLocation(path: path, line: line, column: 1),
            message: "finding at \(line)",
            fixIts: fixable
                ? [FixIt(message: "fix", edits: [FixIt.Edit(offset: line, original: "'", replacement: "’")])] : [])
    }

    @Test("over the limit: the first ones in source order, then one info note with the count")
    func limitedKeepsTheFirst() {
        let lines = [9, 2, 7, 1, 5]
        let input =
            lines.map { Self.finding("typo.straight-apostrophe", "a.xml", line: $0, fixable: true) }
            + [
                Self.finding("iwf.vague-terms", "a.xml", line: 3),
                Self.finding("typo.straight-apostrophe", "b.xml", line: 4),
            ]
        let output = Linter.limited(input, to: 3)
        #expect(
            output.map { "\($0.location.path):\($0.location.line) \($0.severity) \($0.ruleID) \($0.message)" } == [
                "a.xml:3 warning iwf.vague-terms finding at 3",
                "b.xml:4 warning typo.straight-apostrophe finding at 4",
                "a.xml:1 warning typo.straight-apostrophe finding at 1",
                "a.xml:2 warning typo.straight-apostrophe finding at 2",
                "a.xml:5 warning typo.straight-apostrophe finding at 5",
                "a.xml:7 info typo.straight-apostrophe 2 more typo.straight-apostrophe findings in this file not shown (at most 3 per rule and file)",
            ])
        #expect(output.last?.help == Linter.omissionHelpFixable)
        #expect(output.last.map(Linter.isOmission) == true)
        #expect(Linter.limited(input, to: 5) == input)
        #expect(Linter.limited(input, to: nil) == input)
        // One more than the limit: "1 more … finding".
        let six = (1...4).map { Self.finding("key.missing", "c.xml", line: $0) }
        #expect(
            Linter.limited(six, to: 3).last?.message
                == "1 more key.missing finding in this file not shown (at most 3 per rule and file)")
        #expect(Linter.limited(six, to: 3).last?.help == Linter.omissionHelp)
    }

    @Test("Findings builds the kept diagnostics and the first one left out, and counts the rest")
    func findingsCountsWithoutBuilding() {
        var built = 0
        var findings = Findings(limit: 2)
        for line in 1...6 {
            findings.append(
                {
                    built += 1
                    return Self.finding("typo.ellipsis", "a.xml", line: line, fixable: true)
                }())
        }
        #expect(built == 3)
        let output = findings.diagnostics
        #expect(output.map(\.location.line) == [1, 2, 3])
        #expect(
            output.last?.message
                == "4 more typo.ellipsis findings in this file not shown (at most 2 per rule and file)")
        // The linter does not limit them a second time.
        #expect(Linter.limited(output, to: 2) == output)
        var unlimited = Findings(limit: nil)
        for line in 1...6 { unlimited.append(Self.finding("typo.ellipsis", "a.xml", line: line)) }
        #expect(unlimited.diagnostics.count == 6)
    }

    @Test("a file given to lint gets the cross-file diagnostic that a full lint puts on the other file")
    func focusedMovesCrossFileDiagnostics() {
        let duplicate = Diagnostic(
            ruleID: "ref.duplicate-item-id", severity: .error,
            location: SourceLocation(path: "b.xml", line: 2, column: 39),
            message: "item id x is already used by another item",
            notes: [
                DiagnosticNote(
                    location: SourceLocation(path: "a.xml", line: 2, column: 39), message: "id x first used here")
            ])
        let elsewhere = Self.finding("key.missing", "c.xml", line: 1)
        let report = LintReport(diagnostics: [duplicate, elsewhere], sources: nil, itemFileCount: 3)
        let focused = report.focused(on: ["/bank/a.xml"], canonicalPath: { "/bank/" + $0 })
        #expect(focused.diagnostics.count == 1)
        #expect(focused.diagnostics.first?.location == SourceLocation(path: "a.xml", line: 2, column: 39))
        #expect(focused.diagnostics.first?.message == "item id x is already used by another item")
        #expect(
            focused.diagnostics.first?.notes == [
                DiagnosticNote(
                    location: SourceLocation(path: "b.xml", line: 2, column: 39),
                    message: "the other item concerned (a lint of the whole bank reports the problem here)")
            ])
        // The file a full lint blames: unchanged.
        #expect(report.focused(on: ["/bank/b.xml"], canonicalPath: { "/bank/" + $0 }).diagnostics == [duplicate])
        #expect(report.focused(on: ["/bank/d.xml"], canonicalPath: { "/bank/" + $0 }).diagnostics.isEmpty)
    }
}

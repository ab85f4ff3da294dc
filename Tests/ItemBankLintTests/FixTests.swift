import Foundation
import ItemBankModel
import ItemBankXML
import Testing

@testable import ItemBankLint

@Suite("Fix-its")
struct FixTests {
    func diagnostic(_ path: String, line: Int, _ edits: [FixIt.Edit]) -> Diagnostic {
        Diagnostic(
            ruleID: "typo.ellipsis", severity: .warning, location: SourceLocation(path: path, line: line, column: 1),
            message: "m", fixIts: [FixIt(message: "f", edits: edits)])
    }

    @Test("a plan takes fix-its in diagnostic order and leaves overlapping ones for the next pass")
    func plan() {
        let plan = FixPlan(diagnostics: [
            diagnostic("b.xml", line: 2, [FixIt.Edit(offset: 10, original: "...", replacement: "…")]),
            diagnostic("a.xml", line: 1, [FixIt.Edit(offset: 4, original: " ", replacement: "\u{202F}")]),
            diagnostic("b.xml", line: 1, [FixIt.Edit(offset: 11, original: "..", replacement: "")]),
            diagnostic(
                "a.xml", line: 3,
                [
                    FixIt.Edit(offset: 30, original: "\"", replacement: "«\u{202F}"),
                    FixIt.Edit(offset: 20, original: "\"", replacement: "\u{202F}»"),
                ]),
        ])
        #expect(plan.files.map(\.path) == ["a.xml", "b.xml"])
        #expect(plan.files[0].edits.map(\.offset) == [4, 20, 30])
        #expect(plan.files[1].edits.map(\.offset) == [11])  // line 1 first; the line-2 fix overlaps it
        #expect(plan.fixCount == 3)
        #expect(
            FixPlan.overlap(
                FixIt.Edit(offset: 5, original: "", replacement: "x"), .init(offset: 5, original: "", replacement: "y"))
        )
        #expect(
            !FixPlan.overlap(
                FixIt.Edit(offset: 5, original: "ab", replacement: ""), .init(offset: 7, original: "", replacement: "y")
            ))
    }

    @Test("edits apply to the bytes they expect, and refuse a file that changed")
    func apply() throws {
        let file = FixPlan.FileFixes(
            path: "a.xml",
            edits: [
                FixIt.Edit(offset: 3, original: " ", replacement: "\u{202F}"),
                FixIt.Edit(offset: 8, original: "...", replacement: "…"),
            ], fixCount: 2)
        let fixed = try file.apply(to: Array("Oui ? Et...".utf8))
        #expect(String(decoding: fixed, as: UTF8.self) == "Oui\u{202F}? Et…")
        #expect(throws: FixError.self) { try file.apply(to: Array("Non ? Et,,,".utf8)) }
    }

    @Test("the unified diff shows the touched lines with three lines of context, like diff -u")
    func unifiedDiff() {
        let text = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        let offset2 = text.utf8.count - "line 9\nline 10\n".utf8.count + 4  // the space of "line 9"
        let edits = [
            FixIt.Edit(offset: 4, original: " ", replacement: "_"),  // line 1
            FixIt.Edit(offset: offset2, original: " ", replacement: "_"),  // line 9
        ]
        let diff = UnifiedDiff.render(label: "f.txt", original: bytes, edits: edits)
        #expect(
            diff == """
                --- a/f.txt
                +++ b/f.txt
                @@ -1,4 +1,4 @@
                -line 1
                +line_1
                 line 2
                 line 3
                 line 4
                @@ -6,5 +6,5 @@
                 line 6
                 line 7
                 line 8
                -line 9
                +line_9
                 line 10

                """)
        // An edit that removes a line break joins two lines.
        let joined = UnifiedDiff.render(
            label: "g.txt", original: Array("a\nb\nc\n".utf8),
            edits: [FixIt.Edit(offset: 1, original: "\n", replacement: " ")])
        #expect(joined == "--- a/g.txt\n+++ b/g.txt\n@@ -1,3 +1,2 @@\n-a\n-b\n+a b\n c\n")
    }

    @Test("a typography fix-it edits only its bytes, character references included")
    func typographyEdits() throws {
        let text = """
            <item xmlns="urn:itembank:item:1" id="t" skill="@rechercheWeb1" type="qcu" status="validated" xml:lang="fr">
            <!-- Un commentaire... "gardé" -->
            <stem>L'outil&#x202F; ? "mot" et...</stem>
            <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
            </item>
            """
        let found = lintDiagnostics(text)
        #expect(
            found.filter { $0.ruleID.hasPrefix("typo.") }.map {
                "\($0.ruleID)@\($0.location.line):\($0.location.column)"
            }
                == [
                    "typo.straight-apostrophe@3:8", "typo.double-space@3:14", "typo.straight-quotes@3:25",
                    "typo.ellipsis@3:33",
                ])
        let plan = FixPlan(diagnostics: found)
        let fixed = String(decoding: try plan.files[0].apply(to: Array(text.utf8)), as: UTF8.self)
        #expect(
            fixed
                == text.replacingOccurrences(
                    of: "<stem>L'outil&#x202F; ? \"mot\" et...</stem>",
                    with: "<stem>L’outil&#x202F;? «\u{202F}mot\u{202F}» et…</stem>"))
    }
}

/// Lints one item file alone in the fixture bank; every diagnostic.
func lintDiagnostics(_ text: String) -> [Diagnostic] {
    let (item, diagnostics) = reader.item(bytes: Array(text.utf8), path: "t.xml")
    var sources = fixtureSources
    sources.items = item.map { [$0] } ?? []
    return Linter().lint(BankReadResult(sources: sources, diagnostics: diagnostics, itemFileCount: 1))
}

@Suite("Rule parameters")
struct ParameterTests {
    @Test("a parameter: the default, then the bank-wide setting, then the last matching folder")
    func resolution() {
        var sources = fixtureSources
        let location = SourceLocation(path: "bank.xml")
        sources.root = "b"
        sources.manifest.lint = LintSettings(
            rules: [RuleSetting(ruleID: "a11y.alt-too-long", severity: nil, threshold: 200, location: location)],
            folders: [
                (
                    "items/1.1",
                    [RuleSetting(ruleID: "a11y.alt-too-long", severity: nil, threshold: 90, location: location)]
                ),
                (
                    "items/1.1/x",
                    [RuleSetting(ruleID: "a11y.alt-too-long", severity: nil, threshold: 60, location: location)]
                ),
            ])
        let context = LintContext(sources: sources)
        let parameter = A11yAltTooLong.length
        #expect(context.value(of: parameter, rule: "a11y.alt-too-long", for: "b/items/1.2/a.xml") == 200)
        #expect(context.value(of: parameter, rule: "a11y.alt-too-long", for: "b/items/1.1/a.xml") == 90)
        #expect(context.value(of: parameter, rule: "a11y.alt-too-long", for: "b/items/1.1/x/a.xml") == 60)
        #expect(context.value(of: parameter, rule: "iwf.longest-key", for: "b/items/1.1/a.xml") == 150)
        #expect(LintContext(sources: fixtureSources).value(of: parameter, rule: parameter.name, for: "x") == 150)
    }

    @Test("settings of numbers a rule does not have, or out of range, are bank.lint-settings errors")
    func validation() {
        var sources = fixtureSources
        let location = SourceLocation(path: "bank.xml", line: 3)
        sources.manifest.lint = LintSettings(rules: [
            RuleSetting(ruleID: "key.qcu-single-key", severity: nil, threshold: 2, location: location),
            RuleSetting(ruleID: "a11y.alt-too-long", severity: nil, threshold: 10, location: location),
            RuleSetting(ruleID: "key.choice-count", severity: nil, min: 4, max: 3, location: location),
            RuleSetting(ruleID: "key.choice-count", severity: nil, min: 2, max: 6, location: location),
        ])
        let found = BankLintSettings().check(items: [], context: LintContext(sources: sources))
        #expect(
            found.map(\.message) == [
                "rule key.qcu-single-key has no threshold",
                "threshold=\"10.0\" of rule a11y.alt-too-long is outside 50.0…2000.0",
                "min=\"4.0\" is above max=\"3.0\" for rule key.choice-count",
            ])
    }
}

@Suite("Fix-its: invisible characters in a diff")
struct DiffInvisibleTests {
    /// Issue 11: `lint --fix --dry-run` on a terminal showed `«\u{202F}énergie` as `« énergie`.
    @Test("changed lines show U+202F, U+00A0 and format characters as <U+XXXX>; context and headers unchanged")
    func showingInvisibles() {
        let bytes = Array("a\u{00A0}b\n« x »\nc\n".utf8)
        let edits = [
            FixIt.Edit(offset: "a\u{00A0}b\n«".utf8.count, original: " ", replacement: "\u{202F}"),
            FixIt.Edit(offset: "a\u{00A0}b\n« x".utf8.count, original: " ", replacement: "\u{202F}\u{200B}"),
        ]
        let diff = UnifiedDiff.render(label: "f\u{00A0}.txt", original: bytes, edits: edits)
        #expect(
            UnifiedDiff.showingInvisibles(diff) == """
                --- a/f\u{00A0}.txt
                +++ b/f\u{00A0}.txt
                @@ -1,3 +1,3 @@
                 a\u{00A0}b
                -« x »
                +«<U+202F>x<U+202F><U+200B>»
                 c

                """)
        #expect(UnifiedDiff.showingInvisibles("-a\u{FEFF} b\n") == "-a<U+FEFF> b\n")
        #expect(UnifiedDiff.isInvisible("\u{2007}"))
        #expect(!UnifiedDiff.isInvisible(" "))
        #expect(!UnifiedDiff.isInvisible("é"))
    }
}

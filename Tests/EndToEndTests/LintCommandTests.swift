import Foundation
import Testing

@Suite("itembank lint")
struct LintCommandTests {
    @Test("a clean bank lints with exit status 0 and no output")
    func cleanBank() throws {
        let result = try CLI.run(["lint", "Tests/Fixtures/clean-bank"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "0 errors, 0 warnings in 5 item files\n")
    }

    @Test("the reference bank Banks/crcn lints without errors")
    func referenceBank() throws {
        let result = try CLI.run(["lint", "Banks/crcn"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains(": error:"))
    }

    /// One diagnostic per planted fault: (file, line, column, severity, rule id).
    static let expected: [(String, Int, Int, String, String)] = [
        ("framework.xml", 26, 24, "error", "framework.skill-name"),
        ("items/doctype.xml", 2, 1, "error", "xml.doctype"),
        ("items/dropdown-not-option.xml", 8, 7, "error", "response.dropdown-answer-not-option"),
        ("items/duplicate-b.xml", 2, 39, "error", "ref.duplicate-item-id"),
        ("items/empty.xml", 1, 1, "error", "xml.not-well-formed"),
        ("items/malformed.xml", 5, 5, "error", "xml.not-well-formed"),
        ("items/missing-media.xml", 4, 22, "error", "media.missing-file"),
        ("items/notes.txt", 0, 0, "warning", "xml.stray-file"),
        ("items/qcm-no-key.xml", 4, 3, "error", "key.qcm-no-key"),
        ("items/qcu-no-key.xml", 4, 3, "error", "key.qcu-single-key"),
        ("items/qcu-two-keys.xml", 6, 5, "error", "key.qcu-single-key"),
        ("items/qroc-two-responses.xml", 6, 5, "error", "response.qroc-single-response"),
        ("items/response-no-accept.xml", 6, 5, "error", "response.no-accepted-answer"),
        ("items/schema-order.xml", 3, 3, "error", "xml.schema"),
        ("items/schema-violation.xml", 3, 13, "error", "xml.schema"),
        ("items/type-structure.xml", 2, 1, "error", "xml.type-structure"),
        ("items/undefined-entity.xml", 3, 23, "error", "xml.not-well-formed"),
        ("items/unknown-skill.xml", 3, 14, "error", "ref.unknown-skill"),
        ("items/wrong-namespace.xml", 2, 1, "error", "xml.wrong-root"),
    ]

    @Test("a broken bank gives exactly one diagnostic per planted fault, sorted, with exit status 1")
    func brokenBank() throws {
        let result = try CLI.run(["lint", "Tests/Fixtures/broken-bank"])
        #expect(result.status == 1)
        let prefix = "Tests/Fixtures/broken-bank/"
        let parsed = result.stdoutLines.filter { !$0.contains(": note: ") }.map {
            line -> (String, Int, Int, String, String) in
            // path:line:col: severity: message [rule]   or   path: severity: message [rule]
            let rule = String(line[line.index(after: line.lastIndex(of: "[")!)..<line.index(before: line.endIndex)])
            let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            if let lineNumber = Int(parts[1]), let column = Int(parts[2]) {
                return (
                    String(parts[0].dropFirst(prefix.count)), lineNumber, column,
                    parts[3].trimmingCharacters(in: .whitespaces), rule
                )
            }
            return (String(parts[0].dropFirst(prefix.count)), 0, 0, parts[1].trimmingCharacters(in: .whitespaces), rule)
        }
        #expect(parsed.count == Self.expected.count, "\(result.stdout)")
        for (actual, wanted) in zip(parsed, Self.expected) {
            #expect(actual == wanted, "\(actual) != \(wanted)")
        }
        #expect(result.stdoutLines.allSatisfy { $0.hasPrefix(prefix) })
        #expect(result.stderr == "18 errors, 1 warning in 18 item files\n")
    }

    @Test("messages say what is wrong and where it was found")
    func messages() throws {
        let result = try CLI.run(["lint", "Tests/Fixtures/broken-bank"])
        let lines = result.stdoutLines
        #expect(
            lines.contains(
                "Tests/Fixtures/broken-bank/items/malformed.xml:5:5: error: element <choice> is not closed "
                    + "(found </choices> at line 7) [xml.not-well-formed]"))
        #expect(
            lines.contains(
                "Tests/Fixtures/broken-bank/items/unknown-skill.xml:3:14: error: unknown skill @rechercheWeb5 "
                    + "[ref.unknown-skill]"))
        #expect(
            lines.contains(
                "Tests/Fixtures/broken-bank/items/duplicate-b.xml:2:39: error: item id same-id is already used by "
                    + "another item [ref.duplicate-item-id]"))
        #expect(
            lines.contains("Tests/Fixtures/broken-bank/items/duplicate-a.xml:2:39: note: id same-id first used here"))
        #expect(
            lines.contains(
                "Tests/Fixtures/broken-bank/items/missing-media.xml:4:22: error: media file absente.png not found in the "
                    + "media folder (media/) [media.missing-file]"))
        #expect(
            lines.contains(
                "Tests/Fixtures/broken-bank/items/dropdown-not-option.xml:8:7: error: accepted answer \"PDF\" is not "
                    + "an option of drop-down f [response.dropdown-answer-not-option]"))
    }

    @Test("paths are shown relative to the current folder")
    func relativePaths() throws {
        let result = try CLI.run(["lint", "broken-bank"], in: CLI.fixture(""))
        #expect(result.stdoutLines.first?.hasPrefix("broken-bank/framework.xml:26:24: error:") == true)
        let absolute = try CLI.run(["lint", CLI.fixture("broken-bank")], in: CLI.fixture(""))
        #expect(absolute.stdout == result.stdout)
    }

    @Test("a folder without bank.xml is a usage error: exit status 2")
    func notABank() throws {
        let result = try CLI.run(["lint", "Tests/Fixtures"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Tests/Fixtures/bank.xml: no bank manifest (bank.xml) in this folder"))
        let missing = try CLI.run(["lint", "Tests/Fixtures/does-not-exist"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does-not-exist: no such file or folder"))
    }

    @Test("an unknown rule id in <lint> is a usage error: exit status 2, with a suggestion")
    func unknownRuleSetting() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        let manifest = try String(contentsOfFile: bank + "/bank.xml", encoding: .utf8)
            .replacingOccurrences(of: "<lint>\n", with: "<lint>\n    <rule id=\"key.qcm-no-kez\" severity=\"off\"/>\n")
        try manifest.write(toFile: bank + "/bank.xml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["lint", bank])
        #expect(result.status == 2)
        #expect(result.stdout.contains("bank.xml:8:5: error: unknown rule id key.qcm-no-kez [bank.lint-settings]"))
    }

    @Test("a threshold the rule does not have, or out of its range, is a usage error too")
    func thresholdSetting() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        let manifest = try String(contentsOfFile: bank + "/bank.xml", encoding: .utf8)
            .replacingOccurrences(
                of: "<lint>\n",
                with:
                    "<lint>\n    <rule id=\"key.qcm-no-key\" threshold=\"2\"/>\n    <rule id=\"a11y.alt-too-long\" threshold=\"5\"/>\n"
            )
        try manifest.write(toFile: bank + "/bank.xml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["lint", bank, "--report", "gnu"])
        #expect(result.status == 2)
        #expect(
            result.stdoutLines.map { String($0.drop { $0 != ":" }.dropFirst()) } == [
                "8:5: error: rule key.qcm-no-key has no threshold [bank.lint-settings]",
                "9:5: error: threshold=\"5.0\" of rule a11y.alt-too-long is outside 50.0…2000.0 [bank.lint-settings]",
            ])
    }

    @Test("bad arguments exit with status 2")
    func usage() throws {
        #expect(try CLI.run(["lint"]).status == 2)
        #expect(try CLI.run(["lint", "a", "b"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
        #expect(try CLI.run(["--help"]).status == 0)
    }
}

@Suite("itembank rules")
struct RulesCommandTests {
    @Test("lists every rule with its default severity, sorted by id")
    func list() throws {
        let result = try CLI.run(["rules"])
        #expect(result.status == 0)
        let lines = result.stdoutLines
        #expect(lines.count == 72)
        #expect(lines.contains { $0.hasPrefix("typo.ellipsis") && $0.hasSuffix(" (fix-it)") })
        #expect(lines.first?.hasPrefix("a11y.alt-gives-key") == true)
        #expect(lines.contains { $0.hasPrefix("key.qcu-single-key") && $0.contains(" error ") })
        #expect(lines.contains { $0.hasPrefix("response.missing-blank") && $0.contains(" warning ") })
        #expect(lines.map { String($0.prefix { $0 != " " }) } == lines.map { String($0.prefix { $0 != " " }) }.sorted())
    }
}

@Suite("itembank explain and the rule reference")
struct RuleReferenceTests {
    @Test("docs/rules.md is the output of `itembank rules --markdown` (regenerate it after changing a rule)")
    func reference() throws {
        let result = try CLI.run(["rules", "--markdown"])
        #expect(result.status == 0)
        let file = try String(contentsOfFile: CLI.root + "/docs/rules.md", encoding: .utf8)
        #expect(
            file == result.stdout,
            "docs/rules.md is out of date: run `swift run itembank rules --markdown > docs/rules.md`")
        #expect(result.stdout.contains("\n## key.qcu-single-key\n\n*key, error by default*.\n"))
        #expect(result.stdout.contains("\n## xml.schema\n\n*xml, error by default*, cannot be configured.\n"))
    }

    @Test("explain prints a rule's summary and rationale; an unknown id exits 2 with the category's rules")
    func explain() throws {
        let known = try CLI.run(["explain", "key.qcm-no-key"])
        #expect(known.status == 0)
        #expect(
            known.stdout.hasPrefix(
                "key.qcm-no-key (key, error by default)\n\nA qcm has no key.\n\nWhy: A qcm is right when"))
        let unknown = try CLI.run(["explain", "key.nope"])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.contains(
                "unknown rule id key.nope; rules of that category: key.choice-count, key.duplicate-choices, key.qcm-all-keys, key.qcm-no-key"
            ))
    }
}

@Suite("itembank lint of single files")
struct SingleFileLintTests {
    @Test("item files are checked against their bank (found by walking up), only their diagnostics shown")
    func files() throws {
        let result = try CLI.run([
            "lint", "Tests/Fixtures/broken-bank/items/qcu-two-keys.xml",
            "Tests/Fixtures/broken-bank/items/duplicate-b.xml",
        ])
        #expect(result.status == 1)
        #expect(
            result.stdoutLines == [
                "Tests/Fixtures/broken-bank/items/duplicate-b.xml:2:39: error: item id same-id is already used by another item [ref.duplicate-item-id]",
                "Tests/Fixtures/broken-bank/items/duplicate-a.xml:2:39: note: id same-id first used here",
                "Tests/Fixtures/broken-bank/items/qcu-two-keys.xml:6:5: error: qcu item qcu-two-keys has 2 keys [key.qcu-single-key]",
            ])
        #expect(result.stderr == "2 errors, 0 warnings in 2 item files\n")
        let inside = try CLI.run(["lint", "unknown-skill.xml"], in: CLI.fixture("broken-bank/items"))
        #expect(
            inside.stdoutLines == ["unknown-skill.xml:3:14: error: unknown skill @rechercheWeb5 [ref.unknown-skill]"])
        let clean = try CLI.run(["lint", "Banks/crcn/items/1.1/recherche-web-expression-exacte.xml"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "")
    }

    @Test("a file outside any bank, or a missing file, is a usage error")
    func outside() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("<item/>".utf8).write(to: URL(fileURLWithPath: directory + "/lost.xml"))
        let lost = try CLI.run(["lint", directory + "/lost.xml"])
        #expect(lost.status == 2)
        #expect(lost.stderr.contains("lost.xml: no bank.xml in this folder or any folder above it"))
        #expect(try CLI.run(["lint", directory + "/missing.xml"]).status == 2)
    }
}

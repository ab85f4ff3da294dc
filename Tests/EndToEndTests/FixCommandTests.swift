import Foundation
import Testing

/// `itembank lint --fix` and `--fix --dry-run`, on a copy of the clean bank with one item written
/// with straight apostrophes and quotes, three dots and ordinary spaces before high punctuation.
@Suite("itembank lint --fix")
struct FixCommandTests {
    /// The item as an author typed it: a comment, unusual attribute order and spacing, a character
    /// reference, and text in <code> that must stay as it is.
    static let original = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Brouillon de Léa... "à relire" -->
        <item  xml:lang="fr-FR" status="validated"   id="typo" skill="@formatsFichiers4" type="qcu"
              xmlns="urn:itembank:item:1">
          <stem>Quelle requête cherche l'expression "énergie solaire" ?</stem>
          <choices shuffle="true">
            <choice key="true"><code>"énergie solaire"</code></choice>
            <choice>Les mots dans n'importe quel ordre...</choice>
            <choice>Un site&#xA0;: <code>site:energie.fr</code></choice>
          </choices>
          <solution>Les guillemets : l'expression exacte !</solution>
        </item>

        """

    /// The same file fixed: only the typography changed.
    static let fixed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Brouillon de Léa... "à relire" -->
        <item  xml:lang="fr-FR" status="validated"   id="typo" skill="@formatsFichiers4" type="qcu"
              xmlns="urn:itembank:item:1">
          <stem>Quelle requête cherche l’expression «\u{202F}énergie solaire\u{202F}»\u{202F}?</stem>
          <choices shuffle="true">
            <choice key="true"><code>"énergie solaire"</code></choice>
            <choice>Les mots dans n’importe quel ordre…</choice>
            <choice>Un site&#xA0;: <code>site:energie.fr</code></choice>
          </choices>
          <solution>Les guillemets\u{202F}: l’expression exacte\u{202F}!</solution>
        </item>

        """

    func bank() throws -> (directory: String, bank: String, item: String) {
        let directory = try CLI.temporaryDirectory()
        let bank = directory + "/bank"
        try FileManager.default.copyItem(atPath: CLI.fixture("clean-bank"), toPath: bank)
        let item = bank + "/items/1.2/typo.xml"
        try Data(Self.original.utf8).write(to: URL(fileURLWithPath: item))
        chmod(item, 0o640)
        return (directory, bank, item)
    }

    /// Issue 11: on a terminal, the inserted U+202F looked like a space. `script` gives the command a
    /// pseudo-terminal.
    @Test(
        "--fix --dry-run on a terminal shows the inserted no-break spaces as <U+202F>",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func dryRunOnTerminal() throws {
        let (directory, _, _) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = "'\(CLI.executable)' lint --fix --dry-run bank"
        let result = try CLI.run(["-qec", command, "/dev/null"], in: directory, executable: "/usr/bin/script")
        #expect(result.status == 1)
        let lines = result.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
        #expect(
            lines.contains(
                "+  <stem>Quelle requête cherche l’expression «<U+202F>énergie solaire<U+202F>»<U+202F>?</stem>"),
            "\(result.stdout)")
        #expect(lines.contains("+  <solution>Les guillemets<U+202F>: l’expression exacte<U+202F>!</solution>"))
        #expect(lines.contains("--- a/bank/items/1.2/typo.xml"))
    }

    @Test("--fix --dry-run prints a unified diff, changes nothing, exits 1")
    func dryRun() throws {
        let (directory, _, item) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLI.run(["lint", "--fix", "--dry-run", "bank"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                --- a/bank/items/1.2/typo.xml
                +++ b/bank/items/1.2/typo.xml
                @@ -2,11 +2,11 @@
                 <!-- Brouillon de Léa... "à relire" -->
                 <item  xml:lang="fr-FR" status="validated"   id="typo" skill="@formatsFichiers4" type="qcu"
                       xmlns="urn:itembank:item:1">
                -  <stem>Quelle requête cherche l'expression "énergie solaire" ?</stem>
                +  <stem>Quelle requête cherche l’expression «\u{202F}énergie solaire\u{202F}»\u{202F}?</stem>
                   <choices shuffle="true">
                     <choice key="true"><code>"énergie solaire"</code></choice>
                -    <choice>Les mots dans n'importe quel ordre...</choice>
                +    <choice>Les mots dans n’importe quel ordre…</choice>
                     <choice>Un site&#xA0;: <code>site:energie.fr</code></choice>
                   </choices>
                -  <solution>Les guillemets : l'expression exacte !</solution>
                +  <solution>Les guillemets\u{202F}: l’expression exacte\u{202F}!</solution>
                 </item>

                """)
        #expect(result.stderr == "would fix 8 problems in 1 file\n")
        #expect(try String(contentsOfFile: item, encoding: .utf8) == Self.original)
        let clean = try CLI.run(["lint", "--fix", "--dry-run", CLI.fixture("clean-bank")])
        #expect(clean.status == 0)
        #expect(clean.stdout == "")
        #expect(try CLI.run(["lint", "--dry-run", CLI.fixture("clean-bank")]).status == 2)
    }

    @Test("--fix rewrites only the fixed bytes, keeps the file's mode, and lints again")
    func fix() throws {
        let (directory, bank, item) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try CLI.run(["lint", bank, "--report", "gnu"])
        #expect(before.stderr == "0 errors, 8 warnings in 6 item files\n")
        let result = try CLI.run(["lint", "--fix", bank, "--report", "gnu"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "fixed 8 problems in 1 file\n0 errors, 0 warnings in 6 item files\n")
        #expect(try String(contentsOfFile: item, encoding: .utf8) == Self.fixed)
        let attributes = try FileManager.default.attributesOfItem(atPath: item)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: bank + "/items/1.2")
        #expect(leftovers.sorted() == ["extensions.xml", "lecteurs.xml", "typo.xml"])
        // Nothing left to fix: a second run changes nothing.
        let again = try CLI.run(["lint", "--fix", bank])
        #expect(again.stderr == "fixed 0 problems in 0 files\n0 errors, 0 warnings in 6 item files\n")
        #expect(try String(contentsOfFile: item, encoding: .utf8) == Self.fixed)
    }

    @Test("the JSON and SARIF reports carry the fix-its as byte offsets")
    func reports() throws {
        let (directory, bank, _) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sarif = directory + "/lint.sarif"
        let result = try CLI.run(["lint", bank, "--report", "json", "--report", "sarif:" + sarif])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let first = (object?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["rule"] as? String == "typo.straight-apostrophe")
        let edits = ((first?["fixIts"] as? [[String: Any]])?.first?["edits"] as? [[String: Any]]) ?? []
        let offset = try #require(Self.original.range(of: "l'expression")).lowerBound.utf16Offset(in: Self.original)
        let bytes = Self.original.utf8.distance(
            from: Self.original.utf8.startIndex,
            to: Self.original.utf16.index(Self.original.utf16.startIndex, offsetBy: offset))
        #expect(edits.count == 1)
        #expect(edits.first?["offset"] as? Int == bytes + 1)
        #expect(edits.first?["length"] as? Int == 1)
        #expect(edits.first?["replacement"] as? String == "’")
        let log =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.filter { $0["fixes"] != nil }.count == 8)
    }

    @Test(
        "the SARIF log with fix-its validates against the SARIF 2.1.0 JSON schema (python3 jsonschema)",
        .enabled(if: SharedFiles.canValidateSARIF, "needs ../shared/schemas/sarif and python3 jsonschema"))
    func reportsValidate() throws {
        let (directory, bank, _) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sarif = directory + "/lint.sarif"
        _ = try CLI.run(["lint", bank, "--report", "sarif:" + sarif])
        let log =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.filter { $0["fixes"] != nil }.count == 8)
        let check = try SharedFiles.validateSARIF(sarif)
        #expect(check.stdout == "valid\n", "\(check.stderr)")
    }

    @Test("--fix on one file fixes that file only, and respects suppressions")
    func oneFile() throws {
        let (directory, _, item) = try bank()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let suppressed = Self.original.replacingOccurrences(
            of: "  <solution>", with: "  <?itembank-disable typo.nbsp-before-punctuation: cité tel quel?>\n  <solution>"
        )
        try Data(suppressed.utf8).write(to: URL(fileURLWithPath: item))
        let result = try CLI.run(["lint", "--fix", item])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: item, encoding: .utf8)
        #expect(text.contains("<solution>Les guillemets : l’expression exacte !</solution>"))
        #expect(
            text.contains("<stem>Quelle requête cherche l’expression «\u{202F}énergie solaire\u{202F}»\u{202F}?</stem>")
        )
    }
}

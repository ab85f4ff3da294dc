import Foundation
import ItemBankModel
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankLint

let fixtureSources: BankSources = {
    do {
        let schemas = try SchemaSet(directory: repositoryRoot + "/Schemas")
        let result = try BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/clean-bank")
        guard let sources = result.sources else { fatalError("fixture bank did not load") }
        return sources
    } catch {
        fatalError("\(error)")
    }
}()

let reader: DocumentReader = {
    do { return DocumentReader(schemas: try SchemaSet(directory: repositoryRoot + "/Schemas")) } catch {
        fatalError("\(error)")
    }
}()

/// A diagnostic reduced to what the tests compare: rule id, line, column.
struct Found: Equatable, CustomStringConvertible {
    var rule: String
    var line: Int
    var column: Int
    init(_ rule: String, _ line: Int, _ column: Int) {
        self.rule = rule
        self.line = line
        self.column = column
    }
    var description: String { "\(rule)@\(line):\(column)" }
}

/// Lints one item written as XML inside the fixture bank.
func lint(_ body: String, type: String = "qcu", skill: String = "@rechercheWeb1", extra: [Item] = []) -> [Found] {
    let text = """
        <item xmlns="urn:itembank:item:1" id="t" skill="\(skill)" type="\(type)" status="validated" xml:lang="fr">
        \(body)
        </item>
        """
    let (item, diagnostics) = reader.item(bytes: Array(text.utf8), path: "t.xml")
    guard let item else {
        Issue.record("item did not decode: \(diagnostics.map(\.message))")
        return []
    }
    var sources = fixtureSources
    sources.items = [item] + extra
    let result = BankReadResult(sources: sources, diagnostics: [], itemFileCount: 1)
    return Linter().lint(result).map { Found($0.ruleID, $0.location.line, $0.location.column) }
}

@Suite("Model rules")
struct RuleTests {
    @Test("a qcu with one key is clean")
    func cleanQCU() {
        let found = lint(
            "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>")
        #expect(found.isEmpty)
    }

    @Test("qcu: no key at <choices>, a second key at that choice")
    func qcuKeys() {
        // Issue 11: a missing key is reported at <choices> (line 2, column 15), no longer at <item> (1:1).
        #expect(
            lint("<stem>Q</stem><choices><choice>a</choice><choice>b</choice><choice>c</choice></choices>") == [
                Found("key.qcu-single-key", 2, 15)
            ])
        let two = lint(
            "<stem>Q</stem>\n<choices>\n<choice key=\"true\">a</choice>\n<choice key=\"true\">b</choice><choice>c</choice></choices>"
        )
        #expect(two.map(\.rule) == ["key.qcu-single-key"])
        #expect(two.first?.line == 5)
    }

    @Test("qcm without a key")
    func qcmNoKey() {
        let found = lint(
            "<stem>Q</stem><choices><choice>a</choice><choice>b</choice><choice>c</choice></choices>", type: "qcm")
        #expect(found.map(\.rule) == ["key.qcm-no-key"])
        #expect(
            lint(
                "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>",
                type: "qcm"
            )
            .isEmpty)
    }

    @Test("qroc: exactly one response; every response has an accepted answer")
    func qroc() {
        let two = """
            <stem>Q <blank response="a"/> <blank response="b"/></stem>
            <responses><response id="a"><accept>xylo</accept></response>
            <response id="b"><accept>yeti</accept></response></responses>
            """
        #expect(lint(two, type: "qroc", skill: "@rechercheWeb2").map(\.rule) == ["response.qroc-single-response"])
        let none = "<stem>Q <blank response=\"a\"/></stem><responses><response id=\"a\"/></responses>"
        #expect(lint(none, type: "qroc", skill: "@rechercheWeb2").map(\.rule) == ["response.no-accepted-answer"])
        let dropdown = """
            <stem>Q <blank response="a"/></stem>
            <responses><dropdown id="a"><option>x</option><option>y</option></dropdown></responses>
            """
        #expect(lint(dropdown, type: "qroc", skill: "@rechercheWeb2").map(\.rule) == ["response.no-accepted-answer"])
    }

    @Test("a drop-down's accepted answer must be one of its options, exactly (no tolerance)")
    func dropdownOption() {
        let body = """
            <stem>Q <blank response="a"/></stem>
            <responses><dropdown id="a"><option>pdf</option><option>mp3</option>
            <accept>pdf</accept><accept>Pdf</accept></dropdown></responses>
            """
        #expect(lint(body, type: "qroc") == [Found("response.dropdown-answer-not-option", 4, 21)])
    }

    @Test("a response missing from the stem is a warning")
    func missingBlank() {
        let body = "<stem>Q</stem><responses><response id=\"a\"><accept>xylo</accept></response></responses>"
        #expect(lint(body, type: "qroc").map(\.rule) == ["response.missing-blank"])
    }

    @Test("unknown skill at the skill attribute, with the tube's levels as help")
    func unknownSkill() throws {
        let found = lint(
            "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>",
            skill: "@rechercheWeb6")
        #expect(found.map(\.rule) == ["ref.unknown-skill"])
        #expect(found.first?.column == 49)
    }

    @Test("duplicate item ids across files: one diagnostic, on the second file")
    func duplicateIDs() throws {
        var other = try #require(fixtureSources.items.first)
        other.id = "t"
        other.location.path = "other.xml"
        let found = lint(
            "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>",
            extra: [other])
        #expect(found.map(\.rule) == ["ref.duplicate-item-id"])
    }

    @Test("content that does not match the type")
    func typeStructure() {
        #expect(
            lint(
                "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>",
                type: "qroc"
            )
            .map(\.rule) == ["xml.type-structure"])
        let depWithoutGroups = "<stem>Q <blank response=\"a\"/></stem><responses><response id=\"a\"/></responses>"
        #expect(lint(depWithoutGroups, type: "qrocm-dep").map(\.rule) == ["xml.type-structure"])
    }

    @Test("qrocm-dep needs at least as many groups as required answers")
    func qrocmDepGroups() {
        let body = """
            <stem><blank response="a"/> <blank response="b"/></stem>
            <responses><response id="a"/><response id="b"/></responses>
            <groups><group><accept>xylo</accept></group></groups>
            """
        #expect(lint(body, type: "qrocm-dep").map(\.rule) == ["response.qrocm-dep-groups"])
    }

    @Test("a missing media file is reported at the src attribute")
    func missingMedia() {
        let body = """
            <stem>Q</stem><illustration src="absent.png" alt="Un schéma."/>
            <choices><choice key="true">a</choice><choice>b</choice><choice>c</choice></choices>
            """
        #expect(lint(body) == [Found("media.missing-file", 2, 34)])
    }

    @Test("framework rules: competence code, skill name, duplicate active skill")
    func frameworkRules() throws {
        let text = """
            <framework xmlns="urn:itembank:framework:1" id="f" maxLevel="7" xml:lang="fr">
              <title>F</title>
              <area code="1"><title>A</title>
                <competence code="2.1"><title>C</title>
                  <thematic id="t"><title>T</title>
                    <tube name="@web"><title>W</title>
                      <skill name="@web1" level="1"/>
                      <skill name="@wab2" level="2"/>
                      <skill name="@web2" level="2"/>
                    </tube>
                  </thematic>
                </competence>
              </area>
            </framework>
            """
        let (framework, diagnostics) = reader.framework(bytes: Array(text.utf8), path: "f.xml")
        #expect(diagnostics.isEmpty)
        let value = try #require(framework)
        let found = Linter().rules.flatMap { $0.check(framework: value) }.sorted()
        #expect(
            found.map(\.ruleID) == ["framework.competence-code", "framework.skill-name", "framework.duplicate-skill"])
        #expect(found.map(\.location.line) == [4, 8, 9])
    }

    @Test("qcm with every choice a key; duplicate choices; 2 or 6 choices")
    func choiceRules() {
        let allKeys =
            "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice key=\"true\">b</choice><choice key=\"true\">c</choice></choices>"
        #expect(lint(allKeys, type: "qcm") == [Found("key.qcm-all-keys", 1, 1)])
        let duplicate =
            "<stem>Q</stem><choices>\n<choice key=\"true\">Un  mot</choice>\n<choice>b</choice>\n<choice>un mot</choice></choices>"
        #expect(lint(duplicate) == [Found("key.duplicate-choices", 5, 1)])
        let two = "<stem>Q</stem><choices><choice key=\"true\">a</choice><choice>b</choice></choices>"
        #expect(lint(two) == [Found("key.choice-count", 1, 1)])
        let six =
            "<stem>Q</stem><choices><choice key=\"true\">a</choice>"
            + (["b", "c", "d", "e", "f"].map { "<choice>\($0)</choice>" }.joined()) + "</choices>"
        #expect(lint(six).map(\.rule) == ["key.choice-count"])
    }

    @Test("number responses accept numbers; t3 on short answers is pointless")
    func responseValueRules() {
        let number = """
            <stem>Q <blank response="n"/></stem>
            <responses><response id="n" format="number" tolerances="t1">
            <accept>7,5</accept><accept>sept</accept><accept>-3</accept></response></responses>
            """
        #expect(lint(number, type: "qroc") == [Found("response.number-format", 4, 21)])
        let short = """
            <stem>Q <blank response="n"/></stem>
            <responses><response id="n"><accept>PDF</accept><accept>portable</accept></response></responses>
            """
        #expect(lint(short, type: "qroc") == [Found("response.t3-short-answer", 3, 29)])
        let withoutT3 = short.replacingOccurrences(
            of: "<response id=\"n\">", with: "<response id=\"n\" tolerances=\"t1 t2\">")
        #expect(lint(withoutT3, type: "qroc").isEmpty)
        #expect(
            ResponseNumberFormat.isNumber("07") && ResponseNumberFormat.isNumber("7.00")
                && !ResponseNumberFormat.isNumber("122,,1"))
    }

    @Test("illustrations need a real alt: empty without decorative, or a file name, is an error")
    func illustrationAlt() {
        let choices = "<choices><choice key=\"true\">a</choice><choice>b</choice><choice>c</choice></choices>"
        let empty = "<stem>Q</stem>\n<illustration src=\"requete.svg\" alt=\"\"/>" + choices
        #expect(lint(empty) == [Found("a11y.illustration-alt", 3, 20)])
        let decorative = "<stem>Q</stem><illustration src=\"requete.svg\" alt=\"\" decorative=\"true\"/>" + choices
        #expect(lint(decorative).isEmpty)
        let fileName = "<stem>Q</stem><illustration src=\"requete.svg\" alt=\"requete.svg\"/>" + choices
        #expect(lint(fileName).map(\.rule) == ["a11y.illustration-alt"])
    }

    @Test("a validated item on an archived skill is a warning")
    func inactiveSkill() throws {
        var sources = fixtureSources
        let skillIndex = try #require(
            sources.framework?.areas[0].competences[0].thematics[0].tubes[0].skills.firstIndex {
                $0.name == "@rechercheWeb1"
            })
        sources.framework?.areas[0].competences[0].thematics[0].tubes[0].skills[skillIndex].status = .archived
        let context = LintContext(sources: sources)
        let item = try #require(sources.items.first { $0.skill == "@rechercheWeb1" })
        let found = RefInactiveSkill().check(item: item, context: context)
        #expect(found.map(\.ruleID) == ["ref.inactive-skill"])
        #expect(found.first?.message == "validated item moteur measures skill @rechercheWeb1, which is archived")
    }

    @Test("<lint> settings: unknown ids (with a suggestion) and protected rules are errors")
    func settingsValidation() {
        var sources = fixtureSources
        let location = SourceLocation(path: "bank.xml", line: 9, column: 5)
        sources.manifest.lint = LintSettings(rules: [
            RuleSetting(ruleID: "response.missing-blnk", severity: .some(nil), location: location),
            RuleSetting(ruleID: "xml.schema", severity: .some(.warning), location: location),
            RuleSetting(ruleID: "response.missing-blank", severity: .some(.error), location: location),
        ])
        let found = BankLintSettings().check(items: [], context: LintContext(sources: sources))
        #expect(
            found.map(\.message) == [
                "unknown rule id response.missing-blnk",
                "rule xml.schema cannot be configured: its errors mean a file cannot be read or the bank cannot be built",
            ])
        #expect(found.first?.help == "did you mean response.missing-blank?")
    }

    @Test("the bank's <lint> settings change severities and turn rules off, per folder too")
    func configuration() {
        let diagnostic = Diagnostic(
            ruleID: "response.missing-blank", severity: .warning,
            location: SourceLocation(path: "b/items/x/a.xml", line: 1),
            message: "m")
        let location = SourceLocation(path: "b/bank.xml")
        var settings = LintSettings(rules: [
            RuleSetting(ruleID: "response.missing-blank", severity: .some(.error), location: location)
        ])
        #expect(Configuration(settings: settings, root: "b").apply(to: [diagnostic]).map(\.severity) == [.error])
        let schemaError = Diagnostic(
            ruleID: "xml.schema", severity: .error, location: SourceLocation(path: "b/items/x/a.xml", line: 1),
            message: "m")
        let silenceSchema = LintSettings(rules: [
            RuleSetting(ruleID: "xml.schema", severity: .some(nil), location: location)
        ])
        #expect(Configuration(settings: silenceSchema, root: "b").apply(to: [schemaError]) == [schemaError])
        settings.folders = [
            ("items/x", [RuleSetting(ruleID: "response.missing-blank", severity: .some(nil), location: location)])
        ]
        #expect(Configuration(settings: settings, root: "b").apply(to: [diagnostic]).isEmpty)
    }

    @Test("every rule has a unique dotted id in its category and a rationale")
    func catalogue() {
        let descriptions = Catalogue.descriptions
        #expect(Set(descriptions.map(\.id)).count == descriptions.count)
        for description in descriptions {
            #expect(description.id.hasPrefix(description.category.rawValue + "."))
            #expect(!description.rationale.isEmpty && !description.summary.isEmpty)
        }
        #expect(descriptions.count == 72)
    }

    @Test("the GNU reporter prints path:line:col: severity: message [rule], relative to the working folder")
    func reporter() {
        let reporter = GNUReporter(workingDirectory: "/work/bank")
        let diagnostic = Diagnostic(
            ruleID: "key.qcm-no-key", severity: .error,
            location: SourceLocation(path: "/work/bank/items/a.xml", line: 3, column: 7),
            message: "qcm item a has no key")
        #expect(reporter.line(for: diagnostic) == "items/a.xml:3:7: error: qcm item a has no key [key.qcm-no-key]")
        let whole = Diagnostic(
            ruleID: "xml.unreadable", severity: .error, location: SourceLocation(path: "./x.xml"), message: "m")
        #expect(reporter.line(for: whole) == "x.xml: error: m [xml.unreadable]")
    }
}

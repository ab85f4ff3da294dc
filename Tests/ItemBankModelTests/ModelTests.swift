import ItemBankModel
import Testing

@Suite("ItemBankModel")
struct ModelTests {
    @Test(
        "tolerance lists parse and print",
        arguments: [
            ("t1 t2 t3", Tolerances.all, "t1 t2 t3"), ("", [], ""), ("t3  t1", [.t1, .t3], "t1 t3"),
            ("t2", [.t2], "t2"),
        ] as [(String, Tolerances, String)])
    func tolerances(input: String, value: Tolerances, printed: String) {
        #expect(Tolerances(list: input) == value)
        #expect(value.list == printed)
    }

    @Test("an unknown tolerance token is refused")
    func unknownTolerance() {
        #expect(Tolerances(list: "t1 t4") == nil)
    }

    @Test(
        "the tube of a skill name",
        arguments: [
            ("@rechercheWeb3", "@rechercheWeb"), ("@a1", "@a"), ("@web9", nil), ("@web", nil), ("@web12", nil),
            ("@x0", nil),
        ] as [(String, String?)])
    func tubeName(skill: String, tube: String?) {
        #expect(Skill.tubeName(ofSkillNamed: skill) == tube)
    }

    @Test("diagnostics sort by path, line, column, then rule id")
    func diagnosticOrder() {
        let a = Diagnostic(
            ruleID: "b.rule", severity: .error, location: .init(path: "a.xml", line: 2, column: 1), message: "")
        let b = Diagnostic(
            ruleID: "a.rule", severity: .error, location: .init(path: "a.xml", line: 2, column: 1), message: "")
        let c = Diagnostic(
            ruleID: "a.rule", severity: .info, location: .init(path: "a.xml", line: 10, column: 1), message: "")
        let d = Diagnostic(
            ruleID: "a.rule", severity: .info, location: .init(path: "b.xml", line: 1, column: 1), message: "")
        #expect([d, c, a, b].sorted() == [b, a, c, d])
    }

    @Test("severities are ordered info < warning < error")
    func severityOrder() {
        #expect(Severity.info < .warning && Severity.warning < .error)
    }

    @Test("rich text escapes XML specials")
    func escape() {
        #expect(RichText.escape("a < b & \"c\" > d") == "a &lt; b &amp; \"c\" &gt; d")
        #expect(RichText.escapeAttribute("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;")
        #expect(RichText("x & y").markup == "x &amp; y")
    }

    @Test("the framework's skill index knows every skill with its hierarchy")
    func skillIndex() {
        let location = SourceLocation(path: "f.xml")
        let skill = Skill(name: "@web2", level: 2, location: location)
        let tube = Tube(name: "@web", title: "Web", skills: [skill], location: location)
        let framework = Framework(
            id: "f", title: "F", maxLevel: 7, language: "fr",
            areas: [
                Area(
                    code: "1", title: "A",
                    competences: [
                        Competence(
                            code: "1.1", title: "C",
                            thematics: [Thematic(id: "t", title: "T", tubes: [tube], location: location)],
                            location: location)
                    ], location: location)
            ], location: location)
        let index = framework.skillIndex()
        #expect(index["@web2"]?.competence.code == "1.1")
        #expect(index["@web2"]?.tube.name == "@web")
        #expect(index["@web3"] == nil)
        #expect(framework.skills.map(\.name) == ["@web2"])
    }
}

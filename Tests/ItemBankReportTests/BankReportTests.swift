import Foundation
import ItemBankModel
import ItemBankRuntime
import Testing

@testable import ItemBankReport

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Tests/Fixtures/render-bank linted and compiled as the command does.
let renderInput: ReportInput? = try? ReportInput.lint(bankAt: repositoryRoot + "/Tests/Fixtures/render-bank")

func page(_ site: ReportSite, _ path: String) -> String {
    site.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
}

@Suite struct BankReportTests {
    @Test func siteFiles() throws {
        let input = try #require(renderInput, "Tests/Fixtures/render-bank did not lint")
        let site = try BankReport.site(input)
        #expect(
            site.files.keys.sorted() == [
                "assets/report.css", "assets/search.js", "competences/1.1.html", "competences/1.2.html", "index.html",
                "items.html", "items/rendu-qcm.html", "items/rendu-qcu.html", "items/rendu-qroc.html",
                "items/rendu-qrocm-dep.html", "items/rendu-qrocm-ind.html", "media/notes.csv", "media/requete.svg",
                "rules.html",
            ])
        #expect(site.files["media/notes.csv"] == Array("a,b\n1,2\n".utf8))
        let again = try BankReport.site(#require(renderInput))
        #expect(again.files == site.files)
    }

    @Test func heatmapCells() throws {
        let site = try BankReport.site(#require(renderInput))
        let index = page(site, "index.html")
        // @rechercheWeb1: one validated item (thin); @rechercheWeb2: one (the qcm is proposed); @rechercheWeb3: two.
        #expect(
            index.contains(
                "<td class=\"thin\"><a href=\"competences/1.1.html#level-1\" aria-label=\"1.1 level 1: 1 validated item, "
                    + "1 skill, thin\">1 thin</a></td>"))
        #expect(
            index.contains(
                "<td class=\"h1\"><a href=\"competences/1.1.html#level-3\" aria-label=\"1.1 level 3: 2 validated items, "
                    + "1 skill\">2</a></td>"))
        // 1.2 has skills at levels 1, 2, 4 and no item: gaps; level 3 has no skill.
        #expect(
            index.contains(
                "<td class=\"gap\"><a href=\"competences/1.2.html#level-4\" aria-label=\"1.2 level 4: 0 validated items, "
                    + "1 skill, gap\">0 gap</a></td><td>–</td>"))
        let competence = page(site, "competences/1.1.html")
        #expect(competence.contains("<section id=\"level-2\"><h2>Level 2</h2>"))
        #expect(competence.contains("<a href=\"../items/rendu-qrocm-dep.html\">rendu-qrocm-dep</a>"))
    }

    @Test func counts() throws {
        let index = page(try BankReport.site(#require(renderInput)), "index.html")
        #expect(
            index.contains(
                "<tr><th scope=\"row\"><code>proposed</code></th><td class=\"num\">1</td></tr>"
                    + "<tr><th scope=\"row\"><code>validated</code></th><td class=\"num\">4</td></tr>"))
        #expect(index.contains("<tr><th scope=\"row\"><code>fr-FR</code></th><td class=\"num\">5</td></tr>"))
        // Key positions: the qcu's key is its 2nd of 3 choices; the qcm's keys are 1st and 3rd of 3.
        #expect(
            index.contains(
                "<caption>qcu items</caption><thead><tr><th scope=\"col\">Choices</th><th scope=\"col\" class=\"num\">"
                    + "Position 1</th><th scope=\"col\" class=\"num\">Position 2</th><th scope=\"col\" class=\"num\">"
                    + "Position 3</th></tr></thead><tbody><tr><th scope=\"row\">3</th><td class=\"num\">0</td>"
                    + "<td class=\"num\">1</td><td class=\"num\">0</td></tr>"))
    }

    @Test func itemPage() throws {
        let site = try BankReport.site(#require(renderInput))
        let html = page(site, "items/rendu-qcu.html")
        #expect(html.contains("<input type=\"checkbox\" id=\"show-keys\">"))
        #expect(html.contains("<img src=\"../media/requete.svg\" alt=\"Une barre de recherche.\">"))
        #expect(html.contains("<strong class=\"ib-key\" lang=\"en\">key</strong>"))
        #expect(html.contains("<p>2PL: discrimination a = 1.20, difficulty b = -0.50 logits.</p>"))
        // At θ = 0, P = 1 / (1 + e^(−1.2 × 0.5)) = 0.6457: x = 54 + 4 / 8 × 256 = 182, y = 10 + 136 × (1 − P) = 58.2.
        #expect(html.contains(" 182.0,58.2 "))
        #expect(html.contains("<dt>Skill</dt><dd><code>@rechercheWeb1</code> (level 1)</dd>"))
        // The fixture's stem has an ordinary space before "?": lint's typography warning, shown inline.
        #expect(
            html.contains(
                "<li class=\"warning\"><p><span class=\"sev sev-warning\">warning</span> <a href=\"../rules.html"
                    + "#typo.nbsp-before-punctuation\"><code>typo.nbsp-before-punctuation</code></a>: ordinary space "
                    + "before \"?\": French typography puts a no-break space there</p>"))
        #expect(html.contains("<p><strong>Fix-it:</strong> use a narrow no-break space (U+202F)"))
        #expect(page(site, "items/rendu-qcm.html").contains("<h2>Calibration</h2>\n<p>Not calibrated.</p>"))
    }

    @Test func inlineDiagnosticWithExcerpt() throws {
        var input = try #require(renderInput)
        let path = try #require(input.itemSources["rendu-qcu"])
        input.diagnostics = [
            Diagnostic(
                ruleID: "key.qcu-single-key", severity: .error,
                location: SourceLocation(path: path, line: 4, column: 3),
                message: "qcu item rendu-qcu has 2 keys", help: "keep key=\"true\" on one choice")
        ]
        let site = try BankReport.site(input)
        let html = page(site, "items/rendu-qcu.html")
        #expect(
            html.contains(
                """
                <li class="error"><p><span class="sev sev-error">error</span> <a href="../rules.html#key.qcu-single-key">\
                <code>key.qcu-single-key</code></a>: qcu item rendu-qcu has 2 keys</p>
                <pre class="excerpt" aria-label="items/1.1/qcu.xml line 4">items/1.1/qcu.xml:4:3
                3 |       xml:lang="fr-FR" timer="90" focusable="true"&gt;
                <span class="here">4 |   &lt;stem&gt;Quel &lt;em&gt;moteur&lt;/em&gt; de recherche respecte la vie privée ?&lt;/stem&gt;</span>
                  |   ^
                5 |   &lt;illustration src="requete.svg" alt="Une barre de recherche."/&gt;
                </pre>
                <p><strong>Help:</strong> keep key="true" on one choice</p>
                """))
        let index = page(site, "index.html")
        #expect(
            index.contains(
                "<tr><th scope=\"row\"><a href=\"rules.html#key.qcu-single-key\"><code>key.qcu-single-key</code></a></th>"
                    + "<td><span class=\"sev sev-error\">error</span></td><td class=\"num\">1</td>"
                    + "<td><a href=\"items/rendu-qcu.html\">rendu-qcu</a></td></tr>"))
        #expect(page(site, "rules.html").contains("<section id=\"key.qcu-single-key\">"))
    }

    @Test func changesAgainstPrevious() throws {
        var input = try #require(renderInput)
        let previous = try #require(
            try? ReportInput.lint(bankAt: repositoryRoot + "/Tests/Fixtures/clean-bank").bank)
        input.previous = previous
        let site = try BankReport.site(input)
        let changes = page(site, "changes.html")
        #expect(changes.contains("<p>Items: 5 added, 5 removed, 0 changed, 0 unchanged."))
        #expect(
            changes.contains(
                "<tr><td>added</td><td>item</td><th scope=\"row\"><a href=\"items/rendu-qcu.html\">rendu-qcu</a>"))
        #expect(page(site, "index.html").contains("<a href=\"changes.html\">10 item changes"))
    }

    @Test(arguments: [
        (0.0, 2, "0.00"), (-0.004, 2, "0.00"), (1.005, 1, "1.0"), (-1.25, 1, "-1.3"), (12.5, 0, "13"),
        (0.42, 2, "0.42"),
    ])
    func decimals(_ value: Double, _ digits: Int, _ text: String) {
        #expect(decimal(value, digits) == text)
    }

    @Test func niceMaximum() {
        #expect(ThetaChart.niceMaximum(0.36) == 0.5)
        #expect(ThetaChart.niceMaximum(3.1) == 5)
        #expect(ThetaChart.niceMaximum(0) == 1)
        #expect(ThetaChart.niceMaximum(10) == 10)
    }
}

@Suite struct ReportSiteWriterTests {
    @Test func replacesOnlyReports() throws {
        let folder = NSTemporaryDirectory() + "itembank-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let site = ReportSite(files: ["index.html": Array("a".utf8), "items/x.html": Array("b".utf8)])
        try ReportSiteWriter.write(site, to: folder + "/site")
        #expect(FileManager.default.contents(atPath: folder + "/site/items/x.html") == Data("b".utf8))
        try ReportSiteWriter.write(ReportSite(files: ["index.html": Array("c".utf8)]), to: folder + "/site")
        #expect(FileManager.default.contents(atPath: folder + "/site/index.html") == Data("c".utf8))
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/items/x.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["site"])

        try FileManager.default.createDirectory(atPath: folder + "/mine", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/mine/notes.txt", contents: Data("keep".utf8))
        #expect(throws: ReportError.self) { try ReportSiteWriter.write(site, to: folder + "/mine") }
        #expect(FileManager.default.contents(atPath: folder + "/mine/notes.txt") == Data("keep".utf8))
        _ = FileManager.default.createFile(atPath: folder + "/file", contents: Data())
        #expect(throws: ReportError.self) { try ReportSiteWriter.write(site, to: folder + "/file") }
        #expect(throws: ReportError.self) {
            try ReportSiteWriter.write(ReportSite(files: ["../x": []]), to: folder + "/other")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/other"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/x"))
    }
}

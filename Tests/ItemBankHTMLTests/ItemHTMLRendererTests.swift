import Foundation
import ItemBankRuntime
import ItemBankTestSupport
import Testing

@testable import ItemBankHTML

/// Exact HTML of each item of Tests/Fixtures/render-bank, in both modes, against
/// Tests/ItemBankHTMLTests/Expected/<item id>.<mode>.html (reviewed by hand; regenerate only on purpose).
@Suite struct ItemHTMLRendererTests {
    static let cases: [(String, ItemHTMLRenderer.Mode)] = [
        "rendu-qcu", "rendu-qcm", "rendu-qroc", "rendu-qrocm-ind", "rendu-qrocm-dep",
    ].flatMap { id in ItemHTMLRenderer.Mode.allCases.map { (id, $0) } }

    @Test(arguments: cases)
    func exactHTML(_ id: String, _ mode: ItemHTMLRenderer.Mode) throws {
        let item = try #require(fixtureItem(id), "Tests/Fixtures/render-bank did not compile or lacks \(id)")
        let expectedPath = repositoryRoot + "/Tests/ItemBankHTMLTests/Expected/\(id).\(mode.rawValue).html"
        let html = ItemHTMLRenderer(mode: mode).render(item)
        if ProcessInfo.processInfo.environment["ITEMBANK_WRITE_EXPECTED"] == "1" {
            try html.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(html == expected)
    }

    @Test func qcuLearnerInline() throws {
        let item = try #require(fixtureItem("rendu-qcu"))
        #expect(
            ItemHTMLRenderer(idPrefix: "q7").render(item, choiceOrder: [3, 1, 2]) == """
                <section class="ib-item ib-qcu" lang="fr-FR">
                <p class="ib-timer" lang="en">Time limit: 1 min 30 s</p>
                <p class="ib-focus" lang="en">Stay on this page until you answer: leaving it is recorded.</p>
                <div class="ib-stem" id="q7-stem">Quel <em>moteur</em> de recherche respecte la vie privée ?</div>
                <figure class="ib-illustration"><img src="media/requete.svg" alt="Une barre de recherche."></figure>
                <fieldset class="ib-choices">
                <legend lang="en">Choose one answer</legend>
                <div class="ib-choice"><input type="radio" id="q7-c3" name="choices" value="3"><label for="q7-c3">Bing</label></div>
                <div class="ib-choice"><input type="radio" id="q7-c1" name="choices" value="1"><label for="q7-c1">Google</label></div>
                <div class="ib-choice"><input type="radio" id="q7-c2" name="choices" value="2"><label for="q7-c2">Qwant &amp; co</label></div>
                </fieldset>
                </section>

                """)
    }

    @Test func notAPermutationKeepsDocumentOrder() throws {
        let item = try #require(fixtureItem("rendu-qcu"))
        #expect(ItemHTMLRenderer().render(item, choiceOrder: [1, 1, 2]) == ItemHTMLRenderer().render(item))
        #expect(ItemHTMLRenderer().render(item, choiceOrder: [2, 1]) == ItemHTMLRenderer().render(item))
    }

    @Test func embedAsFrame() throws {
        let item = try #require(fixtureItem("rendu-qrocm-ind"))
        let html = ItemHTMLRenderer(embedStyle: .frame).render(item)
        #expect(
            html.contains(
                "<iframe class=\"ib-embed\" src=\"https://example.org/simulateur\" title=\"Simulateur de recherche\""
                    + " height=\"400\" sandbox=\"allow-scripts allow-same-origin allow-forms\" loading=\"lazy\"></iframe>\n"
            ))
        #expect(!html.contains("Embedded page:"))
    }

    @Test func mediaBaseURL() throws {
        let item = try #require(fixtureItem("rendu-qroc"))
        #expect(
            ItemHTMLRenderer(mediaBaseURL: "../media/").render(item).contains(
                "<li><a href=\"../media/notes.csv\" download>Relevé de notes</a></li>"))
    }

    @Test func formFieldNames() {
        #expect(ItemHTMLRenderer.choiceField == "choices")
        #expect(ItemHTMLRenderer.responseField("n1") == "response.n1")
    }

    @Test func durations() {
        #expect(ItemHTMLRenderer.duration(45) == "45 s")
        #expect(ItemHTMLRenderer.duration(120) == "2 min")
        #expect(ItemHTMLRenderer.duration(90) == "1 min 30 s")
    }
}

/// The markup allow-list: a bank built elsewhere cannot inject markup or script.
@Suite struct FragmentWriterTests {
    @Test(arguments: [
        ("<p>Un <em>mot</em></p>", "<p>Un <em>mot</em></p>"),
        ("<script>alert(1)</script>", "alert(1)"),
        ("<p onclick=\"x()\">a</p>", "<p>a</p>"),
        ("<a href=\"javascript:alert(1)\">lien</a>", "lien"),
        ("<a href=\"https://a.fr/?x=1&amp;y=2\">lien</a>", "<a href=\"https://a.fr/?x=1&amp;y=2\">lien</a>"),
        ("a &amp; b &lt;c&gt; &unknown; &#233;", "a &amp; b &lt;c&gt; &amp;unknown; é"),
        ("<em>ouvert", "<em>ouvert</em>"),
        ("fin</strong> du <ul><li>x</ul>", "fin du <ul><li>x</li></ul>"),
        ("ligne<br/>suivante", "ligne<br>suivante"),
        ("<img src=x onerror=alert(1)>texte", "texte"),
        ("a < b", "a &lt; b"),
    ])
    func flow(_ markup: String, _ html: String) {
        #expect(FragmentWriter(context: .flow).write(markup) == html)
    }

    @Test func phrasingDropsBlocksAndBlanks() {
        var called = false
        let writer = FragmentWriter(context: .phrasing) { _ in
            called = true
            return "X"
        }
        #expect(writer.write("<p>a <blank response=\"r\"/> <strong>b</strong></p>") == "a  <strong>b</strong>")
        #expect(!called)
    }

    @Test func escaping() {
        #expect(HTMLText.escape("a<b>&\"") == "a&lt;b&gt;&amp;\"")
        #expect(HTMLText.escapeAttribute("a\"b") == "a&quot;b")
        // Control characters HTML forbids become U+FFFD; tab, line feed, form feed and carriage return stay.
        #expect(HTMLText.escapeAttribute("a\u{0}b\u{7}c\u{7F}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(HTMLText.escape("a\tb\nc\r\u{C}d") == "a\tb\nc\r\u{C}d")
        #expect(HTMLText.url("dossier/é t.png") == "dossier/%C3%A9%20t.png")
        #expect(!HTMLText.isSafeLink("JavaScript:alert(1)"))
        #expect(HTMLText.isSafeLink("https://pix.fr"))
    }
}

import Foundation
import ItemBankModel
import Testing

@testable import ItemBankXML

@Suite("Text runs and suppressions in the source")
struct TextRunTests {
    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- « commentaire » -->
        <item xmlns="urn:itembank:item:1" id="t" skill="@web1" type="qcu" status="validated" xml:lang="fr">
          <stem>Quel <strong>mot</strong>&#x202F;? <?pi ignorée?><code>a'b</code></stem>
          <choices><choice key="true">Un</choice><choice><em>Deux</em> &amp; trois</choice></choices>
          <solution><![CDATA[a & b]]></solution>
        </item>
        """

    @Test("runs: exact offsets and positions, enclosing elements, choice index; comments and PIs skipped")
    func runs() throws {
        let runs = TextRunScanner.scan(SourceText(bytes: Array(Self.text.utf8)))
        #expect(
            runs.map(\.raw) == ["Quel ", "mot", "&#x202F;? ", "a'b", "Un", "Deux", " &amp; trois", "a & b"])
        #expect(
            runs.map(\.elements) == [
                ["stem"], ["stem", "strong"], ["stem"], ["stem", "code"], ["choices", "choice"],
                ["choices", "choice", "em"], ["choices", "choice"], ["solution"],
            ])
        #expect(runs.map(\.choice) == [nil, nil, nil, nil, 0, 1, 1, nil])
        #expect(
            runs.map { "\($0.line):\($0.column)" } == ["4:9", "4:22", "4:34", "4:64", "5:31", "5:54", "5:63", "6:22"])
        #expect(runs.last?.isCDATA == true)
        let bytes = Array(Self.text.utf8)
        let lines = LineTable(bytes: bytes)
        for run in runs {
            #expect(Array(bytes[run.offset..<(run.offset + run.raw.utf8.count)]) == Array(run.raw.utf8))
        }
        // Characters decode references and keep their source bytes and columns.
        let characters = runs[2].characters
        #expect(characters.map(\.scalar) == ["\u{202F}", "?", " "])
        #expect(characters.map(\.length) == [8, 1, 1])
        #expect(characters.map { runs[2].position(ofOffset: $0.offset, lines: lines).column } == [34, 42, 43])
        #expect(
            characters.map { runs.sourceLocation(ofOffset: $0.offset, lines: lines, path: "t.xml").line } == [4, 4, 4])
        #expect(runs[6].characters.map(\.scalar).prefix(3) == [" ", "&", " "])
        #expect(runs[7].characters.count == 5)  // CDATA: "&" is literal
    }

    @Test("a suppression may give a reason after a colon; a PI inside a comment is not a suppression")
    func suppressions() {
        let text = """
            <item>
              <!-- <?itembank-disable typo.ellipsis?> -->
              <?itembank-disable iwf.longest-key, iwf.vague-terms: la clé est longue exprès?>
              <choices/>
            </item>
            """
        let found = SuppressionScanner.scan(Array(text.utf8), path: "t.xml")
        #expect(found.count == 1)
        #expect(found.first?.rules == ["iwf.longest-key", "iwf.vague-terms"])
        #expect(found.first?.reason == "la clé est longue exprès")
        #expect(found.first?.lines == 4...4)
    }

    @Test("local names: an ASCII name is cut at its last colon byte, another as String cuts it")
    func localNames() {
        for name in ["ib:item", "item", "a:b:choice", ":x", "x:", "é:choix", "a:\u{0301}b", "\u{0600}:p", "ns:ĉ"] {
            let reference = name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
            let local = TextRunScanner.localName(ArraySlice(Array(name.utf8)))
            #expect(Array(local.utf8) == Array(reference.utf8), "\(name)")
        }
    }

    @Test("characters of a run: references decoded, positions and byte ranges as written")
    func characters() {
        let run = TextRun(offset: 100, line: 3, column: 5, raw: "a&amp;é\n&#x202F;?&bogus;", elements: ["stem"])
        let characters = run.characters
        #expect(characters.map(\.scalar) == ["a", "&", "é", "\n", "\u{202F}", "?", "&", "b", "o", "g", "u", "s", ";"])
        #expect(characters.map(\.offset) == [100, 101, 106, 108, 109, 117, 118, 119, 120, 121, 122, 123, 124])
        #expect(characters.map(\.length) == [1, 5, 2, 1, 8, 1, 1, 1, 1, 1, 1, 1, 1])
        // Without the file's line table, positions are counted from the run's own line and column.
        let positions = characters.map { run.position(ofOffset: $0.offset, lines: LineTable()) }
        #expect(positions.map(\.line) == [3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4])
        #expect(positions.map(\.column) == [5, 6, 11, 12, 1, 9, 10, 11, 12, 13, 14, 15, 16])
    }
}

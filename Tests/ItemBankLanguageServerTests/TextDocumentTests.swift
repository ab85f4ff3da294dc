import Foundation
import Testing

@testable import ItemBankLanguageServer

@Suite struct TextDocumentTests {
    // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "𝔼" (U+1D53C) is 4 bytes, 2 UTF-16 units, 1 scalar.
    let document = TextDocument("<stem>Été 𝔼 « x »</stem>\n  <choice>l’été</choice>\r\nfin")

    @Test func scalarColumnsBecomeUTF16Characters() {
        // Column 13 (1-based scalars) is "«": 6 scalars of "<stem>", then É t é ␠ 𝔼 ␠ (7 UTF-16 units).
        #expect(document.position(line: 1, column: 7) == Position(line: 0, character: 6))
        #expect(document.position(line: 1, column: 13) == Position(line: 0, character: 13))
        #expect(document.position(line: 2, column: 13) == Position(line: 1, character: 12))
        #expect(document.position(line: 0, column: 0) == Position(line: 0, character: 0))
    }

    @Test func byteOffsetsRoundTrip() {
        // "«" starts after "<stem>Été 𝔼 " = 6 + 2+1+2 + 1 + 4 + 1 = 17 bytes.
        #expect(document.position(byteOffset: 17) == Position(line: 0, character: 13))
        #expect(document.byteOffset(of: Position(line: 0, character: 13)) == 17)
        // The space after "𝔼" (2 UTF-16 units, 4 bytes).
        #expect(document.position(byteOffset: 16) == Position(line: 0, character: 12))
        let secondLine = document.lineStarts[1]
        #expect(document.position(byteOffset: secondLine + 11) == Position(line: 1, character: 11))
        #expect(document.byteOffset(of: Position(line: 1, character: 11)) == secondLine + 11)
        // The CR of a CRLF line is not part of the line.
        #expect(String(decoding: document.lineBytes(1), as: UTF8.self) == "  <choice>l’été</choice>")
        #expect(document.byteOffset(of: Position(line: 1, character: 99)) == secondLine + 28)
    }

    @Test func rangesCoverTheToken() {
        let item = TextDocument(#"<item id="é-1" skill="@rechercheWeb3" type="qcu">"#)
        // At an attribute: the attribute and its quoted value.
        #expect(
            item.range(line: 1, column: 16)
                == Range(start: Position(line: 0, character: 15), end: Position(line: 0, character: 37)))
        // At a tag: `<item`.
        #expect(
            item.range(line: 1, column: 1)
                == Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 5)))
        // Unknown column: the line without its indentation.
        #expect(
            document.range(line: 2, column: 0)
                == Range(start: Position(line: 1, character: 2), end: Position(line: 1, character: 24)))
    }

    @Test func incrementalChangesReplaceUTF16Ranges() {
        let changed = document.replacing(
            Range(start: Position(line: 1, character: 10), end: Position(line: 1, character: 15)), with: "l'été")
        #expect(String(decoding: changed.lineBytes(1), as: UTF8.self) == "  <choice>l'été</choice>")
    }
}

@Suite struct MarkupContextTests {
    func place(_ text: String) -> (MarkupContext.Place, String) {
        let marker = text.range(of: "|")!
        let before = String(text[..<marker.lowerBound])
        let bytes = Array((before + text[marker.upperBound...]).utf8)
        let context = MarkupContext(bytes: bytes, offset: before.utf8.count)
        return (context.place, String(decoding: bytes[context.prefixStart..<before.utf8.count], as: UTF8.self))
    }

    @Test func placesInTheMarkup() {
        #expect(place(#"<item skill="@rech|""#) == (.attributeValue(element: "item", attribute: "skill"), "@rech"))
        #expect(
            place(#"<response id="a" tolerances="t1 t|""#) == (
                .attributeValue(element: "response", attribute: "tolerances"), "t"
            ))
        #expect(place(#"<item id="x" sk|"#) == (.attributeName(element: "item"), "sk"))
        #expect(place("<item>\n  <choices>\n    <ch|") == (.elementName(parent: "choices"), "ch"))
        #expect(place("<item>\n  <stem>x</stem>\n  <|") == (.elementName(parent: "item"), ""))
        #expect(place("<item>\n<?itembank-disable typo.|") == (.suppression, "typo."))
        #expect(place("<stem>Quel|") == (.text, "Quel"))
    }
}

@Suite struct ItemSchemaVocabularyTests {
    static let schemaPath =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Schemas/item.xsd"

    func matches(_ pattern: String, in text: String) throws -> Set<String> {
        let expression = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return Set(
            expression.matches(in: text, range: range).compactMap { match in
                Swift.Range(match.range(at: 1), in: text).map { String(text[$0]) }
            })
    }

    /// The table has every element, attribute and enumerated value of the schema, and nothing else.
    @Test func theTableMatchesTheSchema() throws {
        let schema = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        let elements = Set(ItemSchemaVocabulary.elements.keys)
        #expect(elements == (try matches(#"<xs:element name="([^"]+)""#, in: schema)))
        let attributes = Set(ItemSchemaVocabulary.elements.values.flatMap { $0.attributes.map(\.name) })
        #expect(attributes == (try matches(#"<xs:attribute name="([^"]+)""#, in: schema)).union(["xml:lang"]))
        let values = Set(
            ItemSchemaVocabulary.elements.values.flatMap { $0.attributes.flatMap(\.values) }
        ).subtracting(["true", "false"])
        #expect(values == (try matches(#"<xs:enumeration value="([^"]+)""#, in: schema)))
        // Every child named by an element is an element of the table.
        for element in ItemSchemaVocabulary.elements.values {
            #expect(Set(element.children).isSubset(of: elements), "\(element.name)")
        }
        // Required attributes are those with use="required" (xml:lang through its ref).
        let required = Set(
            ItemSchemaVocabulary.elements.values.flatMap { $0.attributes.filter(\.required).map(\.name) })
        #expect(
            required
                == (try matches(#"<xs:attribute name="([^"]+)"[^>]*use="required""#, in: schema)).union(["xml:lang"]))
    }
}

import ItemBankModel
import Testing

@Suite("Line table and text characters: positions from byte offsets")
struct LineTableTests {
    /// Line and column of every byte offset, counted from the start of the file (the definition).
    static func reference(_ bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var positions: [(line: Int, column: Int)] = []
        var line = 1
        var column = 1
        for byte in bytes {
            positions.append((line, column))
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        positions.append((line, column))
        return positions
    }

    /// A file with a line longer than three column checkpoints, accents, references and short lines.
    static let text: String = {
        var text = "<item>\n<stem>"
        for index in 0..<2200 { text += index % 7 == 0 ? "é&#x202F;l'a " : "l’a " }
        text += "</stem>\n\n<choices>« x »\nfin</choices>\n"
        return text
    }()

    @Test("every offset of a file: the line table's line and column are the ones counted from its start")
    func everyOffset() {
        let bytes = Array(Self.text.utf8)
        #expect(bytes.count > 3 * LineTable.blockSize)
        let lines = LineTable(bytes: bytes)
        #expect(lines.count == 6)
        #expect(lines.start(ofLine: 2) == 7)
        let expected = Self.reference(bytes)
        bytes.withUnsafeBufferPointer { buffer in
            for offset in 0...bytes.count {
                let position = lines.position(
                    ofOffset: offset, window: buffer, windowOffset: 0, windowLine: 1, windowColumn: 1)
                #expect(position == expected[offset], "offset \(offset)")
                if position != expected[offset] { break }
            }
        }
        // At an exact checkpoint, past the first, inside the long line.
        let checkpoint = 2 * LineTable.blockSize
        let position = bytes.withUnsafeBufferPointer {
            lines.position(ofOffset: checkpoint, window: $0, windowOffset: 0, windowLine: 1, windowColumn: 1)
        }
        #expect(position == expected[checkpoint])
        #expect(position.line == 2)
    }

    @Test("the stem's characters: byte ranges as written, and each one's location from its offset")
    func characterLocations() {
        let bytes = Array(Self.text.utf8)
        let start = 13  // after "<item>\n<stem>"
        let end = Self.text.utf8.count - "</stem>\n\n<choices>« x »\nfin</choices>\n".utf8.count
        let run = TextRun(
            offset: start, line: 2, column: 7, raw: String(decoding: bytes[start..<end], as: UTF8.self),
            elements: ["stem"])
        let item = Item(
            id: "t", skill: "@web1", type: .qcu, status: .validated, language: "fr",
            stem: RichText(plain: "", markup: ""),
            location: SourceLocation(path: "t.xml", line: 1, column: 1), textRuns: [run],
            lines: LineTable(bytes: bytes))
        let characters = run.characters
        let expected = Self.reference(bytes)
        // The first characters: é (2 bytes), the reference (8), then one byte each.
        #expect(characters.prefix(4).map(\.offset) == [13, 15, 23, 24])
        #expect(characters.prefix(4).map(\.length) == [2, 8, 1, 1])
        #expect(characters.prefix(4).map(\.scalar) == ["é", "\u{202F}", "l", "'"])
        var offset = start
        for character in characters {
            #expect(character.offset == offset)
            let location = item.sourceLocation(ofOffset: character.offset)
            #expect(location.line == expected[offset].line && location.column == expected[offset].column)
            if character.offset != offset { break }
            offset += character.length
        }
        #expect(offset == end)
        #expect(item.sourceLocation(ofOffset: -1) == SourceLocation(path: "t.xml", line: 0, column: 0))
        // The same without the table, counted from the run's line and column.
        #expect(run.position(ofOffset: end - 1, lines: LineTable()) == expected[end - 1])
    }

    @Test("characters appended: anchors at references, multi-byte sequences, gaps and markup boundaries")
    func appending() {
        let pieces: [TextCharacter] = [
            TextCharacter(scalar: "a", offset: 10, length: 1), TextCharacter(scalar: "b", offset: 11, length: 1),
            TextCharacter(scalar: "é", offset: 12, length: 2), TextCharacter(scalar: "c", offset: 14, length: 1),
            TextCharacter(scalar: "&", offset: 15, length: 5), TextCharacter(scalar: "d", offset: 20, length: 1),
            TextCharacter(scalar: "e", offset: 30, length: 1), TextCharacter(scalar: " ", offset: -1, length: 0),
            TextCharacter(scalar: "f", offset: 40, length: 1), TextCharacter(scalar: "g", offset: 41, length: 1),
        ]
        let whole = TextCharacters(pieces)
        #expect(Array(whole) == pieces)
        var joined = TextCharacters(pieces[0..<7])
        joined.append(pieces[7])
        joined.append(contentsOf: TextCharacters(pieces[8...]))
        #expect(Array(joined) == pieces)
        #expect(joined == whole)
        #expect(joined.scalars == pieces.map(\.scalar))
    }
}

import ItemBankModel

/// Splits a well-formed item file into its ``TextRun``s: the character data between tags, with byte
/// offsets, positions and enclosing elements. libxml2's tree keeps no offsets for text, so the reader
/// scans the source bytes itself once the file has parsed (a well-formed file without a DOCTYPE: only
/// the five predefined entities and character references can appear).
enum TextRunScanner {
    static func scan(_ source: SourceText) -> [TextRun] {
        let bytes = source.bytes
        var runs: [TextRun] = []
        var stack: [String] = []  // local names, root included
        // The enclosing elements below the root, shared by the runs of one element (one array each).
        var enclosing: [String]?
        var choiceCount = 0
        var currentChoice: Int?
        var index = 0
        var textStart = 0

        func elements() -> [String] {
            if let enclosing { return enclosing }
            let below = stack.dropFirst()
            let made = commonElements.first { $0.elementsEqual(below) } ?? Array(below)
            enclosing = made
            return made
        }

        func flush(_ end: Int) {
            // Only text inside the root's children: the root's own whitespace and the prolog are not content.
            guard end > textStart, stack.count >= 2 else { return }
            // Whitespace alone (between elements, around blocks) is not text.
            guard bytes[textStart..<end].contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D })
            else { return }
            let raw = String(decoding: bytes[textStart..<end], as: UTF8.self)
            let position = source.position(ofOffset: textStart)
            runs.append(
                TextRun(
                    offset: textStart, line: position.line, column: position.column, raw: raw,
                    elements: elements(), choice: currentChoice))
        }

        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            flush(index)
            // The byte after "<" picks the kind of markup (0 at the end of the file).
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "!"), starts(bytes, index, "<!--") {
                index = (find(bytes, "-->", from: index + 4) ?? bytes.count - 3) + 3
            } else if next == UInt8(ascii: "!"), starts(bytes, index, "<![CDATA[") {
                let end = find(bytes, "]]>", from: index + 9) ?? bytes.count - 3
                if stack.count >= 2, end > index + 9 {
                    let position = source.position(ofOffset: index + 9)
                    runs.append(
                        TextRun(
                            offset: index + 9, line: position.line, column: position.column,
                            raw: String(decoding: bytes[(index + 9)..<end], as: UTF8.self),
                            elements: elements(), choice: currentChoice, isCDATA: true))
                }
                index = end + 3
            } else if next == UInt8(ascii: "?") {
                index = (find(bytes, "?>", from: index + 2) ?? bytes.count - 2) + 2
            } else if next == UInt8(ascii: "!") {
                index = (find(bytes, ">", from: index + 2) ?? bytes.count - 1) + 1
            } else if next == UInt8(ascii: "/") {
                if !stack.isEmpty {
                    if stack.last == "choice" { currentChoice = nil }
                    stack.removeLast()
                    enclosing = nil
                }
                index = (find(bytes, ">", from: index + 2) ?? bytes.count - 1) + 1
            } else {
                var nameEnd = index + 1
                while nameEnd < bytes.count, !isTerminator(bytes[nameEnd]) { nameEnd += 1 }
                let name = localName(bytes[(index + 1)..<nameEnd])
                // The end of the start tag: the first '>' outside a quoted attribute value.
                var cursor = nameEnd
                var quote: UInt8?
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                    cursor += 1
                }
                let empty = cursor > 0 && cursor < bytes.count && bytes[cursor - 1] == UInt8(ascii: "/")
                if !empty {
                    stack.append(name)
                    enclosing = nil
                    if name == "choice" && stack.count == 3 {
                        currentChoice = choiceCount
                        choiceCount += 1
                    }
                }
                index = cursor + 1
            }
            textStart = index
        }
        return runs
    }

    /// The local name of a qualified name: what follows its last ":" (the whole name without one).
    /// An ASCII name is cut at its last ":" byte; another is cut where `String` finds its last ":"
    /// character (a combining mark after the colon would join it).
    static func localName(_ qualified: ArraySlice<UInt8>) -> String {
        if !qualified.contains(where: { $0 >= 0x80 }) {
            let start = qualified.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? qualified.startIndex
            return String(decoding: qualified[start...], as: UTF8.self)
        }
        let name = String(decoding: qualified, as: UTF8.self)
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The enclosing elements of most runs, one array each for all the runs of a lint run (a run keeps
    /// its enclosing elements for as long as the bank is in memory).
    private static let commonElements: [[String]] = [
        ["stem"], ["stem", "p"], ["choices", "choice"], ["solution"], ["solution", "p"], ["feedback"],
        ["responses", "response", "accept"], ["responses", "dropdown", "option"], ["responses", "dropdown", "accept"],
        ["groups", "group", "accept"], ["stem", "ul", "li"], ["stem", "strong"], ["stem", "em"], ["stem", "code"],
    ]

    private static func starts(_ bytes: [UInt8], _ index: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            for offset in 0..<count where bytes[index + offset] != buffer[offset] { return false }
            return true
        }
    }

    private static func find(_ bytes: [UInt8], _ needle: StaticString, from start: Int) -> Int? {
        var cursor = start
        while cursor < bytes.count {
            if starts(bytes, cursor, needle) { return cursor }
            cursor += 1
        }
        return nil
    }

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/")
    }
}

/// An open document's text, with the conversions between the project's positions (1-based line,
/// 1-based column in Unicode scalars; UTF-8 byte offsets for fix-its) and LSP's (0-based line,
/// 0-based character in UTF-16 code units).
public struct TextDocument: Sendable {
    /// The document's UTF-8 bytes.
    public let bytes: [UInt8]
    /// Byte offset of the start of each line (line 0 first).
    public let lineStarts: [Int]

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 10 { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Bytes of line `line` (0-based), without its line break.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 0, line < lineStarts.count else { return [] }
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > lineStarts[line], bytes[end - 1] == 13 { end -= 1 }
        return bytes[lineStarts[line]..<max(end, lineStarts[line])]
    }

    /// The LSP position of a project position (1-based line, 1-based column in Unicode scalars; a
    /// column of 0 is the start of the line, a line of 0 the start of the file).
    public func position(line: Int, column: Int) -> Position {
        guard line >= 1 else { return Position(line: 0, character: 0) }
        let lineText = String(decoding: lineBytes(line - 1), as: UTF8.self)
        var character = 0
        for (index, scalar) in lineText.unicodeScalars.enumerated() where index < column - 1 {
            character += scalar.utf16.count
        }
        return Position(line: line - 1, character: character)
    }

    /// The LSP position of a UTF-8 byte offset.
    public func position(byteOffset: Int) -> Position {
        let offset = min(max(byteOffset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let prefix = String(decoding: bytes[lineStarts[low]..<offset], as: UTF8.self)
        return Position(line: low, character: prefix.utf16.count)
    }

    /// The UTF-8 byte offset of an LSP position (clamped to its line).
    public func byteOffset(of position: Position) -> Int {
        guard position.line < lineStarts.count else { return bytes.count }
        guard position.line >= 0 else { return 0 }
        let line = lineBytes(position.line)
        var offset = line.startIndex
        var units = 0
        let text = String(decoding: line, as: UTF8.self)
        for scalar in text.unicodeScalars {
            if units >= position.character { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return offset
    }

    /// The document with an LSP range replaced by `text` (incremental change).
    public func replacing(_ range: Range, with text: String) -> TextDocument {
        let start = byteOffset(of: range.start)
        let end = max(start, byteOffset(of: range.end))
        return TextDocument(bytes: Array(bytes[..<start]) + Array(text.utf8) + Array(bytes[end...]))
    }

    /// The range of a project position, extended over the token that starts there: a tag's `<name`, an
    /// attribute with its quoted value, or a word (up to a space or markup character). A column of 0
    /// (unknown) gives the whole line.
    public func range(line: Int, column: Int) -> Range {
        let start = position(line: line, column: column)
        guard line >= 1 else { return Range(start: start, end: start) }
        let lineBytes = lineBytes(line - 1)
        if column <= 0 {
            let end = position(byteOffset: lineBytes.endIndex)
            var first = lineBytes.startIndex
            while first < lineBytes.endIndex, lineBytes[first] == 32 || lineBytes[first] == 9 { first += 1 }
            return Range(start: position(byteOffset: first), end: end)
        }
        let startOffset = byteOffset(of: start)
        var end = startOffset
        let stops: Set<UInt8> = [32, 9, 13, 10, 60, 62, 34, 39, 47]  // space, tab, CR, LF, < > " ' /
        if end < lineBytes.endIndex, bytes[end] == 60 {  // a tag: `<name`
            end += 1
            while end < lineBytes.endIndex, !stops.contains(bytes[end]) { end += 1 }
        } else {
            var inQuote: UInt8?
            while end < lineBytes.endIndex {
                let byte = bytes[end]
                if let quote = inQuote {
                    end += 1
                    if byte == quote { break }
                    continue
                }
                if byte == 61, end + 1 < lineBytes.endIndex, bytes[end + 1] == 34 || bytes[end + 1] == 39 {
                    inQuote = bytes[end + 1]
                    end += 2
                    continue
                }
                if stops.contains(byte) { break }
                end += 1
            }
        }
        if end == startOffset, end < lineBytes.endIndex { end += 1 }
        return Range(start: start, end: position(byteOffset: end))
    }
}

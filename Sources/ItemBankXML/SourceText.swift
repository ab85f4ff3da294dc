import ItemBankModel

/// The raw bytes of a source file with a line index, used to turn libxml2's line numbers into exact
/// `line:column` positions of elements and attribute values.
struct SourceText: Sendable {
    let bytes: [UInt8]
    /// The line table: line starts and column checkpoints.
    let lines: LineTable

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.lines = LineTable(bytes: bytes)
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer {
            lines.position(ofOffset: offset, window: $0, windowOffset: 0, windowLine: 1, windowColumn: 1)
        }
    }

    /// Byte offset just past the end of a 1-based line (its newline excluded).
    func endOfLine(_ line: Int) -> Int {
        guard line >= 1 else { return 0 }
        if line < lines.count { return lines.start(ofLine: line + 1) - 1 }
        return bytes.count
    }

    /// Byte offset of the start tag `<qname` whose start tag libxml2 reported on `line` (the line
    /// where the start tag ends), searching backwards; nil when not found.
    /// `skip` is the number of later start tags of the same name that end on the same line (the
    /// following siblings written on that line), which the backward search passes over.
    func startTagOffset(qualifiedName: String, reportedLine line: Int, skip: Int = 0) -> Int? {
        let needle = [UInt8(ascii: "<")] + Array(qualifiedName.utf8)
        var index = min(endOfLine(line), bytes.count) - needle.count
        let limit = max(0, index - 1 << 16)
        var skipped = 0
        while index >= limit {
            if bytes[index] == needle[0] && matches(needle, at: index) {
                let next = index + needle.count
                if next >= bytes.count || isNameTerminator(bytes[next]) {
                    if skipped == skip { return index }
                    skipped += 1
                }
            }
            index -= 1
        }
        return nil
    }

    /// Byte offset of the first character of attribute `name`'s value inside the start tag that
    /// begins at `tagOffset`; nil when not found.
    func attributeValueOffset(name: String, tagOffset: Int) -> Int? {
        let needle = Array(name.utf8)
        var index = tagOffset + 1
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return nil
            } else if isSpace(bytes[index - 1]) && matches(needle, at: index) {
                var cursor = index + needle.count
                while cursor < bytes.count && isSpace(bytes[cursor]) { cursor += 1 }
                if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < bytes.count && isSpace(bytes[cursor]) { cursor += 1 }
                    if cursor < bytes.count
                        && (bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'"))
                    {
                        return cursor + 1
                    }
                }
            }
            index += 1
        }
        return nil
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func isNameTerminator(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}

import ItemBankModel

/// Finds inline suppressions in a source file's text: `<?itembank-disable ids?>`,
/// `<?itembank-disable-file ids?>` and the same words in a comment (`<!-- itembank-disable ids -->`).
public enum SuppressionScanner {
    /// Every suppression in `bytes` (a file's UTF-8 text), located in `path` (as diagnostics spell it).
    public static func scan(_ bytes: [UInt8], path: String) -> [Suppression] {
        var lineIndex: SourceText?  // built only when a suppression is found (most files have none)
        var found: [Suppression] = []
        var index = 0
        let markers: [(open: [UInt8], close: [UInt8])] = [
            (Array("<?itembank-disable".utf8), Array("?>".utf8)),
            (Array("<!--".utf8), Array("-->".utf8)),
        ]
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var matched = false
            for marker in markers where starts(bytes, at: index, with: marker.open) {
                guard let end = find(bytes, marker.close, from: index + marker.open.count) else { break }
                var body = String(decoding: bytes[(index + marker.open.count)..<end], as: UTF8.self)
                if marker.open.count == 4 {  // a comment: must start with itembank-disable
                    body = body.trimmingLeadingSpaces()
                    guard body.hasPrefix("itembank-disable") else {
                        // Any other comment is skipped whole: what it contains is not markup.
                        index = end + marker.close.count
                        matched = true
                        break
                    }
                    body = String(body.dropFirst("itembank-disable".count))
                }
                let fileScope = body.hasPrefix("-file")
                if fileScope { body = String(body.dropFirst("-file".count)) }
                // Rule ids, then an optional reason after a colon: `itembank-disable iwf.longest-key: why`.
                var reason: String?
                if let colon = body.firstIndex(of: ":") {
                    reason = String(body[body.index(after: colon)...]).trimmingLeadingSpaces()
                    body = String(body[..<colon])
                }
                let rules = body.split(whereSeparator: {
                    $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == ","
                })
                .map(String.init)
                let source = lineIndex ?? SourceText(bytes: bytes)
                lineIndex = source
                let position = source.position(ofOffset: index)
                let location = SourceLocation(path: path, line: position.line, column: position.column)
                let afterEnd = end + marker.close.count
                let lines: ClosedRange<Int>
                if fileScope {
                    lines = 1...Int.max
                } else if let element = nextElement(bytes, from: afterEnd) {
                    let start = source.position(ofOffset: element.start).line
                    let last = source.position(ofOffset: element.end).line
                    lines = start...max(start, last)
                } else {
                    lines = position.line...position.line
                }
                found.append(Suppression(rules: rules, location: location, lines: lines, reason: reason))
                index = afterEnd
                matched = true
                break
            }
            if !matched { index += 1 }
        }
        return found
    }

    /// The next element after `offset`: byte offsets of its `<` and of the end of its end tag (or of its
    /// empty-element tag), counting nested elements of the same name.
    static func nextElement(_ bytes: [UInt8], from offset: Int) -> (start: Int, end: Int)? {
        var index = offset
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, isNameStart(bytes[index + 1]) { break }
            if bytes[index] == UInt8(ascii: "<"), starts(bytes, at: index, with: Array("<!--".utf8)),
                let end = find(bytes, Array("-->".utf8), from: index + 4)
            {
                index = end + 3
                continue
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let start = index
        var nameEnd = start + 1
        while nameEnd < bytes.count, !isTerminator(bytes[nameEnd]) { nameEnd += 1 }
        let name = Array(bytes[(start + 1)..<nameEnd])
        guard let tagEnd = find(bytes, [UInt8(ascii: ">")], from: nameEnd) else { return nil }
        if tagEnd > 0, bytes[tagEnd - 1] == UInt8(ascii: "/") { return (start, tagEnd) }
        var depth = 1
        var cursor = tagEnd + 1
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "<") {
                if starts(bytes, at: cursor + 1, with: [UInt8(ascii: "/")] + name),
                    cursor + 2 + name.count < bytes.count, isTerminator(bytes[cursor + 2 + name.count])
                {
                    depth -= 1
                    if depth == 0 { return (start, cursor + 2 + name.count) }
                } else if starts(bytes, at: cursor + 1, with: name), cursor + 1 + name.count < bytes.count,
                    isTerminator(bytes[cursor + 1 + name.count])
                {
                    if let end = find(bytes, [UInt8(ascii: ">")], from: cursor), bytes[end - 1] != UInt8(ascii: "/") {
                        depth += 1
                    }
                }
            }
            cursor += 1
        }
        return (start, bytes.count - 1)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/")
    }

    static func starts(_ bytes: [UInt8], at index: Int, with prefix: [UInt8]) -> Bool {
        guard index >= 0, index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    static func find(_ bytes: [UInt8], _ needle: [UInt8], from index: Int) -> Int? {
        var cursor = index
        while cursor + needle.count <= bytes.count {
            if starts(bytes, at: cursor, with: needle) { return cursor }
            cursor += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    }
}

/// Where a cursor sits in an XML document, found by scanning the text around it (the document may be
/// half-typed and not well-formed).
struct MarkupContext {
    enum Place: Equatable {
        /// Typing an element name after `<`; `parent` is the enclosing element.
        case elementName(parent: String?)
        /// Typing an attribute name in the start tag of `element`.
        case attributeName(element: String)
        /// Typing the value of `attribute` of `element`.
        case attributeValue(element: String, attribute: String)
        /// In a processing instruction or comment naming rules (`<?itembank-disable …?>`).
        case suppression
        case text
    }

    var place: Place
    /// Byte offset where the word being typed starts (the completion replaces from there to the cursor).
    var prefixStart: Int

    static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == 45 || byte == 46 || byte == 95 || byte == 58 || byte == 64  // - . _ : @
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    init(bytes: [UInt8], offset: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var wordStart = offset
        while wordStart > 0, Self.isNameByte(bytes[wordStart - 1]) { wordStart -= 1 }
        prefixStart = wordStart
        // The last '<' or '>' before the cursor.
        var index = offset - 1
        while index >= 0, bytes[index] != 60, bytes[index] != 62 { index -= 1 }
        guard index >= 0, bytes[index] == 60 else {
            // Inside a comment or processing instruction whose '>' was already written?
            place = Self.insideSuppression(bytes, offset) ? .suppression : .text
            return
        }
        let tagStart = index
        let tag = Array(bytes[tagStart..<offset])
        if tag.count >= 2, tag[1] == 63 || tag[1] == 33 {  // <? or <!
            place = Self.insideSuppression(bytes, offset) ? .suppression : .text
            return
        }
        if tag.count >= 2, tag[1] == 47 {  // </
            place = .text
            return
        }
        var nameEnd = 1
        while nameEnd < tag.count, !Self.isSpace(tag[nameEnd]), tag[nameEnd] != 47 { nameEnd += 1 }
        if nameEnd == tag.count {
            place = .elementName(parent: Self.enclosingElement(bytes, before: tagStart)?.name)
            prefixStart = tagStart + 1
            return
        }
        let element = String(decoding: tag[1..<nameEnd], as: UTF8.self)
        // Walk the attributes to see whether the cursor is in a quoted value.
        var position = nameEnd
        var quote: UInt8?
        var valueStart = 0
        var attributeName = ""
        var lastName = ""
        var nameStart = -1
        while position < tag.count {
            let byte = tag[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 34 || byte == 39 {
                quote = byte
                valueStart = position + 1
                attributeName = lastName
            } else if Self.isNameByte(byte) {
                if nameStart < 0 { nameStart = position }
            } else {
                if nameStart >= 0 { lastName = String(decoding: tag[nameStart..<position], as: UTF8.self) }
                nameStart = -1
            }
            position += 1
        }
        if quote != nil {
            place = .attributeValue(element: element, attribute: attributeName)
            // Values are completed whole (a skill id, a file name), except in space-separated lists.
            var start = tagStart + valueStart
            var scan = offset
            while scan > start, !Self.isSpace(bytes[scan - 1]) { scan -= 1 }
            start = scan
            prefixStart = start
        } else {
            place = .attributeName(element: element)
        }
    }

    /// Whether the cursor is inside `<?itembank-disable…?>` or a comment mentioning itembank-disable.
    static func insideSuppression(_ bytes: [UInt8], _ offset: Int) -> Bool {
        var index = offset - 1
        while index >= 1 {
            if bytes[index] == 62 { return false }
            if bytes[index - 1] == 60, bytes[index] == 63 || bytes[index] == 33 {
                let text = String(decoding: bytes[(index - 1)..<offset], as: UTF8.self)
                return text.contains("itembank-disable")
            }
            index -= 1
        }
        return false
    }

    /// The element whose content holds `offset`: its start tag's offset and name. Skips closed elements,
    /// self-closing tags, comments and processing instructions.
    static func enclosingElement(_ bytes: [UInt8], before offset: Int) -> (offset: Int, name: String)? {
        var depth = 0
        var index = min(offset, bytes.count) - 1
        while index >= 0 {
            guard bytes[index] == 60 else {
                index -= 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == 63 || next == 33 {  // <? <!
                index -= 1
                continue
            }
            // The tag's end, to tell `<x/>` from `<x>`.
            var end = index + 1
            while end < bytes.count, bytes[end] != 62 { end += 1 }
            let selfClosing = end < bytes.count && end > index && bytes[end - 1] == 47
            if next == 47 {
                depth += 1
            } else if !selfClosing || end >= offset {
                if depth == 0 {
                    var nameEnd = index + 1
                    while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
                    return (index, String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self))
                }
                depth -= 1
            }
            index -= 1
        }
        return nil
    }

    /// The word (name characters, `@` and `.` included) around `offset`, and its byte range.
    static func word(_ bytes: [UInt8], at offset: Int) -> (String, Swift.Range<Int>)? {
        var start = min(max(offset, 0), bytes.count)
        var end = start
        while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        guard start < end else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), start..<end)
    }
}

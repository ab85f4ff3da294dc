/// A run of character data of an item file, exactly as written, with where it is and which elements
/// enclose it: what the typography and wording rules read, and what their fix-its edit.
///
/// A run is the text between two pieces of markup (tags, comments, processing instructions). Comments
/// and processing instructions are never runs, so text inside `<!-- … -->` is never checked.
public struct TextRun: Hashable, Sendable {
    /// UTF-8 byte offset of the run's first byte in the file.
    public var offset: Int
    /// 1-based line of the first byte.
    public var line: Int
    /// 1-based column (Unicode scalars) of the first byte.
    public var column: Int
    /// The source text as written: character references (`&#x202F;`, `&amp;`) are not decoded.
    public var raw: String
    /// Local names of the enclosing elements below the root, outermost first: `["stem", "p", "strong"]`,
    /// `["choices", "choice"]`.
    public var elements: [String]
    /// For a run inside a `<choice>`: its 0-based index among the choices.
    public var choice: Int?
    /// Whether the run is a CDATA section (its `&` are literal).
    public var isCDATA: Bool

    public init(
        offset: Int, line: Int, column: Int, raw: String, elements: [String], choice: Int? = nil,
        isCDATA: Bool = false
    ) {
        self.offset = offset
        self.line = line
        self.column = column
        self.raw = raw
        self.elements = elements
        self.choice = choice
        self.isCDATA = isCDATA
    }

    /// The top-level element of the item the run is in (`stem`, `choices`, `solution`, `feedback`…).
    public var part: String { elements.first ?? "" }

    /// Whether an element of this name encloses the run.
    public func isInside(_ name: String) -> Bool { elements.contains(name) }

    /// Whether the run is emphasised (`<strong>` or `<em>`).
    public var isEmphasised: Bool { elements.contains("strong") || elements.contains("em") }

    /// The text a learner reads: the run with character references decoded, one entry per Unicode
    /// scalar, each with the file byte range that produced it (a reference such as `&#x202F;` is one
    /// scalar spanning its whole reference).
    public var characters: [TextCharacter] {
        var raw = raw
        return raw.withUTF8 { bytes in
            // At most one character per byte: written in place, no per-character capacity check.
            [TextCharacter](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                count = 0
                var index = 0
                var line = self.line
                var column = self.column
                while index < bytes.count {
                    let lead = bytes[index]
                    var length = 1
                    var scalar: Unicode.Scalar?
                    if lead < 0x80 && lead != UInt8(ascii: "&") {
                        scalar = Unicode.Scalar(lead)
                    } else {
                        if lead == UInt8(ascii: "&"), !isCDATA {
                            var end = index + 1
                            while end < bytes.count, end - index <= 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
                            if end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                                let name = String(
                                    decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
                                scalar = TextRun.decodeReference(name)
                                if scalar != nil { length = end - index + 1 }
                            }
                        }
                        if scalar == nil {
                            length = min(TextRun.sequenceLength(lead), bytes.count - index)
                            var value = UInt32(lead)
                            switch length {
                            case 2: value = UInt32(lead & 0x1F)
                            case 3: value = UInt32(lead & 0x0F)
                            case 4: value = UInt32(lead & 0x07)
                            default: break
                            }
                            if length > 1 {
                                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                            }
                            scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        }
                    }
                    if let scalar {
                        buffer.initializeElement(
                            at: count,
                            to: TextCharacter(
                                scalar: scalar, offset: offset + index, length: length, line: line, column: column))
                        count += 1
                    }
                    // Positions follow the source: a reference (ASCII) occupies as many columns as it has bytes.
                    if lead == UInt8(ascii: "\n") {
                        line += 1
                        column = 1
                    } else if lead == UInt8(ascii: "&") {
                        column += length
                    } else {
                        column += 1
                    }
                    index += length
                }
            }
        }
    }

    /// The scalar of a character reference's name (`#x202F`, `#8217`, `amp`), nil when not one.
    static func decodeReference(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value: UInt32? =
                digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    /// Bytes of the UTF-8 sequence that starts with `lead`.
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xFF: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}

/// One character of a ``TextRun`` as read, and where it is written.
///
/// Stored in 20 bytes (32-bit positions: source files are at most 8 MiB), because the linter holds one
/// per character of an item's prose: an 8 MiB stem is 8 million of them.
public struct TextCharacter: Hashable, Sendable {
    public var scalar: Unicode.Scalar
    private var storedOffset: Int32
    private var storedLength: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    /// UTF-8 byte offset in the file of what produced it (the character, or its reference); -1 for a
    /// character that stands for markup.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }
    /// Bytes it occupies in the file (1–4, or the length of a reference such as `&#x202F;`).
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = Int32(clamping: newValue) }
    }
    /// 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// 1-based column, in characters.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Positions beyond `Int32.max` are clamped (the reader refuses files over 8 MiB).
    public init(scalar: Unicode.Scalar, offset: Int, length: Int, line: Int, column: Int) {
        self.scalar = scalar
        self.storedOffset = Int32(clamping: offset)
        self.storedLength = Int32(clamping: length)
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }
}

/// A link (`<a href>`) in an item's text.
public struct Link: Hashable, Sendable {
    /// The `href` value as written.
    public var url: String
    /// The link's text, whitespace collapsed.
    public var text: String
    /// Where the `href` value starts.
    public var location: SourceLocation

    public init(url: String, text: String, location: SourceLocation) {
        self.url = url
        self.text = text
        self.location = location
    }
}

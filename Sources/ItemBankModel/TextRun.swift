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
    /// scalar spanning its whole reference). Positions are byte offsets: ``Item/sourceLocation(ofOffset:)``
    /// makes a line and a column of one when a diagnostic needs it.
    public var characters: TextCharacters {
        var raw = raw
        return raw.withUTF8 { bytes in
            var characters = TextCharacters()
            characters.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 && lead != UInt8(ascii: "&") {
                    characters.append(Unicode.Scalar(lead), offset: offset + index, length: 1)
                    index += 1
                    continue
                }
                var length = 1
                var scalar: Unicode.Scalar?
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
                characters.append(scalar ?? "\u{FFFD}", offset: offset + index, length: length)
                index += length
            }
            return characters
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

/// One character of a ``TextRun`` as read, and the bytes of the file that produced it.
///
/// Made on access from ``TextCharacters``; it holds no line or column (``Item/sourceLocation(ofOffset:)``
/// makes them from ``offset`` when a diagnostic needs them).
public struct TextCharacter: Hashable, Sendable {
    public var scalar: Unicode.Scalar
    /// UTF-8 byte offset in the file of what produced it (the character, or its reference); -1 for a
    /// character that stands for markup.
    public var offset: Int
    /// Bytes it occupies in the file (1–4, or the length of a reference such as `&#x202F;`; 0 for a
    /// character that stands for markup).
    public var length: Int

    public init(scalar: Unicode.Scalar, offset: Int, length: Int) {
        self.scalar = scalar
        self.offset = offset
        self.length = length
    }
}

/// The characters of a text as read (character references decoded), each with the file bytes that
/// produced it: the scalars in a contiguous array (what the tokenizer and the typography rules scan),
/// and the byte ranges as a view over the source, not stored per character. A character of one byte
/// that follows another of one byte, contiguous in the file, is implied by the anchor before it; only
/// the others (multi-byte sequences, character references, the character after them, the first after
/// markup) are anchors with their offset and length. An element is a ``TextCharacter`` made on access
/// (a binary search among the anchors for its byte range).
///
/// The linter holds the characters of an item's prose while its rules run: an 8 MiB stem is 8 million
/// characters, 4 bytes each plus 12 bytes per anchor (a struct per character with its line and column
/// took 20 bytes).
public struct TextCharacters: RandomAccessCollection, Hashable, Sendable {
    /// Where a character's bytes are: characters after it up to the next anchor are one byte each,
    /// contiguous from it (when its length is 1).
    private struct Anchor: Hashable, Sendable {
        var index: Int32
        var offset: Int32
        var length: UInt8
    }

    /// The characters' scalars, in order.
    public private(set) var scalars: [Unicode.Scalar]
    private var anchors: [Anchor]
    /// The byte just past the last character, and the last character's length (to decide whether the
    /// next one needs an anchor).
    private var lastEnd: Int
    private var lastLength: Int

    public init() {
        scalars = []
        anchors = []
        lastEnd = 0
        lastLength = 0
    }

    public init(_ characters: some Sequence<TextCharacter>) {
        self.init()
        for character in characters { append(character) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { scalars.count }

    public subscript(position: Int) -> TextCharacter {
        let range = byteRange(position)
        return TextCharacter(scalar: scalars[position], offset: range.offset, length: range.length)
    }

    /// The byte offset and length of character `position`.
    private func byteRange(_ position: Int) -> (offset: Int, length: Int) {
        var low = 0
        var high = anchors.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(anchors[middle].index) <= position { low = middle } else { high = middle - 1 }
        }
        let anchor = anchors[low]
        let distance = position - Int(anchor.index)
        return distance == 0 ? (Int(anchor.offset), Int(anchor.length)) : (Int(anchor.offset) + distance, 1)
    }

    public mutating func reserveCapacity(_ count: Int) {
        scalars.reserveCapacity(count)
    }

    /// Appends a character; offsets beyond `Int32.max` and lengths beyond 255 are clamped (the reader
    /// refuses files over 8 MiB, and a character reference is at most 14 bytes).
    public mutating func append(_ scalar: Unicode.Scalar, offset: Int, length: Int) {
        if scalars.isEmpty || length != 1 || lastLength != 1 || offset != lastEnd {
            anchors.append(
                Anchor(
                    index: Int32(clamping: scalars.count), offset: Int32(clamping: offset),
                    length: UInt8(clamping: length)))
        }
        scalars.append(scalar)
        lastEnd = offset + length
        lastLength = length
    }

    public mutating func append(_ character: TextCharacter) {
        append(character.scalar, offset: character.offset, length: character.length)
    }

    public mutating func append(contentsOf other: TextCharacters) {
        guard !other.isEmpty else { return }
        let shift = Int32(clamping: scalars.count)
        // The other's first character is an anchor: the characters before it cannot imply it.
        anchors += other.anchors.lazy.map { Anchor(index: $0.index + shift, offset: $0.offset, length: $0.length) }
        scalars += other.scalars
        lastEnd = other.lastEnd
        lastLength = other.lastLength
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

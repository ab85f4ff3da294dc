/// What the tokenizer's loop asks of every character, answered from a table for the scalars below
/// U+0250 (Basic Latin, Latin-1, Latin Extended-A and B: nearly every character of French and English
/// prose): whether it belongs to a word, and its folded form as UTF-8 bytes.
///
/// The table is computed once from ``Tokenizer/isWordScalar(_:)`` and ``Tokenizer/fold(_:)``
/// themselves, so it cannot disagree with them; scalars from U+0250 up are answered by those functions
/// directly. This keeps the loop free of Unicode property lookups, dictionary searches and `String`
/// appends (the tokenizer was ~15 % of a lint run's instructions before).
struct FoldTable: Sendable {
    /// Scalars below this value are in the table.
    static let limit: UInt32 = 0x250

    struct Entry: Sendable {
        /// The folded form's UTF-8 bytes, first byte lowest (at most 4).
        var bytes: UInt32 = 0
        var byteCount: UInt8 = 0
        /// Scalars in the folded form (0 for a combining mark).
        var scalarCount: UInt8 = 0
        var isWord = false
        /// False when the folded form is longer than 4 bytes (then ``Tokenizer/fold(_:)`` is asked).
        var isPacked = false
    }

    /// Indexed by scalar value.
    private let entries: [Entry]

    init() {
        var entries: [Entry] = []
        entries.reserveCapacity(Int(FoldTable.limit))
        for value in 0..<FoldTable.limit {
            // Below U+0250 every value is a scalar (the surrogates start at U+D800).
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            var entry = Entry()
            entry.isWord = Tokenizer.isWordScalar(scalar)
            let folded = Tokenizer.fold(scalar)
            let utf8 = Array(folded.utf8)
            if utf8.count <= 4 {
                for (position, byte) in utf8.enumerated() { entry.bytes |= UInt32(byte) << (8 * position) }
                entry.byteCount = UInt8(utf8.count)
                entry.scalarCount = UInt8(folded.unicodeScalars.count)
                entry.isPacked = true
            }
            entries.append(entry)
        }
        self.entries = entries
    }

    /// Same as ``Tokenizer/isWordScalar(_:)``.
    @inline(__always)
    func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < FoldTable.limit ? entries[Int(scalar.value)].isWord : Tokenizer.isWordScalar(scalar)
    }

    /// Appends the folded form of `scalar` (``Tokenizer/fold(_:)``) to `buffer`.
    @inline(__always)
    func fold(_ scalar: Unicode.Scalar, into buffer: inout FoldBuffer) {
        let value = scalar.value
        if value < 0x80 {
            buffer.appendASCII(value >= 0x41 && value <= 0x5A ? UInt8(value + 0x20) : UInt8(value))
            return
        }
        if value < FoldTable.limit {
            let entry = entries[Int(value)]
            if entry.isPacked {
                buffer.append(packed: entry.bytes, count: Int(entry.byteCount), scalars: Int(entry.scalarCount))
                return
            }
        }
        buffer.append(Tokenizer.fold(scalar))
    }
}

/// The folded form of the word a tokenizer is reading: UTF-8 bytes and their number of scalars.
struct FoldBuffer {
    private var bytes: [UInt8] = []
    private(set) var scalarCount = 0

    init() { bytes.reserveCapacity(32) }

    var isEmpty: Bool { bytes.isEmpty }
    /// The last byte (the whole last scalar when it is ASCII).
    var lastByte: UInt8? { bytes.last }
    /// The word read so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    mutating func appendASCII(_ byte: UInt8) {
        bytes.append(byte)
        scalarCount += 1
    }

    /// Appends `count` bytes packed first byte lowest, which make `scalars` scalars.
    @inline(__always)
    mutating func append(packed: UInt32, count: Int, scalars: Int) {
        var packed = packed
        for _ in 0..<count {
            bytes.append(UInt8(truncatingIfNeeded: packed))
            packed >>= 8
        }
        scalarCount += scalars
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        scalarCount += text.unicodeScalars.count
    }

    /// Removes the last scalar, which must be ASCII.
    mutating func removeLastASCII() {
        bytes.removeLast()
        scalarCount -= 1
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        scalarCount = 0
    }
}

extension Tokenizer {
    /// The table of the scalars below U+0250, built on first use.
    static let latin = FoldTable()
}

/// What the tokenizer's loop asks of every character, answered from tables for the scalars below
/// U+0250 (Basic Latin, Latin-1, Latin Extended-A and B: nearly every character of French and English
/// prose): whether it belongs to a word, and its folded form as UTF-8 bytes.
///
/// The tables are computed once from ``Tokenizer/isWordScalar(_:)`` and ``Tokenizer/fold(_:)``
/// themselves, so they cannot disagree with them; scalars from U+0250 up are answered by those
/// functions directly. This keeps the loop free of Unicode property lookups, dictionary searches and
/// `String` appends (the tokenizer was ~15 % of a lint run's instructions before).
struct FoldTable: Sendable {
    /// Scalars below this value are in the tables.
    static let limit: UInt32 = 0x250

    /// Indexed by scalar value: whether the scalar is a word character.
    private let word: [Bool]
    /// The folded forms, one after another, as UTF-8.
    private let bytes: [UInt8]
    /// Indexed by scalar value: where its folded form starts in ``bytes`` (one extra entry at the end).
    private let starts: [Int]
    /// Indexed by scalar value: how many scalars its folded form has (0 to 2).
    private let scalarCounts: [UInt8]

    init() {
        var word: [Bool] = []
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var scalarCounts: [UInt8] = []
        for value in 0..<FoldTable.limit {
            // Below U+0250 only the surrogate range is missing, and it starts at U+D800.
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            word.append(Tokenizer.isWordScalar(scalar))
            starts.append(bytes.count)
            let folded = Tokenizer.fold(scalar)
            bytes += Array(folded.utf8)
            scalarCounts.append(UInt8(truncatingIfNeeded: folded.unicodeScalars.count))
        }
        starts.append(bytes.count)
        self.word = word
        self.bytes = bytes
        self.starts = starts
        self.scalarCounts = scalarCounts
    }

    /// Same as ``Tokenizer/isWordScalar(_:)``.
    @inline(__always)
    func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < FoldTable.limit ? word[Int(scalar.value)] : Tokenizer.isWordScalar(scalar)
    }

    /// Appends the folded form of `scalar` (``Tokenizer/fold(_:)``) to `buffer`.
    @inline(__always)
    func fold(_ scalar: Unicode.Scalar, into buffer: inout FoldBuffer) {
        let value = Int(scalar.value)
        if value < 0x80 {
            buffer.appendASCII(value >= 0x41 && value <= 0x5A ? UInt8(value + 0x20) : UInt8(value))
        } else if value < Int(FoldTable.limit) {
            buffer.append(bytes[starts[value]..<starts[value + 1]], scalars: Int(scalarCounts[value]))
        } else {
            let folded = Tokenizer.fold(scalar)
            buffer.append(folded.utf8, scalars: folded.unicodeScalars.count)
        }
    }
}

/// The folded form of the word a tokenizer is reading: UTF-8 bytes and their number of scalars.
struct FoldBuffer {
    private(set) var bytes: [UInt8] = []
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

    mutating func append<Bytes: Collection>(_ more: Bytes, scalars: Int) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: more)
        scalarCount += scalars
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
    /// The tables of the scalars below U+0250, built on first use.
    static let latin = FoldTable()
}

/// Why a compiled bank was refused. Thrown by ``Bank/init(contentsOf:)``, ``Bank/init(bytes:)`` and
/// ``Bank/verify()``; never a trap, whatever the bytes.
public struct BankError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; an extensible set of stable codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The file cannot be opened, read or mapped.
        public static let io = Code("io")
        /// The file is shorter than a header and a trailer.
        public static let truncated = Code("truncated")
        /// The first 8 bytes are not the bank magic (not a bank, or mangled by a text transfer).
        public static let badMagic = Code("bad-magic")
        /// The format's major version is not 1, or the bank needs a newer minor version.
        public static let unsupportedVersion = Code("unsupported-version")
        /// The header's CRC32C or one of its fields is wrong.
        public static let badHeader = Code("bad-header")
        /// The section table or a section lies outside the file, overlaps, is misaligned, has the wrong
        /// record size, or padding is not zero.
        public static let badSectionTable = Code("bad-section-table")
        /// A section the reader needs is absent, or META is too short.
        public static let missingSection = Code("missing-section")
        /// A section flagged "must understand" is unknown to this reader.
        public static let unknownRequiredSection = Code("unknown-required-section")
        /// A checksum (CRC32C of a section, SHA-256 of the file) does not match.
        public static let checksumMismatch = Code("checksum-mismatch")
        /// A record refers outside its target table, a string outside the pool, an index is unsorted…
        public static let badReference = Code("bad-reference")
    }

    public var code: Code
    /// The four-character id of the section concerned, if any.
    public var section: String?
    /// The byte offset in the file, if known.
    public var offset: Int?
    public var message: String

    public init(_ code: Code, section: String? = nil, offset: Int? = nil, _ message: String) {
        self.code = code
        self.section = section
        self.offset = offset
        self.message = message
    }

    public var description: String {
        var prefix = "[\(code)]"
        if let section { prefix += " section \(section)" }
        if let offset { prefix += " at offset \(offset)" }
        return prefix + ": " + message
    }
}

import ItemBankFormat

/// Recomputes the checksums of a damaged or edited bank, for fuzzing and tests: with them fixed, a
/// mutation reaches the structural checks behind the CRCs instead of stopping at the first one.
/// Never use it to "fix" a bank a service received: a bad checksum means the bank must be refused.
public enum ChecksumRepair {
    /// The bytes with every checksum that can be located recomputed: section CRCs (for entries inside the
    /// file), the content digest, the header CRC and the trailer's SHA-256.
    public static func repaired(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let size = bytes.count
        guard size >= BankFormat.headerSize + BankFormat.trailerSize else { return bytes }
        func u32(_ offset: Int) -> Int {
            Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3])
                << 24
        }
        func u64(_ offset: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << UInt64(8 * $1) }
        }
        func put32(_ value: UInt32, _ offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> UInt32(8 * index)) & 0xFF) }
        }
        let trailer = size - BankFormat.trailerSize
        let count = min(
            u32(BankFormat.Header.sectionCount), (trailer - BankFormat.headerSize) / BankFormat.sectionEntrySize)
        for index in 0..<count {
            let entry = BankFormat.headerSize + index * BankFormat.sectionEntrySize
            let offset = u64(entry + BankFormat.SectionEntry.offset)
            let length = u64(entry + BankFormat.SectionEntry.length)
            guard offset <= UInt64(trailer), length <= UInt64(trailer) - offset else { continue }
            let crc = CRC32C.checksum(Array(bytes[Int(offset)..<Int(offset + length)]))
            put32(crc, entry + BankFormat.SectionEntry.crc)
        }
        let content = bytes.withUnsafeBytes {
            SHA256Digest.hash(UnsafeRawBufferPointer(rebasing: $0[BankFormat.headerSize..<trailer]))
        }
        bytes.replaceSubrange(BankFormat.Header.contentDigest..<(BankFormat.Header.contentDigest + 32), with: content)
        put32(CRC32C.checksum(Array(bytes[0..<BankFormat.Header.headerCRC])), BankFormat.Header.headerCRC)
        let whole = bytes.withUnsafeBytes { SHA256Digest.hash(UnsafeRawBufferPointer(rebasing: $0[0..<trailer])) }
        bytes.replaceSubrange(trailer..<(trailer + 32), with: whole)
        return bytes
    }
}

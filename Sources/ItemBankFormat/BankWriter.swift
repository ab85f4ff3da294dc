/// A section of a bank to write: id, payload (unpadded), record size (0: not records), flags.
public struct BankSection: Sendable {
    public var id: SectionID
    public var payload: [UInt8]
    public var recordSize: Int
    public var flags: UInt32

    public init(
        id: SectionID, payload: [UInt8], recordSize: Int, flags: UInt32 = BankFormat.SectionEntry.mustUnderstand
    ) {
        self.id = id
        self.payload = payload
        self.recordSize = recordSize
        self.flags = flags
    }
}

/// The writer's half of the format: lays out a bank's bytes from its sections, and encodes the
/// sections that are computed after compilation (EXPO, IRTX). The reader's half is ItemBankRuntime's
/// `Bank`; both follow ``BankFormat`` and ``Layout`` (docs/bank-format.md).
public enum BankWriter {
    /// Lays out header, section table, sections (8-aligned, zero-padded) and trailer: the bytes of a bank.
    /// Sections are written in the order given.
    public static func assemble(_ sections: [BankSection]) -> [UInt8] {
        var file = ByteWriter()
        let header = file.appendRecord(size: BankFormat.headerSize)
        file.set(bytes: BankFormat.magic, at: header + BankFormat.Header.magic)
        file.set(BankFormat.majorVersion, at: header + BankFormat.Header.majorVersion)
        file.set(BankFormat.minorVersion, at: header + BankFormat.Header.minorVersion)
        file.set(UInt16(0), at: header + BankFormat.Header.minimumReaderMinor)
        file.set(UInt16(BankFormat.headerSize), at: header + BankFormat.Header.headerSize)
        file.set(UInt64(0), at: header + BankFormat.Header.flags)
        file.set(UInt32(sections.count), at: header + BankFormat.Header.sectionCount)
        file.set(UInt32(BankFormat.sectionEntrySize), at: header + BankFormat.Header.sectionEntrySize)
        file.set(UInt64(BankFormat.headerSize), at: header + BankFormat.Header.sectionTableOffset)
        let tableOffset = file.count
        file.zeros(sections.count * BankFormat.sectionEntrySize)
        file.align()
        for (index, section) in sections.enumerated() {
            let offset = file.count
            file.append(bytes: section.payload)
            let entry = tableOffset + index * BankFormat.sectionEntrySize
            file.set(section.id.raw, at: entry + BankFormat.SectionEntry.id)
            file.set(section.flags, at: entry + BankFormat.SectionEntry.flags)
            file.set(UInt64(offset), at: entry + BankFormat.SectionEntry.offset)
            file.set(UInt64(section.payload.count), at: entry + BankFormat.SectionEntry.length)
            file.set(UInt32(section.recordSize), at: entry + BankFormat.SectionEntry.recordSize)
            file.set(CRC32C.checksum(section.payload), at: entry + BankFormat.SectionEntry.crc)
            file.align()
        }
        let trailerOffset = file.count
        file.set(UInt64(trailerOffset + BankFormat.trailerSize), at: BankFormat.Header.fileSize)
        let contentDigest = file.bytes.withUnsafeBytes {
            SHA256Digest.hash(UnsafeRawBufferPointer(rebasing: $0[BankFormat.headerSize..<trailerOffset]))
        }
        file.set(bytes: contentDigest, at: BankFormat.Header.contentDigest)
        let headerCRC = file.bytes.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<BankFormat.Header.headerCRC]))
        }
        file.set(headerCRC, at: BankFormat.Header.headerCRC)
        let fileDigest = file.bytes.withUnsafeBytes { SHA256Digest.hash($0) }
        file.append(bytes: fileDigest)
        file.append(bytes: BankFormat.endMagic)
        return file.bytes
    }

    /// The EXPO payload (docs/bank-format.md): one Sympson–Hetter exposure parameter k (Float64, in
    /// (0, 1]) per item, in bank order (ITEM order). Record size 8.
    public static func exposureParametersPayload(_ parameters: [Double]) -> [UInt8] {
        var writer = ByteWriter()
        for value in parameters { writer.append(value) }
        return writer.bytes
    }

    /// The IRTX payload (docs/bank-format.md §6.19): the head (θ grid `lower`…`upper` in logits with
    /// `points` points, list `depth`, pool size), then, for each grid point, `depth` bank item indices
    /// (ITEM order) by decreasing information. `items` holds the lists, grid point after grid point.
    public static func irtSelectionIndexPayload(
        lower: Double, upper: Double, points: Int, depth: Int, poolSize: Int, items: [UInt32]
    ) -> [UInt8] {
        var writer = ByteWriter()
        let head = writer.appendRecord(size: IRTIndexLayout.headSize)
        writer.set(lower, at: head + IRTIndexLayout.lower)
        writer.set(upper, at: head + IRTIndexLayout.upper)
        writer.set(UInt32(points), at: head + IRTIndexLayout.points)
        writer.set(UInt32(depth), at: head + IRTIndexLayout.depth)
        writer.set(UInt32(poolSize), at: head + IRTIndexLayout.poolSize)
        for item in items { writer.append(item) }
        return writer.bytes
    }
}

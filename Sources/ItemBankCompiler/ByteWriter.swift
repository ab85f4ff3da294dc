import ItemBankFormat

/// A growable little-endian byte buffer.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    mutating func f64(_ value: Double) { u64(value.bitPattern) }

    mutating func append(_ other: [UInt8]) { bytes += other }

    mutating func zeros(_ count: Int) { bytes += repeatElement(0, count: count) }

    /// Pads with zeros to a multiple of `alignment`.
    mutating func align(_ alignment: Int = BankFormat.alignment) {
        let remainder = bytes.count % alignment
        if remainder != 0 { zeros(alignment - remainder) }
    }

    mutating func strRef(_ ref: StrRef) {
        u32(ref.offset)
        u32(ref.length)
    }

    /// Overwrites 4 bytes at `offset`.
    mutating func patch32(_ value: UInt32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8((value >> UInt32(8 * index)) & 0xFF) }
    }

    mutating func patch64(_ value: UInt64, at offset: Int) {
        for index in 0..<8 { bytes[offset + index] = UInt8((value >> UInt64(8 * index)) & 0xFF) }
    }

    mutating func patch(_ values: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<(offset + values.count), with: values)
    }
}

/// A string reference: offset and length in the string pool; offset 0xFFFFFFFF for "no string".
struct StrRef: Equatable {
    var offset: UInt32
    var length: UInt32
    static let none = StrRef(offset: BankFormat.none, length: 0)
}

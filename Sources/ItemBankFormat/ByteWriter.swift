/// A growable little-endian byte buffer: the writer's half of the format, mirroring the reader's
/// bounds-checked loads (ItemBankRuntime reads `storage.u32(record + Layout.Item.skill)`, the compiler
/// writes `writer.set(UInt32(skill), at: record + Layout.Item.skill)`), as swift-nio's `ByteBuffer` pairs
/// `setInteger(_:at:)` with `getInteger(at:)`.
///
/// Records are appended zero-filled (``appendRecord(size:)``) and their fields set at the ``Layout``
/// offsets, so reserved bytes and padding are zero and a field's place is written down once, in
/// ``Layout``. Sequential appends (``append(_:)-5h3hv``, ``align(_:)``) serve the byte streams that are
/// not records (header, string pool, index arrays).
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Number of bytes written.
    public var count: Int { bytes.count }

    // MARK: Appending

    /// Appends `value`, little-endian.
    public mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends the IEEE 754 binary64 bit pattern of `value`, little-endian.
    public mutating func append(_ value: Double) { append(value.bitPattern) }

    /// Appends a string reference (offset, then length).
    public mutating func append(_ reference: StrRef) {
        append(reference.offset)
        append(reference.length)
    }

    /// Appends raw bytes.
    public mutating func append(bytes other: [UInt8]) { bytes += other }

    /// Appends `count` zero bytes.
    public mutating func zeros(_ count: Int) { bytes += repeatElement(0, count: count) }

    /// Pads with zeros to a multiple of `alignment` bytes.
    public mutating func align(_ alignment: Int = BankFormat.alignment) {
        let remainder = bytes.count % alignment
        if remainder != 0 { zeros(alignment - remainder) }
    }

    /// Appends a zero-filled record of `size` bytes and returns its offset: set its fields with
    /// `set(_:at: offset + Layout.X.field)`.
    public mutating func appendRecord(size: Int) -> Int {
        let offset = bytes.count
        zeros(size)
        return offset
    }

    // MARK: Setting at an offset (the mirror of the reader's loads)

    /// Writes `value` little-endian at `offset`, which must lie inside the bytes written so far
    /// (a programming error otherwise: the writer only sets fields of records it appended).
    public mutating func set<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= bytes.count, "set outside the buffer")
        withUnsafeBytes(of: value.littleEndian) { source in
            for index in 0..<source.count { bytes[offset + index] = source[index] }
        }
    }

    /// Writes the bit pattern of `value` at `offset` (a Float64 field).
    public mutating func set(_ value: Double, at offset: Int) { set(value.bitPattern, at: offset) }

    /// Writes a string reference (offset, then length) at `offset` (a StrRef field, 8 bytes).
    public mutating func set(_ reference: StrRef, at offset: Int) {
        set(reference.offset, at: offset)
        set(reference.length, at: offset + 4)
    }

    /// Overwrites `values.count` bytes at `offset`.
    public mutating func set(bytes values: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<(offset + values.count), with: values)
    }

    // MARK: Reading back

    /// Reads a little-endian integer at `offset`; nil when it does not fit in the bytes written.
    public func get<Value: FixedWidthInteger>(at offset: Int, as type: Value.Type = Value.self) -> Value? {
        guard offset >= 0, offset + MemoryLayout<Value>.size <= bytes.count else { return nil }
        var value = Value.zero
        for index in (0..<MemoryLayout<Value>.size).reversed() {
            value = value << 8 | Value(bytes[offset + index])
        }
        return value
    }

    /// Reads a Float64 at `offset`; nil when it does not fit.
    public func get(at offset: Int, as type: Double.Type) -> Double? {
        get(at: offset, as: UInt64.self).map(Double.init(bitPattern:))
    }

    /// Reads a string reference at `offset`; nil when it does not fit.
    public func get(at offset: Int, as type: StrRef.Type) -> StrRef? {
        guard let start = get(at: offset, as: UInt32.self), let length = get(at: offset + 4, as: UInt32.self)
        else { return nil }
        return StrRef(offset: start, length: length)
    }
}

/// A string reference (`StrRef`, 8 bytes): offset and length in the string pool (STRS); offset
/// 0xFFFFFFFF (``BankFormat/none``) for "no string".
public struct StrRef: Hashable, Sendable {
    /// Byte offset in the STRS payload, or ``BankFormat/none``.
    public var offset: UInt32
    /// Length in bytes (UTF-8).
    public var length: UInt32

    public init(offset: UInt32, length: UInt32) {
        self.offset = offset
        self.length = length
    }

    /// No string (an absent optional text).
    public static let none = StrRef(offset: BankFormat.none, length: 0)
}

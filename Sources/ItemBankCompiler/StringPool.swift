import Foundation
import ItemBankFormat

/// The STRS section: UTF-8 bytes of every distinct string (NFC-normalised), in first-use order.
struct StringPool {
    private(set) var bytes: [UInt8] = []
    private var offsets: [BytesKey: StrRef] = [:]

    /// Adds a string (once) and returns its reference. Strings are keyed by their NFC bytes: equal
    /// bytes means canonically equivalent strings, and hashing bytes avoids `String`'s
    /// normalising hash (measured: 8 % of a 100,000-item build).
    mutating func add(_ string: String) -> StrRef {
        let key = BytesKey(StringPool.normalized(string))
        if let existing = offsets[key] { return existing }
        let ref = StrRef(offset: UInt32(bytes.count), length: UInt32(key.string.utf8.count))
        bytes += key.string.utf8
        offsets[key] = ref
        return ref
    }

    /// A conservative NFC quick check: true when every scalar is in a range whose characters are all
    /// NFC_QC=Yes (Unicode UAX #15): below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing
    /// modifiers), U+2002–U+206F (general punctuation, including U+2019 and U+202F; U+2000 and U+2001
    /// are singletons and excluded) and U+20A0–U+20C0 (currency signs). Other strings are normalised.
    /// The NFC form of a string (Foundation only when the quick check cannot tell).
    static func normalized(_ string: String) -> String {
        isKnownNFC(string) ? string : string.precomposedStringWithCanonicalMapping
    }

    static func isKnownNFC(_ string: String) -> Bool {
        string.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x300 || (0x2002..<0x2070).contains(value) || (0x20A0...0x20C0).contains(value)
        }
    }

    mutating func add(_ string: String?) -> StrRef {
        guard let string else { return .none }
        return add(string)
    }
}

/// A string compared and hashed by its UTF-8 bytes (not by canonical equivalence).
struct BytesKey: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: BytesKey, rhs: BytesKey) -> Bool { lhs.string.utf8.elementsEqual(rhs.string.utf8) }

    func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

import Foundation

/// The STRS section: UTF-8 bytes of every distinct string (NFC-normalised), in first-use order.
struct StringPool {
    private(set) var bytes: [UInt8] = []
    private var offsets: [String: StrRef] = [:]

    /// Adds a string (once) and returns its reference.
    mutating func add(_ string: String) -> StrRef {
        let normalized = string.precomposedStringWithCanonicalMapping
        if let existing = offsets[normalized] { return existing }
        let utf8 = Array(normalized.utf8)
        let ref = StrRef(offset: UInt32(bytes.count), length: UInt32(utf8.count))
        bytes += utf8
        offsets[normalized] = ref
        return ref
    }

    mutating func add(_ string: String?) -> StrRef {
        guard let string else { return .none }
        return add(string)
    }
}

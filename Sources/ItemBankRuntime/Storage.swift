#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a bank: a read-only memory mapping of the file, or an owned copy. Immutable.
final class Storage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let unmap: Bool

    /// Maps a file read-only (`mmap(PROT_READ, MAP_PRIVATE)`); pages are read from disk when touched.
    init(mapping path: String) throws(BankError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BankError(.io, "cannot open \(path): \(Storage.errorMessage())") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw BankError(.io, "cannot stat \(path): \(Storage.errorMessage())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw BankError(.io, "\(path) is not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else { throw BankError(.truncated, offset: 0, "\(path) is empty (0 bytes)") }
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw BankError(.io, "cannot map \(path): \(Storage.errorMessage())")
        }
        base = UnsafeRawPointer(pointer)
        count = size
        unmap = true
    }

    /// Copies bytes into an 8-byte-aligned buffer owned by the storage.
    init(copying bytes: [UInt8]) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { source in
            if let address = source.baseAddress { buffer.copyMemory(from: address, byteCount: source.count) }
        }
        base = UnsafeRawPointer(buffer)
        count = bytes.count
        unmap = false
    }

    deinit {
        if unmap {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    // Bounds-checked little-endian reads: out of range reads give 0 (verify() reports the cause).
    @inline(__always) func u8(_ offset: Int) -> UInt8 {
        guard offset >= 0, offset < count else { return 0 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inline(__always) func u16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset <= count - 2 else { return 0 }
        return UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always) func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset <= count - 4 else { return 0 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) func u64(_ offset: Int) -> UInt64 {
        guard offset >= 0, offset <= count - 8 else { return 0 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) func f64(_ offset: Int) -> Double { Double(bitPattern: u64(offset)) }

    static func errorMessage() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: UnsafePointer(message))
    }
}

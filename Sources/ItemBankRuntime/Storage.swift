#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a bank: a private copy read from the file (the default), a read-only memory mapping of
/// the file (``Bank/OpenOptions/memoryMapped``), or an owned copy of caller bytes. Immutable.
final class Storage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let unmap: Bool

    /// Reads the whole file into an 8-byte-aligned buffer owned by the storage. Later changes to the
    /// file (truncation, rewriting in place) cannot affect these bytes.
    init(reading path: String) throws(BankError) {
        let (descriptor, size) = try Storage.openRegularFile(path)
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        var filled = 0
        while filled < size {
            let got = read(descriptor, buffer + filled, size - filled)
            if got < 0 {
                if errno == EINTR { continue }
                let message = Storage.errorMessage()
                buffer.deallocate()
                throw BankError(.io, "cannot read \(path): \(message)")
            }
            if got == 0 { break }  // the file shrank since fstat: the open checks see a short file
            filled += got
        }
        base = UnsafeRawPointer(buffer)
        count = filled
        unmap = false
    }

    /// Maps a file read-only (`mmap(PROT_READ, MAP_PRIVATE)`); pages are read from disk when touched.
    /// A page touched after the file was truncated raises SIGBUS: only for files replaced by rename.
    init(mapping path: String) throws(BankError) {
        let (descriptor, size) = try Storage.openRegularFile(path)
        defer { close(descriptor) }
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

    /// Opens `path` read-only and checks that it is a non-empty regular file; returns the descriptor
    /// (to be closed by the caller) and the size in bytes.
    private static func openRegularFile(_ path: String) throws(BankError) -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BankError(.io, "cannot open \(path): \(Storage.errorMessage())") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let message = Storage.errorMessage()
            close(descriptor)
            throw BankError(.io, "cannot stat \(path): \(message)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw BankError(.io, "\(path) is not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            close(descriptor)
            throw BankError(.truncated, offset: 0, "\(path) is empty (0 bytes)")
        }
        return (descriptor, size)
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

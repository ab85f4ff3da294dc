import Foundation
import ItemBankSystem

/// An error writing the compiled bank to disk.
public struct BankWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file atomically (``AtomicFile``, ItemBankSystem: temporary file in the target's folder,
/// fsync, rename, fsync of the folder). A crash or a kill at any point leaves either the old file or the
/// new one, never a partial file. An existing target that is not a regular file (folder, symbolic link,
/// device, pipe) is never replaced.
public enum BankFileWriter {
    /// - Throws: ``BankWriteError`` naming the path and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkTarget(path)
        do {
            try AtomicFile.write(bytes, to: path, permissions: 0o644)
        } catch {
            throw BankWriteError(path: path, reason: error.reason)
        }
    }
}

extension BankFileWriter {
    /// Checks, before any work, that `path` can be written: its folder exists and is writable, and the
    /// path is not an existing folder, symbolic link, device or pipe (never replaced). Lets a command
    /// refuse a bad output path before a long run rather than after.
    /// - Throws: ``BankWriteError`` saying what is wrong with the path.
    public static func checkTarget(_ path: String) throws {
        guard !path.isEmpty else { throw BankWriteError(path: path, reason: "the path is empty") }
        var existing = stat()
        if lstat(path, &existing) == 0 && (existing.st_mode & S_IFMT) != S_IFREG {
            let kind: String
            switch existing.st_mode & S_IFMT {
            case S_IFDIR: kind = "a folder"
            case S_IFLNK: kind = "a symbolic link"
            case S_IFCHR, S_IFBLK: kind = "a device"
            case S_IFIFO: kind = "a named pipe"
            default: kind = "not a regular file"
            }
            throw BankWriteError(
                path: path, reason: "it is \(kind); refusing to replace it (give the path of a regular file)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var folderStatus = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderStatus) == 0,
            (folderStatus.st_mode & S_IFMT) == S_IFDIR
        else {
            throw BankWriteError(path: path, reason: "its folder \(folder) does not exist")
        }
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw BankWriteError(path: path, reason: "its folder \(folder) is not writable")
        }
    }
}

/// The message of the current `errno`.
func systemErrorMessage() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: UnsafePointer(message))
}

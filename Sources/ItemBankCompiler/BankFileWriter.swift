import Foundation

/// An error writing the compiled bank to disk.
public struct BankWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file atomically: a temporary file in the target's folder (so the rename stays on one file
/// system), written in full, fsynced, renamed over the target, then the folder fsynced. A crash or a
/// kill at any point leaves either the old file or the new one, never a partial file; a failure
/// removes the temporary file. An existing target that is not a regular file (folder, symbolic link,
/// device, pipe) is never replaced.
public enum BankFileWriter {
    /// - Throws: ``BankWriteError`` naming the path and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkTarget(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        removeStaleTemporaryFiles(of: url.lastPathComponent, in: folder)
        // The writer's pid is in the name, so that a later write can recognise the leftovers of a
        // writer that was killed (SIGKILL runs no cleanup) and remove them.
        var template = Array((folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw BankWriteError(path: path, reason: systemErrorMessage()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            while written < buffer.count {
                let result = Foundation.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return systemErrorMessage()
                }
                written += result
            }
            return nil
        }
        if let failure {
            close(descriptor)
            throw BankWriteError(path: path, reason: failure)
        }
        fchmod(descriptor, 0o644)
        guard fsync(descriptor) == 0 else {
            let reason = systemErrorMessage()
            close(descriptor)
            throw BankWriteError(path: path, reason: reason)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            throw BankWriteError(path: path, reason: systemErrorMessage())
        }
        succeeded = true
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
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

    /// Removes `.<name>.tmp-<pid>-XXXXXX` files of `folder` whose writing process no longer exists
    /// (a build killed with SIGKILL). Temporary files of running writers are left alone.
    static func removeStaleTemporaryFiles(of name: String, in folder: String) {
        let prefix = "." + name + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
            return
        }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }), pid > 0 else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((folder.isEmpty ? "." : folder) + "/" + entry)
            }
        }
    }
}

/// The message of the current `errno`.
func systemErrorMessage() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: UnsafePointer(message))
}

import Foundation

/// Why ``AtomicFile/write(_:to:permissions:)`` failed: the system's reason, lower-case prose.
public struct AtomicFileError: Error, CustomStringConvertible, Sendable {
    /// What failed and why (`cannot create a temporary file: permission denied`).
    public var reason: String
    public var description: String { reason }
}

/// The project's one atomic file writer (compiled banks, baselines, reports, journey files and
/// `lint --fix`): a temporary file in the target's folder (so the rename stays on one file system),
/// written in full, given its permissions, fsynced, renamed over the target, then the folder fsynced.
/// A crash or a kill at any point leaves either the old file or the new one, never a partial file; a
/// failure removes the temporary file. The temporary file's name holds the writer's pid, so that a later
/// write removes the leftovers of a writer that was killed (SIGKILL runs no cleanup).
///
/// The target path is replaced as given: callers decide what may be replaced (a compiled bank never
/// replaces a symbolic link; `lint --fix` resolves one and rewrites its target).
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically, with `permissions` (mode bits, `0o644` for a new file).
    /// - Throws: ``AtomicFileError`` with the system's reason.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(AtomicFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        removeStaleTemporaryFiles(of: url.lastPathComponent, in: folder)
        var template = Array((folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw AtomicFileError(reason: "cannot create a temporary file: \(systemErrorMessage())")
        }
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
            throw AtomicFileError(reason: "cannot write: \(failure)")
        }
        fchmod(descriptor, permissions & 0o7777)
        guard fsync(descriptor) == 0 else {
            let reason = systemErrorMessage()
            close(descriptor)
            throw AtomicFileError(reason: "cannot write: \(reason)")
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            throw AtomicFileError(reason: "cannot replace: \(systemErrorMessage())")
        }
        succeeded = true
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Removes `.<name>.tmp-<pid>-XXXXXX` files of `folder` whose writing process no longer exists.
    /// Temporary files of running writers are left alone.
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

    /// The message of the current `errno`, lower-case.
    static func systemErrorMessage() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: UnsafePointer(message)).lowercased()
    }
}

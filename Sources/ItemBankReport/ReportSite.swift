import Foundation

/// A generated static site: files by path relative to its folder (`index.html`, `items/x.html`), with
/// their bytes. Paths use `/`; the same bank gives the same files and bytes.
public struct ReportSite: Sendable {
    /// File contents by relative path.
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]] = [:]) {
        self.files = files
    }

    /// Total size of the files in bytes.
    public var byteCount: Int { files.values.reduce(0) { $0 + $1.count } }

    /// The name of the marker file that says a folder was written by `itembank report` (so that writing
    /// again may replace it, and nothing else is ever replaced).
    public static let marker = ".itembank-report"
}

/// Why a report could not be made or written.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong and what to do, naming the file or folder.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Writes a ``ReportSite`` atomically: into a new folder next to the target, then renamed into place (a
/// previous report is first moved aside, then removed). A failed or killed run leaves the previous site
/// whole. An existing target is replaced only when it is a folder
/// holding ``ReportSite/marker`` (a previous report) or an empty folder; a file, a link or any other
/// folder is refused.
public enum ReportSiteWriter {
    /// - Throws: ``ReportError`` naming the folder and the system's reason.
    public static func write(_ site: ReportSite, to folder: String) throws(ReportError) {
        let target = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var targetExists = false
        if let attributes = try? manager.attributesOfItem(atPath: target) {
            let type = attributes[.type] as? FileAttributeType
            guard type == .typeDirectory else {
                throw ReportError("\(target) exists and is not a folder: give -o a new folder or a previous report")
            }
            targetExists = true
            let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? []
            guard contents.isEmpty || manager.fileExists(atPath: target + "/" + ReportSite.marker) else {
                throw ReportError(
                    "\(target) is a folder that no itembank report wrote: give -o a new or empty folder, "
                        + "or remove it first")
            }
        }
        let parent =
            (target as NSString).deletingLastPathComponent.isEmpty
            ? "." : (target as NSString).deletingLastPathComponent
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError("\(parent): no such folder (create it, or give -o a path in an existing folder)")
        }
        var template = Array((parent + "/.\((target as NSString).lastPathComponent).tmp-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ReportError("cannot create a folder in \(parent): \(String(cString: strerror(errno)))")
        }
        let temporary = String(cString: made)
        do {
            try writeFiles(site, into: temporary)
            chmod(temporary, 0o755)
            if targetExists {
                // Two renames: the previous site moves aside, the new one into place, then the previous one
                // is removed. Between the two, the previous site is whole under its temporary name.
                var asideTemplate = Array(
                    (parent + "/.\((target as NSString).lastPathComponent).old-XXXXXX").utf8CString)
                guard let asideMade = mkdtemp(&asideTemplate) else {
                    throw ReportError("cannot create a folder in \(parent): \(String(cString: strerror(errno)))")
                }
                let aside = String(cString: asideMade)
                guard rename(target, aside) == 0 else {
                    rmdir(aside)
                    throw ReportError("cannot replace \(target): \(String(cString: strerror(errno)))")
                }
                guard rename(temporary, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    rename(aside, target)
                    throw ReportError("cannot write \(target): \(reason)")
                }
                try? manager.removeItem(atPath: aside)
            } else if rename(temporary, target) != 0 {
                throw ReportError("cannot write \(target): \(String(cString: strerror(errno)))")
            }
            try flush(parent)
        } catch let error as ReportError {
            try? manager.removeItem(atPath: temporary)
            throw error
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw ReportError("cannot write \(target): \(error)")
        }
    }

    /// Writes the files: folders first (in path order), then the files in parallel, in chunks of
    /// consecutive paths (a site is thousands of small files: the system calls, not the bytes, are the
    /// cost). On failure, the error of the first failing path in path order is thrown.
    private static func writeFiles(_ site: ReportSite, into root: String) throws(ReportError) {
        let paths = site.files.keys.sorted()
        var folders: Set<String> = []
        for path in paths {
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw ReportError("refusing to write \(path) outside the report folder")
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !folders.contains(folder) {
                do {
                    try FileManager.default.createDirectory(
                        atPath: root + "/" + folder, withIntermediateDirectories: true)
                } catch {
                    throw ReportError("cannot create \(root)/\(folder): \(error.localizedDescription)")
                }
                folders.insert(folder)
            }
        }
        let chunkSize = 128
        let chunks = (paths.count + chunkSize - 1) / chunkSize
        let failures = FailureList(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for path in paths[(chunk * chunkSize)..<min(paths.count, (chunk + 1) * chunkSize)] {
                do throws(ReportError) {
                    try writeFile(site.files[path] ?? [], to: root + "/" + path)
                } catch {
                    failures.set(chunk, error)
                    return
                }
            }
        }
        if let failure = failures.first { throw failure }
        let marker = root + "/" + ReportSite.marker
        guard FileManager.default.createFile(atPath: marker, contents: Data("itembank report\n".utf8)) else {
            throw ReportError("cannot write \(marker)")
        }
    }

    /// Writes one new file (created or truncated, mode 0644).
    private static func writeFile(_ bytes: [UInt8], to full: String) throws(ReportError) {
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw ReportError("cannot write \(full): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Foundation.write(descriptor, base + written, bytes.count - written)
            }
            guard result > 0 else {
                throw ReportError("cannot write \(full): \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }

    /// Flushes a folder's entries (the rename) to disk with `fsync` on the folder. The files themselves
    /// are not flushed one by one: a site is thousands of files, and `sync` would flush every other
    /// process's writes too. A power loss just after the report can lose the new site; the rename keeps
    /// what is visible whole.
    private static func flush(_ path: String) throws(ReportError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw ReportError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw ReportError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}

/// The first error of each chunk of a parallel write, set from the worker threads.
private final class FailureList: @unchecked Sendable {
    private var errors: [ReportError?]
    private let lock = NSLock()

    init(count: Int) {
        errors = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ error: ReportError) {
        lock.lock()
        errors[index] = error
        lock.unlock()
    }

    /// The error of the first chunk that failed.
    var first: ReportError? {
        lock.lock()
        defer { lock.unlock() }
        return errors.lazy.compactMap { $0 }.first
    }
}

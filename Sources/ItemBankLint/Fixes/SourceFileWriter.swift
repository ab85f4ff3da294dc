import Foundation
import ItemBankSystem

/// Rewrites a source file in place for `itembank lint --fix` with ``AtomicFile`` (ItemBankSystem): a
/// temporary file in the same folder, written in full with the original's permissions, fsynced, then
/// renamed over the original, so that an interrupted fix leaves the old file or the new one, never a
/// partial one. A symbolic link is
/// followed: its target is rewritten, the link stays.
enum SourceFileWriter {
    /// - Throws: ``FixError`` with the system's reason.
    static func replace(_ path: String, with bytes: [UInt8]) throws(FixError) {
        guard let resolved = realpath(path, nil) else {
            throw FixError(path: path, reason: "cannot resolve the path: \(reason())")
        }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw FixError(path: path, reason: "not a regular file")
        }
        do {
            try AtomicFile.write(bytes, to: target, permissions: info.st_mode & 0o7777)
        } catch {
            throw FixError(path: path, reason: error.reason)
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}

extension FixPlan.FileFixes {
    /// Reads the file, applies the edits and replaces it atomically.
    /// - Throws: ``FixError`` when the file cannot be read or written, or changed since it was linted.
    public func applyInPlace() throws(FixError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixError(path: path, reason: "cannot read the file")
        }
        let fixed = try apply(to: [UInt8](data))
        try SourceFileWriter.replace(path, with: fixed)
    }

    /// The unified diff of the fixes, the file read from disk; `label` is the path shown. With
    /// `showingInvisibles` (for a terminal), the changed lines write invisible characters as `<U+202F>`
    /// (``UnifiedDiff/showingInvisibles(_:)``); the diff then no longer applies as a patch.
    /// - Throws: ``FixError`` when the file cannot be read or changed since it was linted.
    public func diff(label: String, showingInvisibles: Bool = false) throws(FixError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixError(path: path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        _ = try apply(to: bytes)
        let diff = UnifiedDiff.render(label: label, original: bytes, edits: edits)
        return showingInvisibles ? UnifiedDiff.showingInvisibles(diff) : diff
    }
}

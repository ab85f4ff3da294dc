import ItemBankModel

/// The fix-its of a lint report, file by file, ready to apply: `itembank lint --fix`.
///
/// Fix-its are taken in diagnostic order (path, line, column); a fix-it whose edits overlap an edit
/// already taken is left for the next pass (the caller lints again after applying). A fix-it's edits
/// are applied together or not at all.
public struct FixPlan: Sendable {
    /// One file's accepted edits, sorted by offset, and how many diagnostics they fix.
    public struct FileFixes: Sendable {
        public var path: String
        public var edits: [FixIt.Edit]
        public var fixCount: Int
    }

    /// Files with at least one fix, sorted by path.
    public var files: [FileFixes]

    /// The number of diagnostics fixed.
    public var fixCount: Int { files.reduce(0) { $0 + $1.fixCount } }

    public init(diagnostics: [Diagnostic]) {
        var byPath: [String: FileFixes] = [:]
        for diagnostic in diagnostics.sorted() {
            guard let fix = diagnostic.fixIts.first else { continue }
            let path = diagnostic.location.path
            var file = byPath[path] ?? FileFixes(path: path, edits: [], fixCount: 0)
            guard !fix.edits.contains(where: { edit in file.edits.contains { FixPlan.overlap($0, edit) } }) else {
                continue
            }
            file.edits = (file.edits + fix.edits).sorted()
            file.fixCount += 1
            byPath[path] = file
        }
        files = byPath.values.sorted { $0.path < $1.path }
    }

    /// Whether two edits touch the same bytes (two insertions at one offset conflict too).
    static func overlap(_ a: FixIt.Edit, _ b: FixIt.Edit) -> Bool {
        if a.offset == b.offset { return true }
        let (first, second) = a.offset < b.offset ? (a, b) : (b, a)
        return second.offset < first.offset + first.length
    }
}

/// Why a file's fixes were not applied.
public struct FixError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

extension FixPlan.FileFixes {
    /// The file's bytes with the edits applied.
    /// - Throws: ``FixError`` when the bytes an edit replaces are not the ones it expects (the file
    ///   changed since it was linted): nothing is changed then.
    public func apply(to bytes: [UInt8]) throws(FixError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.count * 4)
        var cursor = 0
        for edit in edits {
            let end = edit.offset + edit.length
            guard edit.offset >= cursor, end <= bytes.count,
                Array(bytes[edit.offset..<end]) == Array(edit.original.utf8)
            else {
                throw FixError(path: path, reason: "the file changed since it was linted; it was left as it is")
            }
            out += bytes[cursor..<edit.offset]
            out += Array(edit.replacement.utf8)
            cursor = end
        }
        out += bytes[cursor...]
        return out
    }
}

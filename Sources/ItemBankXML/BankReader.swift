import Foundation
import ItemBankModel

/// An error that stops reading a bank before any file is checked: no manifest, unreadable folder.
/// The command-line tool exits with status 2 on it.
public struct BankReadError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// What reading a bank folder gives: the sources that decoded and every diagnostic met on the way.
public struct BankReadResult: Sendable {
    /// nil when the manifest itself is not valid.
    public var sources: BankSources?
    /// Diagnostics of the reading stage (files, XML, schemas), unsorted.
    public var diagnostics: [Diagnostic]
    /// Number of item files read (valid or not).
    public var itemFileCount: Int

    public init(sources: BankSources?, diagnostics: [Diagnostic], itemFileCount: Int) {
        self.sources = sources
        self.diagnostics = diagnostics
        self.itemFileCount = itemFileCount
    }
}

/// Reads a bank folder: `bank.xml`, its framework, every `*.xml` under its item folders (recursively,
/// in parallel on all cores), and the list of media files.
public struct BankReader: Sendable {
    public let reader: DocumentReader

    public init(schemas: SchemaSet) {
        self.reader = DocumentReader(schemas: schemas)
    }

    /// - Parameter root: the bank folder, as the user wrote it (paths in diagnostics start with it).
    /// - Throws: ``BankReadError`` when `root/bank.xml` does not exist or cannot be read.
    public func read(root: String) throws -> BankReadResult {
        let root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        let manifestPath = join(root, "bank.xml")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BankReadError(path: root, reason: "not a bank folder (expected a folder containing bank.xml)")
        }
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw BankReadError(path: manifestPath, reason: "no bank manifest (bank.xml) in this folder")
        }
        let (manifestBytes, manifestError) = reader.readFile(manifestPath)
        guard let manifestBytes else {
            throw BankReadError(path: manifestPath, reason: manifestError?.message ?? "cannot read the file")
        }
        var diagnostics: [Diagnostic] = []
        let (decodedManifest, manifestDiagnostics) = reader.manifest(bytes: manifestBytes, path: manifestPath)
        diagnostics += manifestDiagnostics
        guard let manifest = decodedManifest else {
            return BankReadResult(sources: nil, diagnostics: diagnostics, itemFileCount: 0)
        }

        var framework: Framework?
        let frameworkPath = join(root, manifest.frameworkPath)
        let (frameworkBytes, frameworkError) = reader.readFile(frameworkPath)
        if let frameworkError {
            diagnostics.append(
                XMLRules.unreadable.diagnostic(
                    at: manifest.frameworkLocation,
                    message: "framework file \(manifest.frameworkPath) cannot be read: \(frameworkError.message)",
                    help: "fix <framework src=\"…\"/> or add the file"))
        }
        if let frameworkBytes {
            let (decoded, frameworkDiagnostics) = reader.framework(bytes: frameworkBytes, path: frameworkPath)
            framework = decoded
            diagnostics += frameworkDiagnostics
        }

        // Item files of every items folder, each read once even when folders overlap.
        var itemFiles: [String] = []
        var seen: [String: String] = [:]  // real path -> items folder that listed it first
        var reportedOverlaps: Set<String> = []
        for (index, folder) in manifest.itemPaths.enumerated() {
            let location = index < manifest.itemLocations.count ? manifest.itemLocations[index] : manifest.location
            let folderPath = join(root, folder)
            guard FileWalker.realPath(folderPath) != nil else {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: location, message: "items folder \(folder) does not exist",
                        help: "create the folder, or fix <items src=\"…\"/>"))
                continue
            }
            let (files, walkDiagnostics) = FileWalker.xmlFiles(under: folderPath)
            diagnostics += walkDiagnostics
            for file in files {
                let real = FileWalker.realPath(file) ?? file
                if let first = seen[real] {
                    if first != folder, reportedOverlaps.insert(first + "|" + folder).inserted {
                        diagnostics.append(
                            XMLRules.unreadable.diagnostic(
                                at: location,
                                message: "items folder \(folder) overlaps \(first): their common files are read once",
                                help: "list each items folder once"
                            ).with(severity: .warning))
                    }
                    continue
                }
                seen[real] = folder
                itemFiles.append(file)
            }
        }
        itemFiles.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        let results = readItems(itemFiles)
        var items: [Item] = []
        for (item, itemDiagnostics) in results {
            if let item { items.append(item) }
            diagnostics += itemDiagnostics
        }

        var mediaFiles: Set<String> = []
        if let media = manifest.mediaPath {
            let mediaRoot = join(root, media)
            if FileWalker.realPath(mediaRoot) == nil {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: manifest.mediaLocation ?? manifest.location,
                        message: "media folder \(media) does not exist",
                        help: "create the folder, or fix <media src=\"…\"/>"))
            } else {
                let (files, walkDiagnostics) = FileWalker.files(under: mediaRoot)
                diagnostics += walkDiagnostics
                mediaFiles = Set(files.map { String($0.dropFirst(mediaRoot.count + 1)) })
            }
        }
        let sources = BankSources(
            manifest: manifest, framework: framework, items: items, mediaFiles: mediaFiles, root: root)
        return BankReadResult(sources: sources, diagnostics: diagnostics, itemFileCount: itemFiles.count)
    }

    /// Reads item files in parallel; results are in the order of `paths`.
    private func readItems(_ paths: [String]) -> [(Item?, [Diagnostic])] {
        let reader = self.reader
        return .concurrentMap(count: paths.count) { index in
            let path = paths[index]
            let (bytes, error) = reader.readFile(path)
            guard let bytes else { return (nil, error.map { [$0] } ?? []) }
            return reader.item(bytes: bytes, path: path)
        }
    }

    private func join(_ root: String, _ relative: String) -> String {
        root.isEmpty || root == "." ? relative : root + "/" + relative
    }
}

/// Walks folders: sorted, hidden entries skipped, symbolic links followed only inside the walked folder,
/// loops detected; everything it cannot read is reported.
enum FileWalker {
    /// `.xml` files under `folder`, recursively; other regular files give `xml.stray-file` warnings.
    static func xmlFiles(under folder: String) -> ([String], [Diagnostic]) {
        let (all, diagnostics) = files(under: folder)
        var xml: [String] = []
        var result = diagnostics
        for path in all {
            if path.hasSuffix(".xml") {
                xml.append(path)
            } else {
                let hint = path.lowercased().hasSuffix(".xml") ? "rename it with a lower-case .xml extension" : nil
                result.append(
                    XMLRules.strayFile.diagnostic(
                        at: SourceLocation(path: path), message: "not an .xml file: it is not read as an item",
                        help: hint
                            ?? "move media files to the bank's media folder, or rename the item with the .xml extension"
                    ))
            }
        }
        return (xml, result)
    }

    /// Every regular file under `folder`, recursively, skipping hidden entries (names starting with '.').
    /// Symbolic links whose target is outside `folder` are reported, not followed.
    static func files(under folder: String) -> ([String], [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = []
        let boundary = realPath(folder) ?? folder
        walk(folder, boundary: boundary, files: &files, diagnostics: &diagnostics, visited: &visited)
        return (files, diagnostics)
    }

    private static func walk(
        _ folder: String, boundary: String, files: inout [String], diagnostics: inout [Diagnostic],
        visited: inout Set<String>
    ) {
        guard let real = realPath(folder) else {
            diagnostics.append(
                XMLRules.unreadable.diagnostic(at: SourceLocation(path: folder), message: "no such folder"))
            return
        }
        guard visited.insert(real).inserted else {
            diagnostics.append(
                XMLRules.unreadable.diagnostic(
                    at: SourceLocation(path: folder),
                    message: "symbolic-link loop: this folder was already read as \(real)"))
            return
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder).sorted {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
        } catch {
            diagnostics.append(
                XMLRules.unreadable.diagnostic(
                    at: SourceLocation(path: folder), message: "cannot list the folder: \(systemReason(folder))"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let target = realPath(path) else {
                let reason =
                    isSymbolicLink(path)
                    ? (errno == ELOOP ? "symbolic-link loop" : "broken symbolic link") : systemReason(path)
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(at: SourceLocation(path: path), message: "cannot read: \(reason)"))
                continue
            }
            guard target == boundary || target.hasPrefix(boundary + "/") else {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path),
                        message: "symbolic link to \(target) leaves the folder \(boundary): not read",
                        help: "copy the file here instead of linking to it"))
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                walk(path, boundary: boundary, files: &files, diagnostics: &diagnostics, visited: &visited)
            } else {
                files.append(path)
            }
        }
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    static func systemReason(_ path: String) -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: UnsafePointer(message)).lowercased()
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

import Foundation
import ItemBankModel
import ItemBankSystem

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
    /// Inline suppressions found in the item files.
    public var suppressions: [Suppression]

    public init(sources: BankSources?, diagnostics: [Diagnostic], itemFileCount: Int, suppressions: [Suppression] = [])
    {
        self.sources = sources
        self.diagnostics = diagnostics
        self.itemFileCount = itemFileCount
        self.suppressions = suppressions
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

        // Inline suppressions work in the manifest and the framework too.
        var fileSuppressions = SuppressionScanner.scan(manifestBytes, path: manifestPath)
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
            fileSuppressions += SuppressionScanner.scan(frameworkBytes, path: frameworkPath)
        }

        // Item files of every items folder, each read once even when folders overlap.
        var itemFiles: [String] = []
        var seen: [String: String] = [:]  // real path -> items folder that listed it first
        var reportedOverlaps: Set<String> = []
        for (index, folder) in manifest.itemPaths.enumerated() {
            let location = index < manifest.itemLocations.count ? manifest.itemLocations[index] : manifest.location
            let folderPath = join(root, folder)
            guard let realFolder = FileWalker.realPath(folderPath) else {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: location, message: "items folder \(folder) does not exist",
                        help: "create the folder, or fix <items src=\"…\"/>"))
                continue
            }
            // The rule of symbolic links inside an items folder, one level up: the folder itself must
            // stay inside the bank folder (the schema already refuses `..` in src; a link can still leave).
            if let boundary = FileWalker.realPath(root.isEmpty ? "." : root),
                realFolder != boundary, !realFolder.hasPrefix(boundary == "/" ? "/" : boundary + "/")
            {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: location,
                        message:
                            "items folder \(folder) is \(realFolder), which leaves the bank folder \(boundary): not read",
                        help: "move or copy the items into the bank folder and give that folder in <items src=\"…\"/>"))
                continue
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folderPath, isDirectory: &isFolder), !isFolder.boolValue {
                let manifest = realFolder == FileWalker.realPath(manifestPath)
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: location,
                        message: manifest
                            ? "items folder \(folder) is the bank manifest itself, not a folder of items"
                            : "items folder \(folder) is a file, not a folder",
                        help: "give the folder that holds the item files, for example <items src=\"items\"/>"))
                continue
            }
            let (files, walkDiagnostics) = FileWalker.xmlFiles(under: folderPath)
            diagnostics += walkDiagnostics
            for file in files {
                let real = file.canonical
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
                itemFiles.append(file.path)
            }
        }
        itemFiles.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        let results = readItems(itemFiles)
        var items: [Item] = []
        var suppressions: [Suppression] = fileSuppressions
        for (item, itemDiagnostics, itemSuppressions) in results {
            if let item { items.append(item) }
            diagnostics += itemDiagnostics
            suppressions += itemSuppressions
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
                mediaFiles = Set(files.map { String($0.path.dropFirst(mediaRoot.count + 1)) })
            }
        }
        let sources = BankSources(
            manifest: manifest, framework: framework, items: items, mediaFiles: mediaFiles, root: root)
        return BankReadResult(
            sources: sources, diagnostics: diagnostics, itemFileCount: itemFiles.count, suppressions: suppressions)
    }

    /// Reads item files in parallel; results are in the order of `paths`.
    private func readItems(_ paths: [String]) -> [(Item?, [Diagnostic], [Suppression])] {
        let reader = self.reader
        return parallelMap(count: paths.count) { index in
            let path = paths[index]
            let (bytes, error) = reader.readFile(path)
            guard let bytes else { return (nil, error.map { [$0] } ?? [], []) }
            let (item, diagnostics) = reader.item(bytes: bytes, path: path)
            return (item, diagnostics, SuppressionScanner.scan(bytes, path: path))
        }
    }

    private func join(_ root: String, _ relative: String) -> String {
        root.isEmpty || root == "." ? relative : root + "/" + relative
    }
}

/// Walks folders: sorted, hidden entries skipped, symbolic links followed only inside the walked folder,
/// loops detected; everything it cannot read is reported. Only symbolic links cost a `realpath`.
enum FileWalker {
    /// A file found: the path to open (under the walked folder), and its canonical path (links resolved).
    struct Found {
        var path: String
        var canonical: String
    }

    /// `.xml` files under `folder`, recursively; other regular files give `xml.stray-file` warnings.
    static func xmlFiles(under folder: String) -> ([Found], [Diagnostic]) {
        let (all, diagnostics) = files(under: folder)
        var xml: [Found] = []
        var result = diagnostics
        for file in all {
            if file.path.hasSuffix(".xml") {
                xml.append(file)
            } else {
                let hint = file.path.lowercased().hasSuffix(".xml") ? "rename it with a lower-case .xml extension" : nil
                result.append(
                    XMLRules.strayFile.diagnostic(
                        at: SourceLocation(path: file.path), message: "not an .xml file: it is not read as an item",
                        help: hint
                            ?? "move media files to the bank's media folder, or rename the item with the .xml extension"
                    ))
            }
        }
        return (xml, result)
    }

    /// Every regular file under `folder`, recursively, skipping hidden entries (names starting with '.').
    /// Symbolic links whose target is outside `folder` are reported, not followed.
    static func files(under folder: String) -> ([Found], [Diagnostic]) {
        var files: [Found] = []
        var diagnostics: [Diagnostic] = []
        guard let boundary = realPath(folder) else {
            return ([], [XMLRules.unreadable.diagnostic(at: SourceLocation(path: folder), message: "no such folder")])
        }
        var visited: Set<String> = [boundary]
        walk(
            folder, canonical: boundary, boundary: boundary, files: &files, diagnostics: &diagnostics, visited: &visited
        )
        return (files, diagnostics)
    }

    private static func walk(
        _ folder: String, canonical: String, boundary: String, files: inout [Found], diagnostics: inout [Diagnostic],
        visited: inout Set<String>
    ) {
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
            var info = stat()
            guard lstat(path, &info) == 0 else {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path), message: "cannot read: \(systemReason(path))"))
                continue
            }
            var kind = info.st_mode & S_IFMT
            var target = canonical + "/" + name
            if kind == S_IFLNK {
                guard let resolved = realPath(path) else {
                    let reason = errno == ELOOP ? "symbolic-link loop" : "broken symbolic link"
                    diagnostics.append(
                        XMLRules.unreadable.diagnostic(
                            at: SourceLocation(path: path), message: "cannot read: \(reason)"))
                    continue
                }
                guard resolved == boundary || resolved.hasPrefix(boundary + "/") else {
                    diagnostics.append(
                        XMLRules.unreadable.diagnostic(
                            at: SourceLocation(path: path),
                            message: "symbolic link to \(resolved) leaves the folder \(boundary): not read",
                            help: "copy the file here instead of linking to it"))
                    continue
                }
                target = resolved
                guard stat(path, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
            }
            switch kind {
            case S_IFDIR where name.hasSuffix(".xml"):
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path),
                        message: "expected an item file, found a folder named like one: not read",
                        help: "rename the folder (folders of items are named after competences, e.g. 1.1)"))
            case S_IFDIR:
                guard visited.insert(target).inserted else {
                    diagnostics.append(
                        XMLRules.unreadable.diagnostic(
                            at: SourceLocation(path: path),
                            message: "symbolic-link loop: this folder was already read as \(target)"))
                    continue
                }
                walk(
                    path, canonical: target, boundary: boundary, files: &files, diagnostics: &diagnostics,
                    visited: &visited)
            case S_IFREG:
                files.append(Found(path: path, canonical: target))
            default:
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path), message: "not a regular file (device, pipe or socket): not read"
                    ))
            }
        }
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

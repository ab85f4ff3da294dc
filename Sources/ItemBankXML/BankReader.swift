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
        if let frameworkError { diagnostics.append(frameworkError) }
        if let frameworkBytes {
            let (decoded, frameworkDiagnostics) = reader.framework(bytes: frameworkBytes, path: frameworkPath)
            framework = decoded
            diagnostics += frameworkDiagnostics
        }

        var itemFiles: [String] = []
        for folder in manifest.itemPaths {
            let (files, walkDiagnostics) = FileWalker.xmlFiles(under: join(root, folder))
            itemFiles += files
            diagnostics += walkDiagnostics
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
            let (files, walkDiagnostics) = FileWalker.files(under: mediaRoot)
            diagnostics += walkDiagnostics
            mediaFiles = Set(files.map { String($0.dropFirst(mediaRoot.count + 1)) })
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

/// Walks folders without following symbolic-link loops; reports what it cannot read.
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
                result.append(
                    XMLRules.strayFile.diagnostic(
                        at: SourceLocation(path: path), message: "not an .xml file: it is not read as an item",
                        help: "move media files to the bank's media folder, or rename the item with the .xml extension")
                )
            }
        }
        return (xml, result)
    }

    /// Every regular file under `folder`, recursively, skipping hidden entries (names starting with '.').
    static func files(under folder: String) -> ([String], [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var visited: Set<String> = []
        walk(folder, files: &files, diagnostics: &diagnostics, visited: &visited)
        return (files, diagnostics)
    }

    private static func walk(
        _ folder: String, files: inout [String], diagnostics: inout [Diagnostic], visited: inout Set<String>
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
                XMLRules.unreadable.diagnostic(at: SourceLocation(path: folder), message: "cannot list the folder"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    walk(path, files: &files, diagnostics: &diagnostics, visited: &visited)
                } else {
                    files.append(path)
                }
            } else {
                diagnostics.append(
                    XMLRules.unreadable.diagnostic(
                        at: SourceLocation(path: path), message: "broken symbolic link or unreadable entry"))
            }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

import Foundation
import ItemBankModel
import ItemBankSystem
import ItemBankXML
import ZIPFoundation

/// The formats the importer recognises.
public enum SourceFormat: String, Hashable, Sendable, CaseIterable, Codable {
    case qti2p0 = "qti-2.0"
    case qti2p1 = "qti-2.1"
    case qti2p2 = "qti-2.2"
    case qti3p0 = "qti-3.0"
    case contentPackage = "ims-content-package"
    case moodle = "moodle-xml"
    case gift
    /// Not a format the importer reads (explained in the report).
    case other

    init(_ version: QTIVersion) {
        switch version {
        case .v2p0: self = .qti2p0
        case .v2p1: self = .qti2p1
        case .v2p2: self = .qti2p2
        case .v3p0: self = .qti3p0
        }
    }
}

/// One line of the import report: a source question (or a whole file that holds none) and what it became.
public struct ImportEntry: Hashable, Sendable {
    public var format: SourceFormat
    /// Where the question starts (`path:line:column`), or the file.
    public var source: SourceLocation
    /// The question's identifier in the source ("" for a file).
    public var sourceIdentifier: String
    /// The item written, nil when the question was not imported.
    public var item: ImportedItem?
    /// The item file written, relative to the output folder.
    public var itemPath: String?
    /// Why nothing was imported (unsupported interaction, invalid source, not an item…), nil when imported.
    public var reason: String?
    /// What could not be mapped, and every reading error, with source locations.
    public var diagnostics: [Diagnostic]
    /// For a content package manifest: the LOM metadata of its item resources, by the item file's
    /// shown path (standardized).
    var resourceMetadata: [String: ResourceMetadata] = [:]
}

/// The LOM metadata (IEEE 1484.12.1, in a content package's `resource/metadata/lom`) of an item
/// resource, in what maps onto the item format: `general/language` → `xml:lang` of an item that has
/// none; `lifeCycle/version` (a positive integer) → `version`. The rest is listed, not imported.
struct ResourceMetadata: Hashable, Sendable {
    var language: String?
    var version: Int?
    /// LOM elements with a value that the item format has no place for (`general/title`,
    /// `lifeCycle/status`…), in document order.
    var notMapped: [String]
    var location: SourceLocation

    /// Reads the `lom` element (any namespace, LOM 1.0 or the IMS 1.2 binding's names).
    init(lom: SourceElement) {
        location = lom.location
        notMapped = []
        func value(_ element: SourceElement) -> String {
            // LOM 1.0 <string>, IMS MD 1.2 <langstring>, or text.
            let inner = element.elements.first { $0.name == "string" || $0.name == "langstring" }
            return DOMText.trim((inner ?? element).text)
        }
        for category in lom.elements {
            for element in category.elements {
                let name = category.name.lowercased() + "/" + element.name.lowercased()
                switch name {
                case "general/language": language = value(element)
                case "lifecycle/version":
                    let text = value(element)
                    if let number = Int(text), number > 0 {
                        version = number
                    } else {
                        notMapped.append("\(category.name)/\(element.name) \"\(text)\" (not a positive integer)")
                    }
                case "general/identifier", "general/catalogentry": break  // the item file's identifier is used
                default: notMapped.append("\(category.name)/\(element.name)")
                }
            }
        }
    }

    /// A path as a key: standardized, so that `pkg/./items/q.xml` and `pkg/items/q.xml` match.
    static func key(_ path: String) -> String { URL(fileURLWithPath: path).standardized.path }
}

/// What `itembank import` did: one entry per source question, in input order.
public struct ImportReport: Hashable, Sendable {
    public var entries: [ImportEntry]
    /// Files read, per format.
    public var filesByFormat: [SourceFormat: Int]

    public var importedCount: Int { entries.filter { $0.item != nil }.count }

    /// Entries not imported because of an error (unsupported question, invalid source…); a manifest, a
    /// test or a description, explained without an error, is not a failure.
    public var failedCount: Int {
        entries.filter { entry in entry.item == nil && entry.diagnostics.contains { $0.severity == .error } }.count
    }

    /// Text for a terminal: one line per question, its diagnostics under it, then counts.
    public func text() -> String {
        var out = ""
        for entry in entries {
            let what =
                entry.item.map { "\($0.type.rawValue) \(entry.itemPath ?? $0.id)" }
                ?? "not imported: \(entry.reason ?? "unknown")"
            let name = entry.sourceIdentifier.isEmpty ? "" : " \(entry.sourceIdentifier)"
            out += "\(entry.source):\(name) [\(entry.format.rawValue)] -> \(what)\n"
            for diagnostic in entry.diagnostics.sorted() {
                out +=
                    "  \(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.ruleID)]\n"
                if let help = diagnostic.help { out += "    help: \(help)\n" }
            }
        }
        let formats = filesByFormat.keys.sorted { $0.rawValue < $1.rawValue }.map {
            "\($0.rawValue) \(filesByFormat[$0] ?? 0)"
        }
        out +=
            "\(importedCount) item(s) imported, \(entries.count - importedCount) not imported; files: "
            + formats.joined(separator: ", ") + "\n"
        return out
    }

    /// JSON (stable key order): `{"entries":[…],"files":{…},"imported":N,"notImported":N}`.
    public func json() throws -> String {
        struct Location: Encodable {
            var path: String
            var line: Int
            var column: Int
        }
        struct DiagnosticJSON: Encodable {
            var rule: String
            var severity: String
            var location: Location
            var message: String
            var help: String?
        }
        struct Entry: Encodable {
            var format: String
            var source: Location
            var sourceIdentifier: String
            var type: String?
            var item: String?
            var file: String?
            var skill: String?
            var status: String?
            var reason: String?
            var diagnostics: [DiagnosticJSON]
        }
        struct Document: Encodable {
            var entries: [Entry]
            var files: [String: Int]
            var imported: Int
            var notImported: Int
        }
        func location(_ value: SourceLocation) -> Location {
            Location(path: value.path, line: value.line, column: value.column)
        }
        let document = Document(
            entries: entries.map { entry in
                Entry(
                    format: entry.format.rawValue, source: location(entry.source),
                    sourceIdentifier: entry.sourceIdentifier, type: entry.item?.type.rawValue, item: entry.item?.id,
                    file: entry.itemPath, skill: entry.item?.skill, status: entry.item?.status.rawValue,
                    reason: entry.reason,
                    diagnostics: entry.diagnostics.sorted().map {
                        DiagnosticJSON(
                            rule: $0.ruleID, severity: $0.severity.rawValue, location: location($0.location),
                            message: $0.message, help: $0.help)
                    })
            },
            files: Dictionary(uniqueKeysWithValues: filesByFormat.map { ($0.key.rawValue, $0.value) }),
            imported: importedCount, notImported: entries.count - importedCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}

/// A source-to-skill mapping: lines `KEY @skill`, `#` comments. KEY is a source identifier (QTI
/// `identifier`, Moodle name, GIFT title) or a category folder (`reseaux/securite`, which also covers
/// its subfolders).
public struct SkillMap: Hashable, Sendable {
    public var entries: [String: String]

    public init(entries: [String: String]) { self.entries = entries }

    /// Parses the file's text.
    /// - Throws: ``ImportError`` naming the line of a malformed entry.
    public init(text: String, path: String) throws {
        var entries: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = DOMText.trim(String(raw))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw ImportError(
                    "\(path):\(index + 1): expected `SOURCE-ID-OR-CATEGORY @skill`, found \"\(line)\"")
            }
            let key = DOMText.trim(String(line[..<space]))
            let skill = String(line[line.index(after: space)...])
            guard SkillMap.isSkillName(skill) else {
                throw ImportError("\(path):\(index + 1): \"\(skill)\" is not a skill name such as @rechercheWeb3")
            }
            entries[key] = skill
        }
        self.entries = entries
    }

    /// Whether `name` follows the item format's SkillName pattern (`@tube` + a level 1–8).
    public static func isSkillName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 3, scalars[0] == "@", let last = scalars.last, ("1"..."8").contains(last),
            scalars[1].properties.isASCIIHexDigit || CharacterSet.letters.contains(scalars[1])
        else { return false }
        return scalars.dropFirst().dropLast().allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_")
        } && scalars[1].isASCII && CharacterSet.letters.contains(scalars[1])
    }

    /// The skill for a question: its identifier, else its folder or the nearest parent folder.
    public func skill(sourceIdentifier: String, folder: String) -> String? {
        if let skill = entries[sourceIdentifier] { return skill }
        var parts = folder.split(separator: "/").map(String.init)
        while !parts.isEmpty {
            if let skill = entries[parts.joined(separator: "/")] { return skill }
            parts.removeLast()
        }
        return nil
    }
}

/// An error that stops an import (unreadable input, bad options); problems in sources are diagnostics.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The source XSDs, found in a folder laid out like `shared/schemas` (`qti/` and `qti3/`, each with its
/// OASIS `catalog.xml`), each compiled on first use and then shared (the QTI 3 XSD takes seconds).
public final class SourceSchemas: @unchecked Sendable {
    public let directory: String
    private let lock = NSLock()
    private var compiled: [String: ForeignSchema?] = [:]

    public init(directory: String) { self.directory = directory }

    /// Relative path of the XSD and of its catalog for a root element, nil when none applies.
    static func files(namespace: String?, name: String) -> (xsd: String, catalog: String)? {
        switch (namespace, name) {
        case ("http://www.imsglobal.org/xsd/imsqti_v2p1", _):
            return ("qti/www.imsglobal.org/xsd/imsqti_v2p1.xsd", "qti/catalog.xml")
        case ("http://www.imsglobal.org/xsd/imsqti_v2p0", _):
            return ("qti/www.imsglobal.org/xsd/imsqti_v2p0.xsd", "qti/catalog.xml")
        case ("http://www.imsglobal.org/xsd/imsqti_result_v2p1", _):
            return ("qti/www.imsglobal.org/xsd/imsqti_result_v2p1.xsd", "qti/catalog.xml")
        case ("http://www.imsglobal.org/xsd/imsqtiasi_v3p0", _):
            return ("qti3/candidate-final-2020/imsqti_asiv3p0_v1p0.xsd", "qti3/catalog.xml")
        case ("http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1", "manifest"):
            return (
                "qti3/purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd", "qti3/catalog.xml"
            )
        default: return nil
        }
    }

    /// The compiled XSD for a root element; nil when the folder has none for it.
    /// - Throws: ``SchemaLoadingError`` when the XSD exists but does not compile.
    public func schema(namespace: String?, name: String) throws -> ForeignSchema? {
        guard let files = SourceSchemas.files(namespace: namespace, name: name) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let cached = compiled[files.xsd] { return cached }
        let xsd = directory + "/" + files.xsd
        guard FileManager.default.fileExists(atPath: xsd) else {
            compiled[files.xsd] = .some(nil)
            return nil
        }
        let schema = try ForeignSchema(path: xsd, catalog: directory + "/" + files.catalog)
        compiled[files.xsd] = schema
        return schema
    }
}

/// Options of an import.
public struct ImportOptions: Sendable {
    /// The skill of every imported item (`--skill`), before the skill map.
    public var skill: String?
    public var skillMap: SkillMap?
    /// The item language when the source has none.
    public var language: String
    /// The folder of the source XSDs (`qti/`, `qti3/`); nil: sources are not validated (reported).
    public var schemas: SourceSchemas?
    /// The folder, relative to the bank's media folder, that receives the imported images
    /// (`--media-folder`): `imported` by default, so that they stay apart from a bank's own media; ""
    /// puts them in the media folder itself (the layout of an `itembank export` package).
    public var mediaFolder: String

    public init(
        skill: String? = nil, skillMap: SkillMap? = nil, language: String = "fr-FR", schemas: SourceSchemas? = nil,
        mediaFolder: String = "imported"
    ) {
        self.skill = skill
        self.skillMap = skillMap
        self.language = language
        self.schemas = schemas
        self.mediaFolder = mediaFolder
    }
}

/// Imports QTI 2.x / 3.0 items and content packages (folders or `.zip`), Moodle XML and GIFT files
/// into item files of a bank folder.
public struct Importer: Sendable {
    public var options: ImportOptions

    public init(options: ImportOptions) { self.options = options }

    /// Reads every input (files, folders walked recursively, `.zip` packages) and returns the report;
    /// writes nothing.
    /// - Throws: ``ImportError`` when an input does not exist or a zip cannot be opened.
    public func read(_ inputs: [String]) throws -> ImportReport {
        var files: [String] = []
        var temporaries: [URL] = []
        defer { for folder in temporaries { try? FileManager.default.removeItem(at: folder) } }
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                throw ImportError("\(input): no such file or folder")
            }
            if isFolder.boolValue {
                files += Importer.walk(input)
            } else if input.lowercased().hasSuffix(".zip") {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "itembank-import-" + UUID().uuidString)
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    temporaries.append(folder)
                    try FileManager.default.unzipItem(at: URL(fileURLWithPath: input), to: folder)
                } catch {
                    throw ImportError("\(input): cannot read the zip package (\(error))")
                }
                files += Importer.walk(folder.path).map { ZipPath(folder: folder.path, zip: input).mapped($0) }
            } else {
                files.append(input)
            }
        }
        let zipFolders = temporaries.map(\.path)
        let importer = self
        let allFiles = files
        let results: [[ImportEntry]] = parallelMap(count: allFiles.count) { index in
            importer.readFile(
                ZipPath.real(allFiles[index], folders: zipFolders), shown: ZipPath.shown(allFiles[index]))
        }
        var report = ImportReport(entries: [], filesByFormat: [:])
        for entries in results {
            if let format = entries.first?.format { report.filesByFormat[format, default: 0] += 1 }
            report.entries += entries.filter { !($0.sourceIdentifier.isEmpty && $0.reason == nil && $0.item == nil) }
        }
        let metadata = report.entries.reduce(into: [String: ResourceMetadata]()) { all, entry in
            all.merge(entry.resourceMetadata) { first, _ in first }
        }
        if !metadata.isEmpty { Importer.apply(metadata, to: &report) }
        assignIDs(&report)
        // Media inside zips must be read while the folder exists: read them now, into memory (no
        // temporary copy that could outlive this call).
        for index in report.entries.indices {
            guard var illustration = report.entries[index].item?.illustration else { continue }
            if !options.mediaFolder.isEmpty {
                illustration.mediaPath = options.mediaFolder + "/" + illustration.mediaPath
            }
            if illustration.data == nil {
                illustration.data = FileManager.default.contents(
                    atPath: ZipPath.real(illustration.sourcePath, folders: zipFolders))
            }
            if illustration.data != nil {
                report.entries[index].item?.illustration = illustration
            } else {
                report.entries[index].diagnostics.append(
                    Diagnostic(
                        ruleID: "import.media", severity: .error, location: report.entries[index].source,
                        message: "image \(ZipPath.shown(illustration.sourcePath)) not found",
                        help: "put the image next to the item, or fix its src"))
                report.entries[index].item?.illustration = nil
            }
        }
        return report
    }

    /// Applies the LOM metadata of content packages to the items read from their resources' files.
    static func apply(_ metadata: [String: ResourceMetadata], to report: inout ImportReport) {
        for index in report.entries.indices {
            guard var item = report.entries[index].item,
                let lom = metadata[ResourceMetadata.key(report.entries[index].source.path)]
            else { continue }
            var diagnostics = report.entries[index].diagnostics
            if let version = lom.version { item.version = version }
            if let language = lom.language.flatMap(Locales.map),
                let position = diagnostics.firstIndex(where: { $0.ruleID == "import.language" })
            {
                item.language = language
                diagnostics[position] = Diagnostic(
                    ruleID: "import.language", severity: .info, location: lom.location,
                    message: "the item has no usable xml:lang: \(language) from the manifest's LOM general/language")
            }
            if !lom.notMapped.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.not-mapped", severity: .info, location: lom.location,
                        message: "LOM metadata not imported (no place in the item format): "
                            + lom.notMapped.joined(separator: ", ")))
            }
            report.entries[index].item = item
            report.entries[index].diagnostics = diagnostics
        }
    }

    /// Unique item ids, skills (option, then map, else status proposed + a diagnostic), file paths.
    private func assignIDs(_ report: inout ImportReport) {
        var ids = Identifiers()
        for index in report.entries.indices {
            guard var item = report.entries[index].item else { continue }
            if let problem = Importer.tidy(&item) {
                report.entries[index].item = nil
                report.entries[index].reason = problem
                report.entries[index].diagnostics.append(
                    Diagnostic(
                        ruleID: "import.unsupported", severity: .error, location: report.entries[index].source,
                        message: "not imported: \(problem)", help: "complete the question in its source"))
                continue
            }
            item.id = ids.itemID(from: item.sourceIdentifier, fallback: "item")
            if let skill = options.skill
                ?? options.skillMap?.skill(sourceIdentifier: item.sourceIdentifier, folder: item.folder)
            {
                item.skill = skill
            } else {
                item.skill = nil
                report.entries[index].diagnostics.append(
                    Diagnostic(
                        ruleID: "import.skill-missing", severity: .warning, location: report.entries[index].source,
                        message: "no skill for \"\(item.sourceIdentifier)\": written with status proposed and no skill",
                        help: "give --skill, or a --skill-map line `\(item.sourceIdentifier) @tubeN`"))
            }
            item.status = .proposed
            report.entries[index].item = item
            report.entries[index].itemPath =
                "items/" + (item.folder.isEmpty ? "" : item.folder + "/") + item.id + ".xml"
        }
    }

    /// Removes empty answers and options; returns why the item cannot be written, nil when it can.
    static func tidy(_ item: inout ImportedItem) -> String? {
        item.choices.removeAll { FlowText.collapse(FlowText.strip($0.text)).isEmpty }
        if item.type.hasChoices, item.choices.count < 2 {
            return "\(item.choices.count) choice(s) with text: a qcu or qcm needs at least 2"
        }
        for index in item.responses.indices {
            var response = item.responses[index]
            response.acceptedAnswers = response.acceptedAnswers.map(FlowText.collapse).filter { !$0.isEmpty }
            var seen: Set<String> = []
            response.acceptedAnswers.removeAll { !seen.insert($0).inserted }
            if case .dropdown(let options) = response.kind {
                var unique: Set<String> = []
                let kept = options.map(FlowText.collapse).filter { !$0.isEmpty && unique.insert($0).inserted }
                if kept.count < 2 {
                    return "drop-down \(response.id) has \(kept.count) option(s) with text; it needs 2"
                }
                response.kind = .dropdown(options: kept)
            }
            item.responses[index] = response
        }
        if !item.type.hasChoices, item.responses.isEmpty { return "no response" }
        if item.stem.isEmpty { return "empty question text" }
        return nil
    }

    /// Writes the imported items (and their images) into `bank`: `items/…` and `media/…`.
    /// Existing files are not overwritten.
    /// - Throws: ``ImportError`` when a file exists already or cannot be written; nothing is written then.
    public static func write(_ report: ImportReport, to bank: String) throws {
        let manager = FileManager.default
        var planned: [(String, Data)] = []
        for entry in report.entries {
            guard let item = entry.item, let path = entry.itemPath else { continue }
            planned.append((bank + "/" + path, Data(ItemFileWriter.text(of: item).utf8)))
            if let illustration = item.illustration,
                let data = illustration.data ?? manager.contents(atPath: illustration.sourcePath)
            {
                planned.append((bank + "/media/" + illustration.mediaPath, data))
            }
        }
        var seen: Set<String> = []
        for (path, _) in planned where manager.fileExists(atPath: path) && !seen.contains(path) {
            throw ImportError("\(path) exists already: import into an empty folder, or move it away")
        }
        for (path, data) in planned where seen.insert(path).inserted {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ImportError("cannot write \(path): \(error.localizedDescription)")
            }
        }
    }

    static func walk(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            if lower.hasSuffix(".xml") || lower.hasSuffix(".gift") || lower.hasSuffix(".qti") {
                files.append(folder + "/" + relative)
            }
        }
        return files.sorted()
    }

    /// Reads one file into its report entries (one per question, or one for the file).
    public func readFile(_ path: String, shown: String) -> [ImportEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [
                ImportEntry(
                    format: .other, source: SourceLocation(path: shown), sourceIdentifier: "", item: nil,
                    itemPath: nil, reason: "unreadable file",
                    diagnostics: [
                        Diagnostic(
                            ruleID: "xml.unreadable", severity: .error, location: SourceLocation(path: shown),
                            message: "cannot read the file")
                    ])
            ]
        }
        if path.lowercased().hasSuffix(".gift") {
            return readGIFT(String(decoding: data, as: UTF8.self), path: shown)
        }
        return readXML([UInt8](data), path: path, shown: shown)
    }

    /// Reads one source from memory: GIFT when `path` ends in `.gift`, XML otherwise (QTI, Moodle XML,
    /// manifest). Relative media paths resolve against `path`.
    public func entries(bytes: [UInt8], path: String) -> [ImportEntry] {
        if path.lowercased().hasSuffix(".gift") { return readGIFT(String(decoding: bytes, as: UTF8.self), path: path) }
        return readXML(bytes, path: path, shown: path)
    }

    func readGIFT(_ text: String, path: String) -> [ImportEntry] {
        let (questions, errors) = GIFTParser.parse(text, path: path)
        var entries = errors.map {
            ImportEntry(
                format: .gift, source: $0.location, sourceIdentifier: "", item: nil, itemPath: nil,
                reason: "GIFT syntax error", diagnostics: [$0])
        }
        for question in questions {
            let converted = MoodleReader.convert(question, path: path, language: options.language)
            entries.append(
                ImportEntry(
                    format: .gift, source: converted.location, sourceIdentifier: converted.sourceIdentifier,
                    item: converted.item, itemPath: nil, reason: converted.item == nil ? converted.reason : nil,
                    diagnostics: converted.diagnostics))
        }
        if entries.isEmpty {
            entries.append(
                ImportEntry(
                    format: .gift, source: SourceLocation(path: path), sourceIdentifier: "", item: nil, itemPath: nil,
                    reason: "no question in the file", diagnostics: []))
        }
        return entries.sorted { $0.source < $1.source }
    }

    func readXML(_ bytes: [UInt8], path: String, shown: String) -> [ImportEntry] {
        var schemaError: Diagnostic?
        let schemas = options.schemas
        let (root, readDiagnostics) = SourceTreeReader.read(bytes: bytes, path: shown) { namespace, name in
            guard let schemas else { return nil }
            do {
                return try schemas.schema(namespace: namespace, name: name)
            } catch {
                schemaError = Diagnostic(
                    ruleID: "import.schema-unavailable", severity: .warning, location: SourceLocation(path: shown),
                    message: "the source XSD does not compile: \(error)")
                return nil
            }
        }
        var diagnostics = readDiagnostics
        if let schemaError { diagnostics.append(schemaError) }
        func fileEntry(_ format: SourceFormat, reason: String?, extra: [Diagnostic] = []) -> [ImportEntry] {
            [
                ImportEntry(
                    format: format, source: root?.location ?? SourceLocation(path: shown, line: 1, column: 1),
                    sourceIdentifier: "", item: nil, itemPath: nil, reason: reason, diagnostics: diagnostics + extra)
            ]
        }
        guard let root else { return fileEntry(.other, reason: "not well-formed XML") }
        if let version = QTIVersion(namespace: root.namespace) {
            let format = SourceFormat(version)
            let normalized = version == .v3p0 ? QTIReader.normalized(root) : root
            if options.schemas == nil
                || (try? options.schemas?.schema(namespace: root.namespace, name: root.name)) == nil
            {
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.not-validated", severity: .info, location: root.location,
                        message: "not validated: no QTI \(version.rawValue) XSD "
                            + (options.schemas == nil ? "(give --schemas)" : "in \(options.schemas!.directory)")))
            }
            guard normalized.name == "assessmentItem" else {
                return fileEntry(format, reason: "not an item (<\(root.name)>): only items are imported")
            }
            if diagnostics.contains(where: { $0.severity == .error }) {
                return [
                    ImportEntry(
                        format: format, source: root.location, sourceIdentifier: root.attribute("identifier") ?? "",
                        item: nil, itemPath: nil, reason: "invalid source (XSD)", diagnostics: diagnostics)
                ]
            }
            let (item, itemDiagnostics, reason) = QTIReader.item(
                normalized, version: version, path: path, defaultLanguage: options.language)
            var entryItem = item
            if let illustration = item?.illustration {
                entryItem?.illustration?.sourcePath = illustration.sourcePath
            }
            return [
                ImportEntry(
                    format: format, source: root.location, sourceIdentifier: root.attribute("identifier") ?? "",
                    item: entryItem, itemPath: nil, reason: item == nil ? reason : nil,
                    diagnostics: diagnostics + itemDiagnostics)
            ]
        }
        if root.name == "manifest" {
            let resources = root.element(named: "resources")?.elements(named: "resource") ?? []
            let items = resources.filter { ($0.attribute("type") ?? "").contains("item") }
            var extra: [Diagnostic] = []
            if SourceSchemas.files(namespace: root.namespace, name: root.name) == nil {
                extra.append(
                    Diagnostic(
                        ruleID: "import.not-validated", severity: .info, location: root.location,
                        message: "not validated: no XSD for manifests in \(root.namespace ?? "no namespace")"))
            }
            var checked: Set<String> = []
            for element in resources + resources.flatMap({ $0.elements(named: "file") }) {
                guard let href = element.attribute("href"), checked.insert(href).inserted,
                    !href.contains("://")
                else { continue }
                let target = resolve(href.removingPercentEncoding ?? href, relativeTo: path)
                if !FileManager.default.fileExists(atPath: target) {
                    extra.append(
                        Diagnostic(
                            ruleID: "import.package", severity: .error, location: element.location,
                            message: "the manifest lists \(href), which is not in the package",
                            help: "add the file to the package or remove the reference"))
                }
            }
            var entries = fileEntry(
                .contentPackage,
                reason: "content package manifest: \(items.count) item resource(s), imported from their own files",
                extra: extra)
            for resource in items {
                guard let href = resource.attribute("href"), !href.contains("://"),
                    let lom = resource.element(named: "metadata")?.elements.first(where: { $0.name == "lom" })
                else { continue }
                let file = resolve(href.removingPercentEncoding ?? href, relativeTo: shown)
                entries[0].resourceMetadata[ResourceMetadata.key(file)] = ResourceMetadata(lom: lom)
            }
            return entries
        }
        if root.name == "quiz" {
            if diagnostics.contains(where: { $0.severity == .error }) {
                return fileEntry(.moodle, reason: "invalid source")
            }
            let questions = MoodleReader.read(root, path: shown, language: options.language)
            if questions.isEmpty { return fileEntry(.moodle, reason: "no question in the quiz") }
            return questions.map {
                ImportEntry(
                    format: .moodle, source: $0.location, sourceIdentifier: $0.sourceIdentifier, item: $0.item,
                    itemPath: nil, reason: $0.item == nil ? $0.reason : nil, diagnostics: $0.diagnostics)
            }
        }
        return fileEntry(
            .other,
            reason: "not a format the importer reads (root <\(root.name)>\(root.namespace.map { " in \($0)" } ?? ""))")
    }
}

/// Paths of files extracted from a zip are shown as `package.zip/inner/path`.
struct ZipPath {
    var folder: String
    var zip: String

    static let separator = "\u{1}"

    func mapped(_ path: String) -> String {
        zip + "/" + String(path.dropFirst(folder.count + 1)) + ZipPath.separator + path
    }

    static func shown(_ path: String) -> String {
        path.components(separatedBy: separator).first ?? path
    }

    static func real(_ path: String, folders: [String]) -> String {
        let parts = path.components(separatedBy: separator)
        return parts.count == 2 ? parts[1] : path
    }
}

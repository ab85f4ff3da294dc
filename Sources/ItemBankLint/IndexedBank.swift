import ItemBankModel
import ItemBankSystem
import ItemBankXML

/// A bank read once and kept in memory, so that one changed document (an editor's unsaved buffer) is
/// checked against the rest of the bank without reading the bank again: the language server's entry
/// point into the linter.
///
/// ``diagnostics(for:)`` gives exactly what ``Linter/lint(_:)`` gives for those files (same rules, ids,
/// severities, positions, bank settings, inline suppressions and limit of diagnostics per rule and file): the reading-stage diagnostics kept
/// per file, the per-item rules of the requested items (cached until the item or the framework
/// changes), the framework rules, and the bank-wide rules (duplicate ids, prototypes and variants,
/// coverage) run over every item of the index (cached until an item or the framework changes).
public struct IndexedBank: Sendable {
    /// The bank folder, as given to ``init(root:session:)`` (paths of diagnostics start with it).
    public let root: String
    /// Path of the manifest (`root/bank.xml`).
    public let manifestPath: String
    /// The manifest; nil when it is not valid (then only reading-stage diagnostics are given).
    public let manifest: BankManifest?
    /// Path of the framework file named by the manifest.
    public let frameworkPath: String?
    /// The framework as last read or updated; nil when it does not decode.
    public private(set) var framework: Framework?
    /// Media files, relative to the media folder.
    public let mediaFiles: Set<String>

    private let reader: DocumentReader
    private let linter: Linter
    /// Decoded items in path order (the order ``BankReader`` gives), and each path's index.
    private var items: [Item]
    private var positions: [String: Int]
    /// Paths of the item files of the bank (decoded or not).
    public private(set) var itemPaths: Set<String>
    private var readingDiagnostics: [String: [Diagnostic]]
    private var suppressions: [String: [Suppression]]
    private var frameworkRuleDiagnostics: [Diagnostic] = []
    private var itemRuleCache: [String: [Diagnostic]] = [:]
    /// Findings of the bank-wide rules over every item, until an item or the framework changes.
    private var bankWideCache: [Diagnostic]?
    private var context: LintContext?

    /// Reads the bank folder `root` with the session's reader and indexes it.
    /// - Throws: ``BankReadError`` when the folder is not a bank (no readable `bank.xml`).
    public init(root: String, session: LintSession) throws {
        let result = try session.reader.read(root: root)
        self.init(result: result, reader: session.reader.reader, linter: session.linter)
    }

    /// Indexes what ``BankReader`` read.
    public init(result: BankReadResult, reader: DocumentReader, linter: Linter = Linter()) {
        self.reader = reader
        self.linter = linter
        let sources = result.sources
        root = sources?.root ?? ""
        manifest = sources?.manifest
        framework = sources?.framework
        mediaFiles = sources?.mediaFiles ?? []
        let join = { (relative: String) in
            (sources?.root ?? "").isEmpty || sources?.root == "." ? relative : (sources?.root ?? "") + "/" + relative
        }
        manifestPath = join("bank.xml")
        frameworkPath = sources.map { join($0.manifest.frameworkPath) }
        items = sources?.items ?? []
        positions = [:]
        for (index, item) in items.enumerated() { positions[item.location.path] = index }
        readingDiagnostics = Dictionary(grouping: result.diagnostics, by: \.location.path)
        suppressions = Dictionary(grouping: result.suppressions, by: \.location.path)
        itemPaths = Set(items.map(\.location.path))
        for diagnostic in result.diagnostics where diagnostic.location.path.hasSuffix(".xml") {
            itemPaths.insert(diagnostic.location.path)
        }
        itemPaths.remove(manifestPath)
        if let frameworkPath { itemPaths.remove(frameworkPath) }
        if let sources {
            var context = LintContext(sources: sources)
            context.diagnosticLimit = linter.diagnosticLimit
            self.context = context
        }
        refreshFrameworkRules()
    }

    /// Whether `path` is (or would be) an item file of this bank: an `.xml` file under one of its items
    /// folders.
    public func isItemPath(_ path: String) -> Bool {
        if itemPaths.contains(path) { return true }
        guard let manifest, path.hasSuffix(".xml") else { return false }
        let prefix = root.isEmpty || root == "." ? "" : root + "/"
        return manifest.itemPaths.contains { path.hasPrefix(prefix + $0 + "/") }
    }

    /// The decoded item of the file at `path`, nil when it is not an item or does not decode.
    public func item(at path: String) -> Item? {
        positions[path].map { items[$0] }
    }

    /// Every decoded item, in path order.
    public var allItems: [Item] { items }

    /// What changed when a document was updated.
    public enum Update: Sendable, Equatable {
        /// An item file: only its own per-item findings and the bank-wide ones change.
        case item
        /// The framework: every item is checked again.
        case framework
        /// A file that is not an item or the framework of this bank (nothing changed).
        case ignored
    }

    /// Replaces the text of the item or framework file at `path` by `bytes` (UTF-8), as if the file
    /// had been read again. The manifest is not updated this way: index the bank again.
    @discardableResult
    public mutating func update(path: String, bytes: [UInt8]) -> Update {
        if path == frameworkPath {
            let (decoded, diagnostics) = reader.framework(bytes: bytes, path: path)
            framework = decoded
            readingDiagnostics[path] = diagnostics
            suppressions[path] = SuppressionScanner.scan(bytes, path: path)
            if var context {
                context.framework = decoded
                context.skills = decoded?.skillIndex() ?? [:]
                self.context = context
            }
            itemRuleCache = [:]
            bankWideCache = nil
            refreshFrameworkRules()
            return .framework
        }
        guard isItemPath(path) else { return .ignored }
        let (decoded, diagnostics) = reader.item(bytes: bytes, path: path)
        readingDiagnostics[path] = diagnostics
        suppressions[path] = SuppressionScanner.scan(bytes, path: path)
        itemRuleCache[path] = nil
        bankWideCache = nil
        itemPaths.insert(path)
        replaceItem(at: path, with: decoded)
        return .item
    }

    /// Forgets the item file at `path` (deleted from the bank).
    public mutating func remove(path: String) {
        guard itemPaths.contains(path) else { return }
        itemPaths.remove(path)
        readingDiagnostics[path] = nil
        suppressions[path] = nil
        itemRuleCache[path] = nil
        bankWideCache = nil
        replaceItem(at: path, with: nil)
    }

    private mutating func replaceItem(at path: String, with item: Item?) {
        if let index = positions[path] {
            if let item {
                items[index] = item
                return
            }
            items.remove(at: index)
        } else if let item {
            let index = items.firstIndex { path.utf8.lexicographicallyPrecedes($0.location.path.utf8) } ?? items.count
            items.insert(item, at: index)
        } else {
            return
        }
        positions = [:]
        for (index, item) in items.enumerated() { positions[item.location.path] = index }
    }

    private mutating func refreshFrameworkRules() {
        frameworkRuleDiagnostics =
            framework.map { framework in linter.rules.flatMap { $0.check(framework: framework) } } ?? []
    }

    /// The diagnostics of the files at `paths` (item files, the framework, the manifest), each file's
    /// sorted (line, column, rule id), after the bank's settings and the files' inline suppressions.
    /// Files without diagnostics map to an empty array.
    public mutating func diagnostics(for paths: Set<String>) -> [String: [Diagnostic]] {
        var found: [Diagnostic] = []
        for path in paths { found += readingDiagnostics[path] ?? [] }
        var result: [String: [Diagnostic]] = [:]
        for path in paths { result[path] = [] }
        guard let context, let manifest else {
            for diagnostic in found { result[diagnostic.location.path, default: []].append(diagnostic) }
            return result.mapValues { $0.sorted() }
        }
        if let frameworkPath, paths.contains(frameworkPath) { found += frameworkRuleDiagnostics }
        for path in paths.sorted() {
            guard let index = positions[path] else { continue }
            if let cached = itemRuleCache[path] {
                found += cached
                continue
            }
            let item = items[index]
            let text = ItemText(item: item)
            var itemFindings: [Diagnostic] = []
            for rule in linter.rules {
                itemFindings += Linter.limited(
                    rule.check(item: item, text: text, context: context), to: linter.diagnosticLimit)
            }
            itemRuleCache[path] = itemFindings
            found += itemFindings
        }
        let items = self.items
        // The bank-wide rules run side by side (a few of them hash every item id: most of an edit's cost).
        let rules = linter.rules
        let limit = linter.diagnosticLimit
        let bankWide =
            bankWideCache
            ?? parallelMap(count: rules.count) {
                Linter.limited(rules[$0].check(items: items, context: context), to: limit)
            }
            .flatMap { $0 }
        bankWideCache = bankWide
        found += bankWide.filter { paths.contains($0.location.path) }
        found = Configuration(settings: manifest.lint, root: root).apply(to: found)
        let fileSuppressions = paths.flatMap { suppressions[$0] ?? [] }
        found = linter.applySuppressions(fileSuppressions, to: found)
        for diagnostic in found { result[diagnostic.location.path, default: []].append(diagnostic) }
        return result.mapValues { $0.sorted() }
    }
}

import Foundation
import ItemBankCompiler
import ItemBankLint
import ItemBankModel
import ItemBankRuntime
import ItemBankXML

/// What a report is made from: the compiled bank, its lint diagnostics, where each item's source is, and
/// optionally the previous release to compare with.
public struct ReportInput: Sendable {
    /// The bank, compiled from the items that read (an item that failed its schema is only in the
    /// diagnostics).
    public var bank: Bank
    /// Diagnostics of the bank after its lint settings, sorted.
    public var diagnostics: [Diagnostic]
    /// Item id → path of its source file, as the diagnostics name it.
    public var itemSources: [String: String]
    /// The bank folder, to show source paths relative to it.
    public var bankRoot: String
    /// The bank's media folder (nil: none); the media the items use are copied from it into the site.
    public var mediaFolder: String?
    /// The previous release (`--against`): the site then shows ``ItemBankRuntime/BankDiff`` changes.
    public var previous: Bank?

    public init(
        bank: Bank, diagnostics: [Diagnostic] = [], itemSources: [String: String] = [:], bankRoot: String = "",
        mediaFolder: String? = nil, previous: Bank? = nil
    ) {
        self.bank = bank
        self.diagnostics = diagnostics
        self.itemSources = itemSources
        self.bankRoot = bankRoot
        self.mediaFolder = mediaFolder
        self.previous = previous
    }

    /// Lints the bank folder at `root` (built-in schemas, the bank's lint settings) and compiles what read
    /// into a bank in memory.
    /// - Throws: ``ReportError`` when the folder is not a bank or the items cannot be compiled (the
    ///   message says which and what to do).
    public static func lint(bankAt root: String, previous: Bank? = nil) throws(ReportError) -> ReportInput {
        let report: LintReport
        do {
            report = try LintSession(schemas: SchemaSet.builtIn()).lint(bankAt: root)
        } catch {
            throw ReportError("\(error)")
        }
        guard let sources = report.sources else {
            throw ReportError(
                "\(root): the bank could not be read (see `itembank lint \(root)`): fix bank.xml and the framework first"
            )
        }
        let bytes: [UInt8]
        let bank: Bank
        do {
            bytes = try BankCompiler.compile(sources)
            bank = try Bank(bytes: bytes)
        } catch {
            throw ReportError("\(root): cannot compile the bank for the report: \(error) (run `itembank lint \(root)`)")
        }
        var itemSources: [String: String] = [:]
        for item in sources.items { itemSources[item.id] = item.location.path }
        let mediaFolder = sources.manifest.mediaPath.map { (root as NSString).appendingPathComponent($0) }
        return ReportInput(
            bank: bank, diagnostics: report.diagnostics.sorted(), itemSources: itemSources, bankRoot: root,
            mediaFolder: mediaFolder, previous: previous)
    }
}

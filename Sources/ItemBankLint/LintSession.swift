import ItemBankModel
import ItemBankXML

/// The outcome of linting a bank folder.
public struct LintReport: Sendable {
    /// Every diagnostic, sorted (path, line, column, rule id), after the bank's configuration.
    public var diagnostics: [Diagnostic]
    /// The decoded sources (nil when the manifest is invalid). Items that failed to decode are absent.
    public var sources: BankSources?
    /// Number of item files read.
    public var itemFileCount: Int

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { errorCount > 0 }
    /// Whether the bank's `<lint>` settings are wrong (unknown or protected rule ids): a usage error.
    public var hasConfigurationErrors: Bool {
        diagnostics.contains { $0.ruleID == BankLintSettings.description.id && $0.severity == .error }
    }
}

/// Reads a bank folder and lints it: the whole front half of `lint` and `build`.
public struct LintSession: Sendable {
    public let reader: BankReader
    public let linter: Linter

    public init(schemas: SchemaSet, linter: Linter = Linter()) {
        self.reader = BankReader(schemas: schemas)
        self.linter = linter
    }

    /// - Throws: ``BankReadError`` when the folder is not a bank (no readable `bank.xml`).
    public func lint(bankAt root: String) throws -> LintReport {
        let result = try reader.read(root: root)
        return LintReport(
            diagnostics: linter.lint(result), sources: result.sources, itemFileCount: result.itemFileCount)
    }
}

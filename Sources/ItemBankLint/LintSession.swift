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

extension LintReport {
    /// The report of a lint of some files of the bank (`itembank lint items/a.xml`, a pre-commit hook):
    /// the diagnostics located in `files`, and the diagnostics between two files (a duplicate id, a
    /// second validated prototype, a variant and its prototype: those with a note in another file)
    /// that a lint of the whole bank puts on a file not in `files` while their note is in one of
    /// `files`. Those are moved onto the note's place in the given file, with a note pointing back at
    /// the other file, and without their fix-its (which edit the other file). So copying an item to a
    /// new file and linting only the new file reports the duplicate id on the new file.
    /// - Parameters:
    ///   - files: canonical paths (as `canonicalPath` gives them) of the files to report on.
    ///   - canonicalPath: resolves a diagnostic's path (symlinks, `..`) to compare it with `files`;
    ///     called once per distinct path.
    /// - Returns: the report with those diagnostics, sorted, and the same sources and file count.
    public func focused(on files: Set<String>, canonicalPath: (String) -> String?) -> LintReport {
        var known: [String: Bool] = [:]
        func isFocused(_ path: String) -> Bool {
            if let answer = known[path] { return answer }
            let answer = canonicalPath(path).map(files.contains) ?? false
            known[path] = answer
            return answer
        }
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            if isFocused(diagnostic.location.path) {
                kept.append(diagnostic)
                continue
            }
            guard let index = diagnostic.notes.firstIndex(where: { isFocused($0.location.path) }) else { continue }
            var moved = diagnostic
            moved.location = diagnostic.notes[index].location
            moved.notes[index] = DiagnosticNote(
                location: diagnostic.location,
                message: "the other item concerned (a lint of the whole bank reports the problem here)")
            moved.fixIts = []
            kept.append(moved)
        }
        var report = self
        report.diagnostics = kept.sorted()
        return report
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

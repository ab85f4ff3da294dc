import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankLint
import ItemBankXML

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a bank's sources: XML, schemas, the framework, answer keys and accepted answers.",
        discussion: """
            Formats (--report, repeatable, FORMAT or FORMAT:FILE): human (source line and caret; the \
            default on a terminal), gnu (path:line:column: severity: message [rule-id]; the default \
            otherwise), json, sarif (SARIF 2.1.0 for code scanning), github (Actions annotations). \
            Colour only on a terminal, never with NO_COLOR set.

            Exit status: 0 no error (warnings allowed), 1 errors found (or warnings with \
            --fail-on warning), 2 usage or I/O error (including an unknown rule id in the bank's <lint> \
            settings).

            --fix applies the fix-its of the reported diagnostics (rules marked "fix-it" in \
            `itembank rules`) in place: only the bytes of each fix change, comments, attribute order and \
            spacing stay; each file is replaced atomically; the bank is linted again and the remaining \
            diagnostics reported. --fix --dry-run prints the changes as a unified diff instead.
            """)

    @Argument(
        help: ArgumentHelp(
            "A bank folder (the one holding bank.xml), or item files: each is checked against the bank found by walking up to its bank.xml (for editors and pre-commit hooks).",
            valueName: "bank-or-files"))
    var paths: [String]

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "An output: FORMAT (standard output) or FORMAT:FILE; repeatable.", valueName: "format[:file]"))
    var reports: [ReportOutput] = []

    @Option(help: ArgumentHelp("The lowest severity that fails the run (exit status 1).", valueName: "severity"))
    var failOn: FailureThreshold = .error

    @Option(help: ArgumentHelp("Ignore the problems recorded in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record every current problem in this baseline file, then exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(
        help: ArgumentHelp(
            "Apply the fix-its (French typography…) in place, touching nothing else in the files, then lint again."))
    var fix = false

    @Flag(
        help: ArgumentHelp(
            "With --fix: print the fixes as a unified diff and change nothing (exit 1 when there is something to fix).")
    )
    var dryRun = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give a bank folder or item files") }
        for report in reports where report.file?.isEmpty == true {
            throw ValidationError(
                "'\(report.format.rawValue):': give a file after the colon, or no colon for standard output")
        }
        let toStandardOutput = reports.filter { $0.file == nil }.map(\.format.rawValue)
        if toStandardOutput.count > 1 {
            throw ValidationError(
                "--report \(toStandardOutput.joined(separator: ", --report ")): two reports cannot both write to "
                    + "standard output; give a file to all but one (for example --report \(toStandardOutput[1]):lint.out)"
            )
        }
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
        if fix && writeBaseline != nil { throw ValidationError("--fix and --write-baseline cannot be used together") }
    }

    func run() throws {
        var unwrittenFixes = 0
        if fix {
            if dryRun {
                try showFixes()
                return
            }
            unwrittenFixes = try applyFixes()
        }
        // Output paths are checked before the work, so that a bad one costs nothing.
        let outputFiles = reports.compactMap(\.file)
        for file in outputFiles + [writeBaseline].compactMap({ $0 }) {
            do {
                try BankFileWriter.checkTarget(file)
            } catch {
                throw CommandError.usage("cannot write: \(error)")
            }
        }
        var report = try BankPipeline.lint(paths: paths)
        if let file = writeBaseline {
            do {
                try BankFileWriter.write(Array(Baseline.make(from: report).json().utf8), to: file)
            } catch {
                throw CommandError.usage("cannot write the baseline: \(error)")
            }
            Terminal.note("wrote \(file): \(report.diagnostics.count) problems recorded")
            return
        }
        if let file = baseline {
            do {
                let loaded = try Baseline.load(path: file, bankID: report.sources?.manifest.id ?? "")
                let (kept, baselined) = loaded.filter(report)
                report.diagnostics = kept
                Terminal.note("\(baselined) known problems ignored (baseline \(file))")
            } catch let error as Baseline.LoadError {
                throw CommandError.usage(error.description)
            }
        }
        let terminal = isatty(STDOUT_FILENO) == 1
        let context = ReportContext(
            workingDirectory: FileManager.default.currentDirectoryPath,
            toolVersion: ItemBankCommand.configuration.version,
            colour: terminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
        let outputs = reports.isEmpty ? [ReportOutput(format: terminal ? .human : .gnu)] : reports
        for output in outputs {
            let format = output.format
            var outputContext = context
            if output.file != nil { outputContext.colour = false }
            let text = Reporter.render(report.diagnostics, as: format, context: outputContext)
            if let file = output.file {
                do {
                    try BankFileWriter.write(Array(text.utf8), to: file)
                } catch {
                    throw CommandError.usage("cannot write the \(format.rawValue) report: \(error)")
                }
            } else {
                Terminal.out(text)
            }
        }
        Terminal.note(BankPipeline.summary(report))
        if report.hasConfigurationErrors || unwrittenFixes > 0 { throw CommandError(status: .usage, message: nil) }
        if failOn.isReached(by: report) { throw CommandError.findings() }
    }
}

extension Lint {
    /// The diagnostics that would be reported (after the bank's settings, suppressions and the baseline).
    func reported() throws -> LintReport {
        // Every fix-it: no limit of diagnostics per rule and file.
        var report = try BankPipeline.lint(paths: paths, diagnosticLimit: nil)
        if let file = baseline {
            do {
                let loaded = try Baseline.load(path: file, bankID: report.sources?.manifest.id ?? "")
                report.diagnostics = loaded.filter(report).diagnostics
            } catch let error as Baseline.LoadError {
                throw CommandError.usage(error.description)
            }
        }
        return report
    }

    /// `--fix`: applies the fix-its, file by file, and lints again until nothing is left to fix (a fix
    /// left out because it overlapped another is taken at the next pass; at most 5 passes).
    /// Applies the fix-its in place; returns the number of files that could not be written (an I/O
    /// error: `lint` then exits with 2 after its report).
    func applyFixes() throws -> Int {
        var unwritten: Set<String> = []
        var fixed = 0
        var files: Set<String> = []
        for _ in 0..<5 {
            let plan = FixPlan(diagnostics: try reported().diagnostics)
            guard !plan.files.isEmpty else { break }
            var applied = 0
            for file in plan.files {
                do {
                    try file.applyInPlace()
                    applied += file.fixCount
                    files.insert(file.path)
                } catch {
                    Terminal.error(error.description)
                    unwritten.insert(file.path)
                }
            }
            fixed += applied
            if applied == 0 { break }
        }
        let count = files.count
        Terminal.note("fixed \(fixed) problem\(fixed == 1 ? "" : "s") in \(count) file\(count == 1 ? "" : "s")")
        return unwritten.count
    }

    /// `--fix --dry-run`: the unified diff of the fixes of one pass; exit 1 when it is not empty.
    func showFixes() throws {
        let plan = FixPlan(diagnostics: try reported().diagnostics)
        let working = FileManager.default.currentDirectoryPath
        let context = ReportContext(workingDirectory: working, toolVersion: "", colour: false)
        for file in plan.files {
            do {
                // On a terminal the inserted no-break spaces are shown as <U+202F>; piped, the diff
                // stays byte-exact (it applies with `git apply` / `patch`).
                Terminal.out(
                    try file.diff(
                        label: context.displayPath(file.path), showingInvisibles: isatty(STDOUT_FILENO) == 1))
            } catch {
                Terminal.error(error.description)
            }
        }
        let count = plan.files.count
        Terminal.note(
            "would fix \(plan.fixCount) problem\(plan.fixCount == 1 ? "" : "s") in \(count) file\(count == 1 ? "" : "s")"
        )
        if plan.fixCount > 0 { throw CommandError.findings() }
    }
}

/// The shared front half of `lint` and `build`.
enum BankPipeline {
    /// Lints a bank folder, or item files: each file's bank (found by walking up to bank.xml) is read
    /// whole, so that references and duplicates are checked, and only the files' diagnostics are kept;
    /// a diagnostic between two files (a duplicate id, a variant and its prototype) is moved onto the
    /// given file when only its other file was blamed (``LintReport/focused(on:canonicalPath:)``).
    static func lint(
        paths: [String], diagnosticLimit: Int? = Linter.defaultDiagnosticLimit
    ) throws -> LintReport {
        var isDirectory: ObjCBool = false
        // A bank's manifest stands for its bank: `lint crcn/bank.xml` lints the bank.
        let paths = paths.map { path in
            URL(fileURLWithPath: path).lastPathComponent == "bank.xml"
                ? URL(fileURLWithPath: path).deletingLastPathComponent().path : path
        }
        if paths.count == 1, FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            if !FileManager.default.fileExists(atPath: paths[0] + "/bank.xml"), let bank = enclosingBank(paths[0]) {
                throw CommandError.usage(
                    "\(paths[0]) is a folder inside the bank \(bank), not a bank: give the bank folder "
                        + "(itembank lint \(bank)), or item files")
            }
            return try lint(paths[0], diagnosticLimit: diagnosticLimit)
        }
        var requested: [String: Set<String>] = [:]  // bank root -> real paths of the files
        for path in paths {
            guard let real = realPath(path), FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else {
                throw CommandError.usage("\(path): no such file or folder (give one bank folder, or item files)")
            }
            guard let root = bankRoot(containing: path) else {
                throw CommandError.usage("\(path): no bank.xml in this folder or any folder above it")
            }
            requested[root, default: []].insert(real)
        }
        var combined: LintReport?
        for root in requested.keys.sorted() {
            var report = try lint(root, diagnosticLimit: diagnosticLimit)
            // The files' diagnostics, and the manifest's (its settings apply to them).
            let files = (requested[root] ?? []).union([root + "/bank.xml"])
            report = report.focused(on: files, canonicalPath: realPath)
            report.itemFileCount = files.count - 1
            if var previous = combined {
                previous.diagnostics = (previous.diagnostics + report.diagnostics).sorted()
                previous.itemFileCount += report.itemFileCount
                combined = previous
            } else {
                combined = report
            }
        }
        guard let combined else { throw CommandError.usage("no file to lint") }
        return combined
    }

    /// The nearest folder above `folder` that holds bank.xml: relative to the working folder when
    /// under it (`.` for the working folder itself), else absolute; nil when there is none.
    static func enclosingBank(_ folder: String) -> String? {
        guard var current = realPath(folder) else { return nil }
        while current != "/" {
            current = URL(fileURLWithPath: current).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: current + "/bank.xml") else { continue }
            let working = realPath(FileManager.default.currentDirectoryPath) ?? ""
            if current == working { return "." }
            if !working.isEmpty, current.hasPrefix(working + "/") {
                return String(current.dropFirst(working.count + 1))
            }
            return current
        }
        return nil
    }

    /// The nearest folder at or above `path`'s folder that holds bank.xml (canonical path; diagnostics
    /// are shown relative to the working folder anyway).
    static func bankRoot(containing path: String) -> String? {
        let parent = (path as NSString).deletingLastPathComponent
        guard var folder = realPath(parent.isEmpty ? "." : parent) else { return nil }
        while true {
            if FileManager.default.fileExists(atPath: folder + "/bank.xml") { return folder }
            if folder == "/" { return nil }
            folder = (folder as NSString).deletingLastPathComponent
            if folder.isEmpty { folder = "/" }
        }
    }

    static func lint(_ bank: String, diagnosticLimit: Int? = Linter.defaultDiagnosticLimit) throws -> LintReport {
        let schemas: SchemaSet
        do {
            schemas = try SchemaSet.builtIn()
        } catch {
            throw CommandError.usage("\(error)")
        }
        do {
            return try LintSession(schemas: schemas, linter: Linter(diagnosticLimit: diagnosticLimit)).lint(
                bankAt: bank)
        } catch let error as BankReadError {
            throw CommandError.usage("\(error)")
        }
    }

    static func summary(_ report: LintReport) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning")) in "
            + "\(plural(report.itemFileCount, "item file"))"
    }
}

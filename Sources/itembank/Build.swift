import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankLint
import ItemBankRuntime

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint a bank, then compile it into one indexed, checksummed binary file.",
        discussion: """
            Refuses to write anything when lint finds an error. The file is written to a temporary file \
            in the target's folder and renamed, so a failed or killed build never leaves a partial file. \
            The same sources always give the same bytes. An existing target that is not a regular file \
            (folder, symbolic link, device) is never replaced, and the target cannot be inside the bank.

            Exit status: 0 written, 1 lint errors (nothing written), 2 usage or I/O error.
            """)

    @Argument(help: "The bank folder (the one holding bank.xml).")
    var bank: String

    @Option(name: .shortAndLong, help: "The compiled bank to write (for example crcn.itembank).")
    var output: String

    @Flag(help: "Show progress on standard error even when it is not a terminal (shown on a terminal anyway).")
    var progress = false

    func run() throws {
        if let bankRoot = realPath(bank),
            let outputFolder = realPath(
                (output as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (output as NSString).deletingLastPathComponent),
            outputFolder == bankRoot || outputFolder.hasPrefix(bankRoot + "/")
        {
            throw CommandError.usage("\(output) is inside the bank folder \(bank): write the compiled bank elsewhere")
        }
        // A target that cannot be written (missing or read-only folder, a folder or link in the way)
        // fails before the lint, not after it.
        do {
            try BankFileWriter.checkTarget(output)
        } catch {
            throw CommandError.usage("\(error)")
        }
        let display = ProgressLine("itembank build", forced: progress)
        display.begin("reading and linting \(bank)")
        let report: LintReport
        do {
            report = try BankPipeline.lint(bank)
            display.end()
        } catch {
            display.end()
            throw error
        }
        let reporter = GNUReporter(workingDirectory: FileManager.default.currentDirectoryPath)
        if !report.diagnostics.isEmpty {
            FileHandle.standardError.write(Data(reporter.render(report.diagnostics).utf8))
        }
        guard !report.hasErrors, let sources = report.sources, sources.items.count == report.itemFileCount else {
            throw CommandError.findings(
                "not written: \(BankPipeline.summary(report)); fix the errors and build again")
        }
        let bytes: [UInt8]
        do {
            defer { display.end() }
            display.begin("compiling \(sources.items.count) items")
            bytes = try BankCompiler.compile(sources)
            display.begin("writing \(output)")
            try BankFileWriter.write(bytes, to: output)
        } catch let error as CompileError {
            throw CommandError.findings("not written: \(error)")
        } catch {
            throw CommandError.usage("\(error)")
        }
        let bank = try Bank(bytes: bytes)
        Terminal.note(
            "wrote \(output): \(bytes.count) bytes, \(bank.itemCount) items, \(bank.skillCount) skills, "
                + "\(bank.competenceCount) competences; content sha256 \(bank.contentDigest.prefix(16))…")
    }
}

/// The canonical path of an existing file or folder, nil when it does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

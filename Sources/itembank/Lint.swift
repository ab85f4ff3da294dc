import ArgumentParser
import Foundation
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
            """)

    @Argument(help: "The bank folder (the one holding bank.xml).")
    var bank: String

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "An output: FORMAT or FORMAT:FILE; FORMAT is human, gnu, json, sarif or github.",
            valueName: "format[:file]"))
    var reports: [String] = []

    @Option(help: ArgumentHelp("The lowest severity that fails the run: error or warning.", valueName: "severity"))
    var failOn: String = "error"

    func validate() throws {
        for report in reports {
            let format = String(report.prefix { $0 != ":" })
            guard ReportFormat(rawValue: format) != nil else {
                throw ValidationError(
                    "unknown report format '\(format)'; use one of "
                        + ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if report.contains(":"), report.drop(while: { $0 != ":" }).dropFirst().isEmpty {
                throw ValidationError("'\(report)': give a file after the colon, or no colon for standard output")
            }
        }
        guard failOn == "error" || failOn == "warning" else {
            throw ValidationError("--fail-on takes error or warning, not '\(failOn)'")
        }
    }

    func run() throws {
        let report = try BankPipeline.lint(bank)
        let terminal = isatty(STDOUT_FILENO) == 1
        let context = ReportContext(
            workingDirectory: FileManager.default.currentDirectoryPath,
            toolVersion: ItemBankCommand.configuration.version,
            colour: terminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
        let outputs = reports.isEmpty ? [terminal ? "human" : "gnu"] : reports
        for output in outputs {
            let format = ReportFormat(rawValue: String(output.prefix { $0 != ":" })) ?? .gnu
            var outputContext = context
            let file = output.contains(":") ? String(output.drop { $0 != ":" }.dropFirst()) : nil
            if file != nil { outputContext.colour = false }
            let text = Reporter.render(report.diagnostics, as: format, context: outputContext)
            if let file {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                } catch {
                    throw Terminal.fail(
                        "cannot write the \(format.rawValue) report to \(file): \(error.localizedDescription)")
                }
            } else {
                Terminal.out(text)
            }
        }
        Terminal.note(BankPipeline.summary(report))
        if report.hasConfigurationErrors { throw ExitCode(2) }
        if report.hasErrors || (failOn == "warning" && report.warningCount > 0) { throw ExitCode(1) }
    }
}

/// The shared front half of `lint` and `build`.
enum BankPipeline {
    static func lint(_ bank: String) throws -> LintReport {
        let schemas: SchemaSet
        do {
            schemas = try SchemaSet.builtIn()
        } catch {
            throw Terminal.fail("\(error)")
        }
        do {
            return try LintSession(schemas: schemas).lint(bankAt: bank)
        } catch let error as BankReadError {
            throw Terminal.fail("\(error)")
        }
    }

    static func summary(_ report: LintReport) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning")) in "
            + "\(plural(report.itemFileCount, "item file"))"
    }
}

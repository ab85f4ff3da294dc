import ArgumentParser
import Foundation
import ItemBankLint
import ItemBankXML

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a bank's sources: XML, schemas, the framework, answer keys and accepted answers.",
        discussion: """
            Prints one line per problem, sorted: path:line:column: severity: message [rule-id].

            Exit status: 0 no error (warnings allowed), 1 errors found, 2 usage or I/O error (including \
            an unknown rule id in the bank's <lint> settings).
            """)

    @Argument(help: "The bank folder (the one holding bank.xml).")
    var bank: String

    func run() throws {
        let report = try BankPipeline.lint(bank)
        let reporter = GNUReporter(workingDirectory: FileManager.default.currentDirectoryPath)
        Terminal.out(reporter.render(report.diagnostics))
        Terminal.note(BankPipeline.summary(report))
        if report.hasConfigurationErrors { throw ExitCode(2) }
        if report.hasErrors { throw ExitCode(1) }
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

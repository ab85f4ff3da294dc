import ArgumentParser
import Foundation

/// `itembank`: lint, compile and inspect competence-based item banks.
@main
struct ItemBankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itembank",
        abstract: "Lint, compile and inspect competence-based item banks (CRCN / Pix-style).",
        discussion: """
            Exit status: 0 success, 1 findings (lint problems at or above --fail-on, differences, not \
            eligible), 2 usage or I/O error (a bad option or value included), 3 a compiled bank that is not \
            a valid bank.
            """,
        version: "0.1.0",
        subcommands: [
            Lint.self, Build.self, Inspect.self, Verify.self, Diff.self, Rules.self, Explain.self, Generate.self,
            Session.self, Certify.self, Simulate.self, CalibrateExposure.self, Calibrate.self,
            LanguageServerCommand.self, Import.self, Export.self, Report.self,
        ]
    )

    /// Parses and runs the command; every error is rendered here, once, by ``ExitPolicy`` (statuses
    /// 0 / 1 / 2 / 3, README "Exit status"; swift-argument-parser's usage errors exit with 2, not 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard let outcome = ExitPolicy.outcome(for: error) else { exit(withError: error) }
            FileHandle.standardError.write(Data(outcome.message.utf8))
            Foundation.exit(outcome.status)
        }
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("itembank: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

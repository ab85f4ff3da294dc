import ArgumentParser
import Foundation

/// `itembank`: lint, compile and inspect competence-based item banks.
@main
struct ItemBankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itembank",
        abstract: "Lint, compile and inspect competence-based item banks (CRCN / Pix-style).",
        discussion: """
            Exit status: 0 success, 1 problems found (lint errors, invalid bank), 2 usage or I/O error.
            """,
        version: "0.1.0",
        subcommands: [
            Lint.self, Build.self, Inspect.self, Verify.self, Diff.self, Rules.self, Explain.self, Generate.self,
            Session.self, Certify.self, Simulate.self, CalibrateExposure.self, Calibrate.self,
            LanguageServerCommand.self, Import.self, Export.self, Report.self,
        ]
    )

    /// Runs the command; usage errors exit with status 2 (not ArgumentParser's 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Errors the commands report before exiting with status 2 (usage, I/O, broken installation).
struct UsageError: Error, CustomStringConvertible {
    var description: String
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

    /// Prints the error and exits with status 2.
    static func fail(_ message: String) -> ExitCode {
        error(message)
        return ExitCode(2)
    }
}

import ArgumentParser
import Foundation
import ItemBankSystem

/// The exit status of every command: one policy, applied in one place (``ExitPolicy``) and documented
/// in the README ("Exit status").
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done: no finding at or above `--fail-on` (lint), no difference (diff), the bank is valid (verify).
    case success = 0
    /// The answer is "no": findings at or above `--fail-on`, differences, something to fix, not eligible.
    case findings = 1
    /// A usage or I/O error: a bad option or value (swift-argument-parser's validation errors, its
    /// status 64, are mapped here), a missing or unreadable file, an unwritable output.
    case usage = 2
    /// A compiled bank is not a valid bank: corrupt, truncated, not a bank, or a newer format.
    case invalidBank = 3
}

/// The error a command throws to stop: ``ItemBankCommand/main()`` prints its message once, as
/// `itembank: error: <message>` on standard error, and exits with its ``status``.
///
/// Commands never print an error and then return a status themselves: they throw one of these (or let
/// a validation error of swift-argument-parser through), so the rendering and the status live here.
struct CommandError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The process's exit status.
    var status: ExitStatus
    /// What went wrong and what to do; nil when the command has already reported (a findings status
    /// after a lint report, a diff).
    var message: String?

    var description: String { message ?? "exit status \(status.rawValue)" }

    /// A usage or I/O error (status 2): the message names the option, file or value and what to do.
    static func usage(_ message: String) -> CommandError { CommandError(status: .usage, message: message) }

    /// A compiled bank that is not valid (status 3).
    static func invalidBank(_ message: String) -> CommandError {
        CommandError(status: .invalidBank, message: message)
    }

    /// The answer is "no" (status 1), with an optional message (the report itself is the output).
    static func findings(_ message: String? = nil) -> CommandError {
        CommandError(status: .findings, message: message)
    }
}

/// How an error that ends a command becomes what the user sees and the process's exit status.
enum ExitPolicy {
    /// What to print on standard error and the status to exit with; nil when swift-argument-parser
    /// renders it itself (help, version: status 0).
    struct Outcome: Equatable, Sendable {
        /// The text for standard error (with its final line break), empty for none.
        var message: String
        var status: Int32
    }

    /// The outcome of `error`, thrown by parsing or by a command's `run()`.
    ///
    /// - ``CommandError``: `itembank: error: <message>` and its status;
    /// - swift-argument-parser's usage errors (an unknown option, a value not in an enum's closed set, a
    ///   `ValidationError` of `validate()`; its own status would be 64, `EX_USAGE`): its usual message
    ///   with the usage line (control characters escaped), and status 2, as every other usage error;
    /// - an `ExitCode` (the language server's status): that status, nothing printed;
    /// - any other error (a library error no command caught): `itembank: error: <description>`, status 2.
    ///
    /// Returns nil for help and version requests, which swift-argument-parser prints and exits 0.
    static func outcome(for error: any Error) -> Outcome? {
        if let error = error as? CommandError {
            return Outcome(
                message: error.message.map { "itembank: error: \($0)\n" } ?? "", status: error.status.rawValue)
        }
        if let code = error as? ExitCode {
            return code == .success ? nil : Outcome(message: "", status: code.rawValue)
        }
        let code = ItemBankCommand.exitCode(for: error)
        if code == .success { return nil }
        if code == .validationFailure {
            // The parser quotes the value it refused as given: control characters are escaped here, line
            // by line, as in every message of the tool (a value cannot move the cursor or clear the screen).
            let message = ItemBankCommand.fullMessage(for: error).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .map { PrintableText.escaped(String($0)) }.joined(separator: "\n")
            return Outcome(message: message + "\n", status: ExitStatus.usage.rawValue)
        }
        return Outcome(message: "itembank: error: \(error)\n", status: ExitStatus.usage.rawValue)
    }
}

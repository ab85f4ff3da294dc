import ArgumentParser
import Foundation
import ItemBankRuntime

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a compiled bank in full: every checksum, digest and reference.",
        discussion:
            "Exit status: 0 the bank is valid, 1 it is not (the error names the section and offset), 2 I/O error.")

    @Argument(help: "A compiled bank file.")
    var file: String

    func run() throws {
        let bank = try BankOpening.open(file)
        do {
            try bank.verify(.full)
        } catch {
            Terminal.error("\(file): \(error)")
            throw ExitCode(1)
        }
        Terminal.out("\(file): ok (\(bank.byteCount) bytes, \(bank.itemCount) items, sha256 \(bank.fileDigest))\n")
    }
}

enum BankOpening {
    /// Opens a bank and verifies it in full (every checksum and reference): for commands that act on a
    /// bank's content (session, certify, simulate), where a corrupt bank would give wrong results.
    /// On failure prints the error and exits with 2 (the bank is bad input).
    static func openVerified(_ file: String) throws -> Bank {
        do {
            let bank = try Bank(contentsOf: file)
            try bank.verify(.full)
            return bank
        } catch {
            throw Terminal.fail("\(file): not a valid bank: \(error)")
        }
    }

    /// Opens a bank; on failure prints the error and exits with 2 (I/O) or 1 (not a valid bank).
    static func open(_ file: String) throws -> Bank {
        do {
            return try Bank(contentsOf: file)
        } catch {
            Terminal.error("\(file): \(error)")
            throw ExitCode(error.code == .io ? 2 : 1)
        }
    }
}

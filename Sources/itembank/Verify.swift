import ArgumentParser
import Foundation
import ItemBankFormat
import ItemBankRuntime
import ItemBankSystem

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a compiled bank in full: every checksum, digest and reference.",
        discussion: """
            Prints the three SHA-256 digests, each labelled: the whole file's (what sha256sum prints), the \
            one stored in the trailer (of the bytes before the trailer), and the content digest (inspect's \
            "content: sha256", the same for the same sources).
            Exit status: 0 the bank is valid, 2 I/O error, 3 the file is not a valid bank (corrupt, \
            truncated or not a bank: the error names the section and offset).
            """)

    @Argument(help: "A compiled bank file.")
    var file: String

    func run() throws {
        let bank = try BankOpening.openVerified(file)
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw CommandError.usage("\(PrintableText.escaped(file)): cannot read the file again to hash it")
        }
        let whole = bytes.withUnsafeBytes { SHA256Digest.hex(SHA256Digest.hash($0)) }
        Terminal.out(
            """
            \(PrintableText.escaped(file)): ok (\(bank.byteCount) bytes, \(bank.itemCount) items)
              sha256 of the file:      \(whole)  (as sha256sum prints it)
              sha256 in the trailer:   \(bank.fileDigest)  (of the bytes before the \(BankFormat.trailerSize)-byte trailer)
              sha256 of the content:   \(bank.contentDigest)  (inspect's "content: sha256")

            """)
    }
}

/// How the commands that read a compiled bank open it, so that they all answer a bad file the same way:
/// exit status 2 when the file cannot be read (I/O), ``ExitStatus/invalidBank`` (3) when its bytes are not a
/// valid bank (corrupt, truncated, not a bank, a newer format).
enum BankOpening {
    /// Opens a bank and verifies it in full (every checksum and reference): for commands that act on a
    /// bank's content (session, certify, simulate, calibrate-exposure, diff, verify), where a corrupt
    /// bank would give wrong results.
    static func openVerified(_ file: String) throws -> Bank {
        try open(file, verifying: true)
    }

    /// Opens a bank with the open checks only (header, section table, CRC32C of the sections up to
    /// 64 KiB): for `inspect`, which says so.
    static func open(_ file: String) throws -> Bank {
        try open(file, verifying: false)
    }

    private static func open(_ file: String, verifying: Bool) throws -> Bank {
        do {
            let bank = try Bank(contentsOf: file)
            if verifying { try bank.verify(.full) }
            return bank
        } catch {
            if error.code == .io { throw CommandError.usage("\(PrintableText.escaped(file)): \(error)") }
            throw CommandError.invalidBank("\(PrintableText.escaped(file)): not a valid bank: \(error)")
        }
    }
}

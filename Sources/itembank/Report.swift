import ArgumentParser
import Foundation
import ItemBankReport
import ItemBankRuntime

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the bank report: a static site with every item, its diagnostics, coverage and calibration.",
        discussion: """
            Lints the bank, compiles it in memory, and writes a static site (plain HTML and CSS, a small \
            search script, the media the items use) that works from file:// and from any static host. \
            The same bank gives the same bytes. The site is written to a new folder next to the target and \
            swapped in, so a failed run leaves the previous site whole; an existing target is replaced only \
            when it is an empty folder or a previous report. Lint errors do not stop the report: they are \
            in it.

            Exit status: 0 written, 2 usage or I/O error (nothing written).
            """)

    @Argument(help: "The bank folder (the one holding bank.xml).")
    var bank: String

    @Option(name: .shortAndLong, help: "The folder to write the site to (for example site).")
    var output: String

    @Option(help: "A previous release (compiled bank) to show the changes since.")
    var against: String?

    func run() throws {
        var previous: Bank?
        if let against {
            // Exit status 3 for a file that is not a valid bank, as in every command (README, "Exit status").
            previous = try BankOpening.openVerified(against)
        }
        do {
            let input = try ReportInput.lint(bankAt: bank, previous: previous)
            let site = try BankReport.site(input)
            try ReportSiteWriter.write(site, to: output)
            Terminal.note(
                "wrote \(output): \(site.files.count) files, \(site.byteCount) bytes, \(input.bank.itemCount) items, "
                    + "\(input.diagnostics.count) diagnostics")
        } catch {
            throw CommandError.usage("\(error)")
        }
    }
}

import ArgumentParser
import Foundation
import ItemBankInterop
import ItemBankXML

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a bank's items as a QTI 3.0 content package (a folder, or a .zip) or a Moodle XML quiz.",
        discussion: """
            Writes imsmanifest.xml, one qti-assessment-item per file under items/, the images under media/, \
            and skills.txt (a skill map for itembank import). Prints the export report: what QTI cannot \
            express (tolerances t2/t3 as scoring, calibration, solution…). --format moodle writes one quiz file \
            (qcu, qcm, shortanswer, numerical; the other items listed). Exit status: 0 written, \
            1 the bank has reading errors, 2 usage or I/O error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case qti3
        case moodle
    }

    @Argument(help: "The bank folder (with bank.xml).")
    var bank: String

    @Option(help: "The export format.")
    var format: Format = .qti3

    @Option(name: .shortAndLong, help: "The package folder, or a file ending in .zip (qti3); the quiz file (moodle).")
    var output: String

    func run() throws {
        let result: BankReadResult
        do {
            result = try BankReader(schemas: try SchemaSet.builtIn()).read(root: bank)
        } catch {
            throw CommandError.usage("\(error)")
        }
        guard let sources = result.sources else {
            for diagnostic in result.diagnostics.sorted() {
                Terminal.note("\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)")
            }
            throw CommandError.usage("\(bank): the bank cannot be read")
        }
        let errors = result.diagnostics.filter { $0.severity == .error }
        for diagnostic in errors.sorted() {
            Terminal.note("\(diagnostic.location): error: \(diagnostic.message) [\(diagnostic.ruleID)]")
        }
        if format == .moodle {
            let quiz = MoodleExporter.quiz(items: sources.items, framework: sources.framework)
            do {
                try Data(quiz.xml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandError.usage("cannot write \(output): \(error.localizedDescription)")
            }
            Terminal.out(ExportNote.report(quiz.notes, exported: quiz.exported, format: "Moodle XML"))
            if !errors.isEmpty { throw CommandError.findings() }
            return
        }
        let media = sources.manifest.mediaPath.map { sources.root + "/" + $0 }
        let package = QTI3Exporter.package(items: sources.items, mediaFolder: media, bankID: sources.manifest.id)
        do {
            try package.write(to: output)
        } catch {
            throw CommandError.usage("\(error)")
        }
        Terminal.out(package.reportText())
        if !errors.isEmpty { throw CommandError.findings() }
    }
}

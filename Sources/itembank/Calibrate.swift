import ArgumentParser
import Foundation
import ItemBankCalibration
import ItemBankLint
import ItemBankModel
import ItemBankSystem
import ItemBankXML

/// `itembank calibrate`: item parameters from scored responses (MML-EM).
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate items' discrimination a and difficulty b from scored responses (MML-EM, 2PL or 1PL).",
        discussion: """
            Reads long-format responses (a header row naming person,item,score; score 0 or 1) and fits the \
            2PL (or 1PL) by marginal maximum likelihood with EM (Bock & Aitkin), MAP priors by default \
            (a ~ lognormal(0, 0.5), b ~ N(0, 2²)). Writes calibrations.csv with the columns \
            item,a,b,se_a,se_b,n,fit,p (a and b without the 1.7 factor; fit is the infit mean square, p its \
            two-sided p-value), then sx2,sx2_df,sx2_p: the S-X² summed-score fit of Orlando & Thissen and its \
            p-value when every person answered every item (dense data, at most 300 items), empty otherwise. \
            Items not estimable (all right, all wrong, too few responses) and persons \
            with fewer than two responses are left out and listed on standard error. See docs/algorithms.md.
            """)

    @Option(name: .customLong("responses"), parsing: .upToNextOption, help: "Response files (person,item,score CSV).")
    var responseFiles: [String] = []

    @Option(name: .shortAndLong, help: "The calibrations CSV to write (\"-\" for standard output).")
    var output: String = "-"

    @Flag(help: "Show progress on standard error even when it is not a terminal (shown on a terminal anyway).")
    var progress = false

    @Flag(help: "Write JSON (settings, convergence, items, exclusions) instead of CSV.")
    var json = false

    @Option(help: "The model: 2pl or 1pl.")
    var model: CalibrationModel = .twoPL

    @Option(help: "Quadrature points on [-6, 6] (default 61).")
    var quadrature = 61

    @Option(help: "Items with fewer responses are not estimated, left alone by --write, and listed (default 20).")
    var minResponses = 20

    @Flag(help: "Plain maximum likelihood: no prior on a and b.")
    var noPrior = false

    @Option(help: "Convergence: largest parameter change per EM cycle (default 1e-4).")
    var tolerance = 1e-4

    @Option(help: "EM cycle limit (default 500).")
    var maxCycles = 500

    @Option(help: "Anchor calibrations held fixed (CSV item,a,b); the ability mean and variance are then estimated.")
    var anchors: String?

    @Flag(help: "Skip the standard errors (se_a, se_b empty).")
    var noStandardErrors = false

    @Option(
        help: "A bank folder: every responded item must be one of its items; its anchor calibrations are held fixed.")
    var bank: String?

    @Option(help: "A bank folder whose items' <calibration> elements are updated in place with the estimates.")
    var write: String?

    @Flag(help: "With --write: print the changes as a unified diff and change nothing.")
    var dryRun = false

    @Option(help: "With --write: the date recorded (YYYY-MM-DD; default today, UTC).")
    var date: String?

    func validate() throws {
        guard !responseFiles.isEmpty else { throw ValidationError("give at least one --responses FILE") }
        guard (5...501).contains(quadrature) else { throw ValidationError("--quadrature must be from 5 to 501") }
        guard minResponses >= 1 else { throw ValidationError("--min-responses must be 1 or more") }
        guard tolerance > 0 && tolerance.isFinite else { throw ValidationError("--tolerance must be positive") }
        guard maxCycles >= 1 else { throw ValidationError("--max-cycles must be 1 or more") }
        if dryRun && write == nil { throw ValidationError("--dry-run goes with --write") }
        if let bank, let write, bank != write { throw ValidationError("--bank and --write name different banks") }
        if let date, ISO8601Date.parseDay(date) == nil {
            throw ValidationError("--date must be a day, YYYY-MM-DD (for example 2026-11-29), years 1970–9999")
        }
    }

    func run() throws {
        let responses: ResponseSet
        do {
            responses = try ResponseSet.read(paths: responseFiles)
        } catch let error as CalibrationInputError {
            Terminal.note(error.description)
            throw CommandError.usage("the responses cannot be calibrated; fix the lines above")
        }
        var anchorParameters: [String: AnchorParameters] = [:]
        if let anchors {
            do {
                anchorParameters = try AnchorFile.read(path: anchors)
            } catch let error as CalibrationInputError {
                Terminal.note(error.description)
                throw CommandError.usage("the anchors cannot be read; fix the lines above")
            }
        }
        var bankItems: [String: Item] = [:]
        if let root = bank ?? write {
            bankItems = try Self.readBank(root)
            var unknown: [CalibrationInputError.Problem] = []
            for (index, id) in responses.itemIDs.enumerated() where bankItems[id] == nil {
                let origin = responses.itemOrigins[index]
                unknown.append(
                    .init(
                        file: origin.file, line: origin.line,
                        message: "item \"\(id)\" is not in the bank \(root); check the identifier or the bank"))
            }
            if !unknown.isEmpty {
                Terminal.note(
                    CalibrationInputError(problems: Array(unknown.prefix(50)), more: max(0, unknown.count - 50))
                        .description)
                throw CommandError.usage("\(unknown.count) item(s) of the responses are not in the bank")
            }
            for (id, item) in bankItems {
                if let calibration = item.calibration, calibration.isAnchor, anchorParameters[id] == nil {
                    anchorParameters[id] = AnchorParameters(
                        discrimination: calibration.discrimination, difficulty: calibration.difficulty)
                }
            }
        }
        var settings = CalibrationSettings()
        settings.model = model
        settings.quadraturePoints = quadrature
        settings.minResponses = minResponses
        settings.prior = noPrior ? nil : .default
        settings.tolerance = tolerance
        settings.maxCycles = maxCycles
        settings.standardErrors = !noStandardErrors
        let result: CalibrationResult
        let display = ProgressLine("itembank calibrate", forced: progress)
        display.begin("estimating \(responses.itemIDs.count) items (MML-EM)")
        do {
            defer { display.end() }
            result = try Calibrator.calibrate(responses, settings: settings, anchors: anchorParameters)
        } catch let error as CalibrationError {
            throw CommandError.usage(error.description)
        }
        for item in result.excludedItems {
            Terminal.note(
                "itembank: warning: item \"\(item.item)\" not estimated (\(item.reason.rawValue), \(item.responses) responses); left out of the calibrations"
            )
        }
        if !result.excludedPersons.isEmpty {
            let shown = result.excludedPersons.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
            let more = result.excludedPersons.count > 10 ? " and \(result.excludedPersons.count - 10) more" : ""
            Terminal.note(
                "itembank: warning: \(result.excludedPersons.count) person(s) with fewer than two usable responses left out: \(shown)\(more)"
            )
        }
        if !result.converged {
            Terminal.note(
                "itembank: warning: EM did not converge in \(result.cycles) cycles (last change \(result.lastChange)); raise --max-cycles"
            )
        }
        Terminal.note(
            "calibrated \(result.items.count) items from \(result.responses) responses of \(result.persons) persons: \(result.cycles) EM cycles, \(result.converged ? "converged" : "not converged"), log-likelihood \(String(format: "%.4f", result.logLikelihood))"
        )
        let text = json ? CalibrationOutput.json(result) : CalibrationOutput.csv(result)
        if let write {
            try writeBack(result, items: bankItems, root: write)
            if output == "-" { return }
        }
        if output == "-" {
            Terminal.out(text)
        } else {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandError.usage("\(output): cannot write the calibrations (\(error.localizedDescription))")
            }
        }
    }
}

extension Calibrate {
    static func readBank(_ root: String) throws -> [String: Item] {
        let result: BankReadResult
        do {
            result = try BankReader(schemas: try SchemaSet.builtIn()).read(root: root)
        } catch {
            throw CommandError.usage("\(error)")
        }
        guard let sources = result.sources else {
            throw CommandError.usage("\(root): the bank manifest is not valid; run itembank lint \(root)")
        }
        var items: [String: Item] = [:]
        for item in sources.items { items[item.id] = item }
        return items
    }

    /// Updates (or, with --dry-run, shows) each estimated item's <calibration> element.
    func writeBack(_ result: CalibrationResult, items: [String: Item], root: String) throws {
        let today = ISO8601Date.day(of: Date())
        var changed = 0
        var failures: [String] = []
        for calibrated in result.items where !calibrated.anchor {
            guard let item = items[calibrated.item] else { continue }
            let path = item.location.path
            guard let data = FileManager.default.contents(atPath: path) else {
                failures.append("\(path): cannot read the file")
                continue
            }
            let bytes = [UInt8](data)
            let update = CalibrationUpdate(
                discrimination: calibrated.discrimination, difficulty: calibrated.difficulty,
                responses: calibrated.responses, date: date ?? today, fit: calibrated.infit, fitP: calibrated.fitP)
            guard let edit = CalibrationEditor.edit(item: item, bytes: bytes, update: update) else {
                failures.append("\(path): no place found for the <calibration> element; item left unchanged")
                continue
            }
            if edit.original == edit.replacement { continue }
            changed += 1
            if dryRun {
                Terminal.out(UnifiedDiff.render(label: path, original: bytes, edits: [edit]))
            } else {
                do {
                    try Data(CalibrationEditor.apply([edit], to: bytes)).write(
                        to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    failures.append("\(path): cannot write (\(error.localizedDescription))")
                }
            }
        }
        for failure in failures { Terminal.error(failure) }
        Terminal.note("\(dryRun ? "would update" : "updated") the calibration of \(changed) item(s) in \(root)")
        if !failures.isEmpty { throw CommandError(status: .usage, message: nil) }
    }
}

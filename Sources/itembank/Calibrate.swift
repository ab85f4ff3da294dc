import ArgumentParser
import Foundation
import ItemBankCalibration

/// `itembank calibrate`: item parameters from scored responses (MML-EM).
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate items' discrimination a and difficulty b from scored responses (MML-EM, 2PL or 1PL).",
        discussion: """
            Reads long-format responses (a header row naming person,item,score; score 0 or 1) and fits the \
            2PL (or 1PL) by marginal maximum likelihood with EM (Bock & Aitkin), MAP priors by default \
            (a ~ lognormal(0, 0.5), b ~ N(0, 2²)). Writes calibrations.csv with the columns \
            item,a,b,se_a,se_b,n,fit,p (a and b without the 1.7 factor; fit is the infit mean square, p its \
            two-sided p-value). Items not estimable (all right, all wrong, too few responses) and persons \
            with fewer than two responses are left out and listed on standard error. See docs/algorithms.md.
            """)

    @Option(name: .customLong("responses"), parsing: .upToNextOption, help: "Response files (person,item,score CSV).")
    var responseFiles: [String] = []

    @Option(name: .shortAndLong, help: "The calibrations CSV to write (\"-\" for standard output).")
    var output: String = "-"

    @Flag(help: "Write JSON (settings, convergence, items, exclusions) instead of CSV.")
    var json = false

    @Option(help: "The model: 2pl or 1pl.")
    var model: CalibrationModel = .twoPL

    @Option(help: "Quadrature points on [-6, 6] (default 61).")
    var quadrature = 61

    @Option(help: "Items with fewer responses are not estimated (default 1).")
    var minResponses = 1

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

    func validate() throws {
        guard !responseFiles.isEmpty else { throw ValidationError("give at least one --responses FILE") }
        guard (5...501).contains(quadrature) else { throw ValidationError("--quadrature must be from 5 to 501") }
        guard minResponses >= 1 else { throw ValidationError("--min-responses must be 1 or more") }
        guard tolerance > 0 && tolerance.isFinite else { throw ValidationError("--tolerance must be positive") }
        guard maxCycles >= 1 else { throw ValidationError("--max-cycles must be 1 or more") }
    }

    func run() throws {
        let responses: ResponseSet
        do {
            responses = try ResponseSet.read(paths: responseFiles)
        } catch let error as CalibrationInputError {
            Terminal.note(error.description)
            throw Terminal.fail("the responses cannot be calibrated; fix the lines above")
        }
        var anchorParameters: [String: AnchorParameters] = [:]
        if let anchors {
            do {
                anchorParameters = try AnchorFile.read(path: anchors)
            } catch let error as CalibrationInputError {
                Terminal.note(error.description)
                throw Terminal.fail("the anchors cannot be read; fix the lines above")
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
        do {
            result = try Calibrator.calibrate(responses, settings: settings, anchors: anchorParameters)
        } catch let error as CalibrationError {
            throw Terminal.fail(error.description)
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
        if output == "-" {
            Terminal.out(text)
        } else {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw Terminal.fail("\(output): cannot write the calibrations (\(error.localizedDescription))")
            }
        }
    }
}

extension CalibrationModel: ExpressibleByArgument {}

/// Anchor calibrations: a CSV `item,a,b` (the calibrations CSV works too).
enum AnchorFile {
    static func read(path: String) throws -> [String: AnchorParameters] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CalibrationInputError(problems: [.init(file: path, line: 0, message: "cannot read the file")])
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        while lines.last == "" { lines.removeLast() }
        let header = (lines.first ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")).lowercased()
        }
        guard let itemColumn = header.firstIndex(of: "item"), let aColumn = header.firstIndex(of: "a"),
            let bColumn = header.firstIndex(of: "b")
        else {
            throw CalibrationInputError(problems: [
                .init(file: path, line: 1, message: "expected a header row naming the columns item,a,b")
            ])
        }
        var anchors: [String: AnchorParameters] = [:]
        var problems: [CalibrationInputError.Problem] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            }
            guard fields.count > max(itemColumn, aColumn, bColumn), let a = Double(fields[aColumn]),
                let b = Double(fields[bColumn]), a > 0, a.isFinite, b.isFinite
            else {
                problems.append(.init(file: path, line: index + 1, message: "expected item,a,b with a > 0 and b finite"))
                continue
            }
            anchors[fields[itemColumn]] = AnchorParameters(discrimination: a, difficulty: b)
        }
        if !problems.isEmpty { throw CalibrationInputError(problems: problems) }
        return anchors
    }
}

/// Renders calibrations as CSV or JSON.
enum CalibrationOutput {
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.6f", value)
    }

    static func csv(_ result: CalibrationResult) -> String {
        var text = "item,a,b,se_a,se_b,n,fit,p\n"
        for item in result.items {
            let id =
                item.item.contains(",") || item.item.contains("\"")
                ? "\"" + item.item.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : item.item
            text += [
                id, number(item.discrimination), number(item.difficulty), number(item.discriminationSE),
                number(item.difficultySE), String(item.responses), number(item.infit), number(item.fitP),
            ].joined(separator: ",") + "\n"
        }
        return text
    }

    static func json(_ result: CalibrationResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(result) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

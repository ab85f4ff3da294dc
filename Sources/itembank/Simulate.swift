import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankRuntime
import ItemBankSystem

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate adaptive tests on a compiled bank or a CAT workload, and report accuracy and exposure.",
        discussion: """
            With --workload DIR (bank.csv + thetas.csv, for example ../shared/bench/cat-500), examinees answer \
            by the workload's portable rule, so runs compare item by item with other engines. With a compiled \
            bank, examinees have θ ~ N(0, 1) (or --thetas FILE) and only calibrated items are used. \
            Deterministic for a seed (wall time aside). Algorithms and figures: docs/algorithms.md.
            """)

    @Argument(help: "A compiled bank (.itembank); optional with --workload.")
    var bank: String?

    @Option(help: "A CAT workload folder holding bank.csv and thetas.csv.")
    var workload: String?

    @Option(help: "The adaptive engine.")
    var engine: SimulationEngine = .irt

    @Option(help: "The IRT form (settings of the engine).")
    var form: CATForm = .reference

    @Option(help: "Fixed test length, 1 or more (default 20 for reference, 32 for the Pix forms).")
    var length: Int?

    @Option(
        help: ArgumentHelp(
            "Variable length: se:THRESHOLD or classification:CUT,CUT…[@Z] (with --min, --max).", valueName: "rule"),
        transform: StopOption.argument)
    var stop: StopOption?

    @Option(help: "Minimum length with --stop (default 0).")
    var min: Int?

    @Option(help: "Maximum length with --stop (default 40).")
    var max: Int?

    @Option(
        help: ArgumentHelp(
            "Exposure control: \(ExposureOption.forms) (default: the form's).", valueName: "exposure"),
        transform: ExposureOption.argument)
    var exposure: ExposureOption?

    @Option(help: "Seed of the random picks (and of θ for a compiled bank).")
    var seed: UInt64 = 1

    @Option(help: "Simulated examinees for a compiled bank without --thetas (default 1000, at most 10000000).")
    var examinees: Int?

    @Option(help: "A thetas.csv (examinee,theta) for a compiled bank.")
    var thetas: String?

    @Option(
        help:
            "Examinees per iteration of the in-run Sympson–Hetter calibration (default 4000, at most 10000000)."
    )
    var calibrationExaminees: Int?

    @Option(help: "Iterations of the in-run Sympson–Hetter calibration (default 20, at most 1000).")
    var calibrationIterations: Int?

    @Flag(help: "Run on one core (the default uses every core unless an exposure ceiling needs order).")
    var oneCore = false

    @Flag(help: "Show progress on standard error even when it is not a terminal (shown on a terminal anyway).")
    var progress = false

    @Flag(help: "Print JSON (sorted keys) instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Also write the simulated examinees' responses to FILE (person,item,score CSV, the format calibrate reads).",
            valueName: "FILE"))
    var responsesOut: String?

    @Option(help: "Simulate a learner journey instead of the IRT engine.")
    var journey: SimulatedJourney?

    @OptionGroup var learners: JourneySimulationOptions

    func validate() throws {
        if let journey {
            if responsesOut != nil {
                throw ValidationError("--responses-out goes with the IRT engine simulation, not with --journey")
            }
            guard bank != nil, workload == nil else {
                throw ValidationError("--journey \(journey.rawValue) needs a compiled bank (not --workload)")
            }
            try learners.validate()
            return
        }
        guard (bank == nil) != (workload == nil) else {
            throw ValidationError("give either a compiled bank or --workload DIR")
        }
        if workload != nil {
            for (option, given) in [("--examinees", examinees != nil), ("--thetas", thetas != nil)] where given {
                throw ValidationError(
                    "\(option) goes with a compiled bank: with --workload DIR the examinees are those of DIR/thetas.csv"
                )
            }
        }
        if examinees != nil, thetas != nil {
            throw ValidationError("--examinees and --thetas exclude each other: the examinees are those of the file")
        }
        try Self.check("--examinees", examinees, CATSimulation.maximumExaminees)
        try Self.check("--calibration-examinees", calibrationExaminees, CATSimulation.maximumExaminees)
        try Self.check("--calibration-iterations", calibrationIterations, SympsonHetterCalibration.maximumIterations)
        if calibrationExaminees != nil || calibrationIterations != nil, exposure?.sympsonHetterTarget == nil {
            throw ValidationError(
                "--calibration-examinees and --calibration-iterations go with --exposure sympson-hetter:R")
        }
    }

    /// A count option, when given, in 1 ... maximum.
    private static func check(_ option: String, _ value: Int?, _ maximum: Int) throws {
        if let value, !(1...maximum).contains(value) {
            throw ValidationError("\(option) must be from 1 to \(maximum) (got \(value))")
        }
    }

    func run() throws {
        if journey != nil, let bank {
            return try learners.run(bank: bank, seed: seed, json: json, progress: progress)
        }
        let source = try loadSource()
        try JourneyFiles.checkOutput(responsesOut)
        let options = SimulationOptions(
            form: form, length: length, stop: stop, minimumLength: min, maximumLength: max, exposure: exposure)
        do {
            let (settings, target) = try options.settings(population: source.examinees)
            var pool = source.pool
            try CATSimulation.checkSize(
                examinees: source.examinees, settings: settings, poolCount: pool.count, label: source.examineesLabel)
            let thetas = source.thetas ?? CATSimulation.normalAbilities(count: source.examinees, seed: seed)
            var calibration: SympsonHetterCalibration.Result?
            if target != nil, pool.exposureParameters != nil {
                Terminal.note(
                    "note: Sympson–Hetter parameters from the bank (its EXPO section)"
                        + (calibrationExaminees != nil || calibrationIterations != nil
                            ? "; --calibration-examinees and --calibration-iterations are not used" : ""))
            }
            let display = ProgressLine("itembank simulate", forced: progress)
            defer { display.end() }
            if let target {
                if pool.exposureParameters == nil {
                    display.begin("calibrating Sympson–Hetter parameters")
                    try CATSimulation.checkSize(
                        examinees: calibrationExaminees ?? 4000, settings: settings, poolCount: pool.count,
                        label: "--calibration-examinees")
                    let result = try SympsonHetterCalibration(
                        settings: settings, target: target, examinees: calibrationExaminees ?? 4000,
                        iterations: calibrationIterations ?? 20, seed: seed
                    ).run(pool: pool)
                    pool = try pool.withExposureParameters(result.parameters)
                    calibration = result
                }
            }
            let engine = try CATEngine(pool: pool, settings: settings)
            let simulation = CATSimulation(
                engine: engine, thetas: thetas, answers: PortableAnswers(itemCount: pool.count), seed: seed,
                parallel: !oneCore)
            display.begin("simulating \(thetas.count) examinees")
            let start = DispatchTime.now().uptimeNanoseconds
            let outcomes = simulation.outcomes()
            let report = CATSimulationReport(
                outcomes: outcomes, itemCount: pool.count, checkpoints: simulation.checkpoints,
                wallSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                threads: simulation.needsOrder || !simulation.parallel
                    ? 1 : ProcessInfo.processInfo.activeProcessorCount)
            display.end()
            if let responsesOut {
                try Self.writeResponses(
                    outcomes, source: source, simulation: simulation, thetas: thetas, to: responsesOut)
            }
            if report.administrationsPastCeiling > 0, let ceiling = settings.exposure.ceiling {
                let share = Double(report.administrationsPastCeiling) / Double(Swift.max(1, report.administrations))
                Terminal.note(
                    "note: the exposure ceiling \(ceiling.rate) could not be honoured: "
                        + "\(report.administrationsPastCeiling) of \(report.administrations) administrations ("
                        + String(format: "%.1f", 100 * share) + " %) went to items already at the ceiling, "
                        + "no other item being left; maximum exposure " + String(format: "%.3f", report.maximumExposure)
                )
            }
            let output = SimulationOutput(
                source: source.description, engine: self.engine.rawValue, form: form.rawValue,
                exposure: exposure?.text ?? settings.exposure.specification, seed: seed,
                settings: settings, report: report,
                calibration: calibration.map {
                    .init(target: target ?? 0, chosenIteration: $0.chosen, iterations: $0.iterations)
                })
            Terminal.out(json ? try JSONOutput.encode(output) : output.text)
        } catch let error as CATError {
            throw CommandError.usage(error.message)
        }
    }

    /// Writes each examinee's scored responses, in administration order, as `person,item,score` rows
    /// (the long format `itembank calibrate` reads). The scores are the simulation's own answers
    /// (``PortableAnswers`` depends only on the examinee, θ and the item), recomputed here.
    private static func writeResponses(
        _ outcomes: [CATSimulation.Outcome], source: Source, simulation: CATSimulation, thetas: [Double],
        to path: String
    ) throws {
        let persons = source.examineeIDs ?? thetas.indices.map { "e\($0 + 1)" }
        for (what, ids) in [("item", source.itemIDs), ("examinee", persons)] {
            if let bad = ids.first(where: { id in id.isEmpty || id.contains { ",\"\r\n".contains($0) } }) {
                throw CommandError.usage(
                    "--responses-out: the \(what) id \(PrintableText.escaped(bad)) cannot be written in a "
                        + "person,item,score CSV (empty, or holding a comma, quote or line break): rename it")
            }
        }
        var bytes: [UInt8] = Array("person,item,score\n".utf8)
        var rows = 0
        for (examinee, outcome) in outcomes.enumerated() {
            for item in outcome.administered {
                let correct = simulation.answers.isCorrect(
                    examinee: examinee, theta: thetas[examinee], item: simulation.engine.pool[item], index: item)
                bytes.append(contentsOf: persons[examinee].utf8)
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: source.itemIDs[item].utf8)
                bytes.append(contentsOf: (correct ? ",1\n" : ",0\n").utf8)
                rows += 1
            }
        }
        do {
            try BankFileWriter.write(bytes, to: path)
        } catch {
            throw CommandError.usage("\(error)")
        }
        Terminal.note(
            "note: wrote \(rows) responses of \(outcomes.count) examinees to \(PrintableText.escaped(path))")
    }

    private struct Source {
        var description: String
        var pool: ItemPool
        /// Item ids, in pool order.
        var itemIDs: [String]
        /// Examinee ids (from a thetas file), nil for generated examinees (then e1, e2, …).
        var examineeIDs: [String]?
        /// The examinees' true θ, nil for θ ~ N(0, 1) drawn once the size is checked.
        var thetas: [Double]?
        var examinees: Int
        /// Where the examinees come from, for the size check's message.
        var examineesLabel: String
    }

    private func loadSource() throws -> Source {
        do {
            if let workload {
                let data = try CATWorkload.load(directory: workload)
                return Source(
                    description:
                        "workload \(PrintableText.escaped(workload)): \(data.items.count) items, \(data.thetas.count) examinees",
                    pool: try ItemPool(items: data.items), itemIDs: data.itemIDs, examineeIDs: data.examineeIDs,
                    thetas: data.thetas, examinees: data.thetas.count,
                    examineesLabel: "the examinees of \(PrintableText.escaped(workload))/thetas.csv")
            }
            guard let bank else { throw CommandError.usage("no bank") }
            let opened = try BankOpening.openVerified(bank)
            let bankPool = try BankItemPool(bank: opened)
            if !bankPool.uncalibrated.isEmpty || !bankPool.invalidCalibration.isEmpty {
                Terminal.note(
                    "note: \(bankPool.uncalibrated.count) item(s) without calibration and "
                        + "\(bankPool.invalidCalibration.count) with an invalid one left out of the IRT pool")
            }
            guard bankPool.pool.count > 0 else {
                throw CommandError.usage("\(PrintableText.escaped(bank)): no calibrated validated item")
            }
            let loaded = try thetas.map { try CATWorkload.loadThetas($0) }
            let abilities = loaded?.thetas
            let count = abilities?.count ?? examinees ?? 1000
            return Source(
                description:
                    "bank \(PrintableText.escaped(bank)): \(bankPool.pool.count) calibrated items, \(count) examinees",
                pool: bankPool.pool, itemIDs: bankPool.bankItems.map { opened.item(at: $0)?.id ?? "" },
                examineeIDs: loaded?.ids, thetas: abilities, examinees: count,
                examineesLabel: thetas.map { "the examinees of \(PrintableText.escaped($0))" } ?? "--examinees")
        } catch let error as CATWorkloadError {
            throw CommandError.usage(PrintableText.escaped(error.description))
        } catch let error as CATError {
            throw CommandError.usage(error.description)
        }
    }
}

/// What `simulate` prints, as text or JSON.
struct SimulationOutput: Encodable {
    struct Calibration: Encodable {
        var target: Double
        var chosenIteration: Int
        var iterations: [SympsonHetterCalibration.Iteration]
    }

    var source: String
    var engine: String
    var form: String
    var exposure: String
    var seed: UInt64
    var settings: CATSettings
    var report: CATSimulationReport
    var calibration: Calibration?

    var text: String {
        var lines = ["source:       \(source)"]
        let stopping = settings.stopping
        var length = "fixed length \(stopping.maximumLength)"
        if let threshold = stopping.standardError {
            length = "stop at SE < \(threshold) (min \(stopping.minimumLength), max \(stopping.maximumLength))"
        } else if let classification = stopping.classification {
            length = "classification stop, cuts \(classification.cuts), z \(classification.z)"
        }
        lines.append("engine:       \(engine), form \(form), exposure \(exposure), \(length), seed \(seed)")
        if let calibration {
            let kept = calibration.iterations[calibration.chosenIteration]
            lines.append(
                "calibration:  Sympson–Hetter at \(calibration.target), \(calibration.iterations.count) iterations, "
                    + "kept iteration \(calibration.chosenIteration + 1) (max exposure "
                    + String(format: "%.3f", kept.maximumExposure) + " on the calibration examinees)")
        }
        return lines.joined(separator: "\n") + "\n" + report.text
    }
}

import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankRuntime

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

    @Option(help: "The engine: irt.")
    var engine = "irt"

    @Option(help: "The IRT form: reference, pix-campaign or pix-certification.")
    var form = "reference"

    @Option(help: "Fixed test length (default 20 for reference, 32 for the Pix forms).")
    var length: Int?

    @Option(help: "Variable length: se:THRESHOLD or classification:CUT,CUT…[@Z] (with --min, --max).")
    var stop: String?

    @Option(help: "Minimum length with --stop (default 0).")
    var min: Int?

    @Option(help: "Maximum length with --stop (default 40).")
    var max: Int?

    @Option(
        help:
            "Exposure control: none, pix, randomesque:K, geometric:K:P, ceiling:R, quota:R, sympson-hetter:R (default: the form's)."
    )
    var exposure: String?

    @Option(help: "Seed of the random picks (and of θ for a compiled bank).")
    var seed: UInt64 = 1

    @Option(help: "Simulated examinees for a compiled bank without --thetas.")
    var examinees = 1000

    @Option(help: "A thetas.csv (examinee,theta) for a compiled bank.")
    var thetas: String?

    @Option(help: "Examinees per iteration of the in-run Sympson–Hetter calibration.")
    var calibrationExaminees = 4000

    @Option(help: "Iterations of the in-run Sympson–Hetter calibration.")
    var calibrationIterations = 20

    @Flag(help: "Run on one core (the default uses every core unless an exposure ceiling needs order).")
    var oneCore = false

    @Flag(help: "Print JSON (sorted keys) instead of text.")
    var json = false

    @Option(help: "Simulate a learner journey instead of the IRT engine: positioning.")
    var journey: String?

    @OptionGroup var learners: JourneySimulationOptions

    func validate() throws {
        if let journey {
            guard journey == "positioning" else {
                throw ValidationError("--journey \(journey): only positioning is available")
            }
            guard bank != nil, workload == nil else {
                throw ValidationError("--journey positioning needs a compiled bank (not --workload)")
            }
            try learners.validate()
            return
        }
        guard engine == "irt" else {
            throw ValidationError("--engine \(engine): only irt is available")
        }
        guard (bank == nil) != (workload == nil) else {
            throw ValidationError("give either a compiled bank or --workload DIR")
        }
        guard examinees >= 1, calibrationExaminees >= 1, calibrationIterations >= 1 else {
            throw ValidationError("--examinees and the calibration counts must be 1 or more")
        }
    }

    func run() throws {
        if journey != nil, let bank {
            return try learners.run(bank: bank, seed: seed, json: json)
        }
        let source = try loadSource()
        let options = IRTSimulationOptions(
            form: form, length: length, stop: stop, minimumLength: min, maximumLength: max, exposure: exposure)
        do {
            let (settings, target) = try options.settings(population: source.thetas.count)
            var pool = source.pool
            var calibration: IRTSympsonHetterCalibration.Result?
            if target != nil, pool.exposureParameters != nil {
                Terminal.note("note: Sympson–Hetter parameters from the bank (its EXPO section)")
            }
            if let target {
                if pool.exposureParameters == nil {
                    let result = try IRTSympsonHetterCalibration(
                        settings: settings, target: target, examinees: calibrationExaminees,
                        iterations: calibrationIterations, seed: seed
                    ).run(pool: pool)
                    pool = try pool.withExposureParameters(result.parameters)
                    calibration = result
                }
            }
            let engine = try IRTEngine(pool: pool, settings: settings)
            let simulation = IRTSimulation(
                engine: engine, thetas: source.thetas, answers: PortableAnswers(itemCount: pool.count), seed: seed,
                parallel: !oneCore)
            let report = simulation.run()
            let output = SimulationOutput(
                source: source.description, engine: "irt", form: form,
                exposure: exposure ?? settings.exposure.specification, seed: seed,
                settings: settings, report: report,
                calibration: calibration.map {
                    .init(target: target ?? 0, chosenIteration: $0.chosen, iterations: $0.iterations)
                })
            Terminal.out(json ? try JSONOutput.encode(output) : output.text)
        } catch let error as IRTError {
            throw Terminal.fail(error.message)
        }
    }

    private struct Source {
        var description: String
        var pool: IRTItemPool
        var thetas: [Double]
    }

    private func loadSource() throws -> Source {
        do {
            if let workload {
                let data = try CATWorkload.load(directory: workload)
                return Source(
                    description: "workload \(workload): \(data.items.count) items, \(data.thetas.count) examinees",
                    pool: try IRTItemPool(items: data.items), thetas: data.thetas)
            }
            guard let bank else { throw Terminal.fail("no bank") }
            let opened = try BankOpening.open(bank)
            let bankPool = try IRTBankPool(bank: opened)
            if !bankPool.uncalibrated.isEmpty || !bankPool.invalidCalibration.isEmpty {
                Terminal.note(
                    "note: \(bankPool.uncalibrated.count) item(s) without calibration and "
                        + "\(bankPool.invalidCalibration.count) with an invalid one left out of the IRT pool")
            }
            guard bankPool.pool.count > 0 else { throw Terminal.fail("\(bank): no calibrated validated item") }
            var abilities: [Double]
            if let thetas {
                abilities = try CATWorkload.loadThetas(thetas).thetas
            } else {
                var random = IRTRandom(seed: IRTRandom.mix(seed ^ 0x5448_4554_4153))
                abilities = (0..<examinees).map { _ in random.nextStandardNormal() }
            }
            return Source(
                description: "bank \(bank): \(bankPool.pool.count) calibrated items, \(abilities.count) examinees",
                pool: bankPool.pool, thetas: abilities)
        } catch let error as CATWorkloadError {
            throw Terminal.fail(error.description)
        } catch let error as IRTError {
            throw Terminal.fail(error.description)
        }
    }
}

/// What `simulate` prints, as text or JSON.
struct SimulationOutput: Encodable {
    struct Calibration: Encodable {
        var target: Double
        var chosenIteration: Int
        var iterations: [IRTSympsonHetterCalibration.Iteration]
    }

    var source: String
    var engine: String
    var form: String
    var exposure: String
    var seed: UInt64
    var settings: IRTSettings
    var report: IRTSimulationReport
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

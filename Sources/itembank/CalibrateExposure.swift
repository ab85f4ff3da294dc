import AdaptiveTesting
import ArgumentParser
import Foundation
import ItemBankCompiler
import ItemBankFormat
import ItemBankRuntime
import ItemBankSystem

struct CalibrateExposure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate-exposure",
        abstract:
            "Compute Sympson–Hetter exposure parameters by simulation; store them and the IRT selection index in a copy of the bank.",
        discussion: """
            Iterated simulations of the IRT form (θ ~ N(0, 1), calibrated validated items) until the exposure \
            rates settle near the target; the parameters go into the bank's optional EXPO section, and the \
            precomputed selection index of the IRT pool into IRTX (docs/bank-format.md). --target 1 stores the \
            index without exposure control (k = 1). Deterministic for a seed. The output is written atomically.
            """)

    @Argument(help: "A compiled bank (.itembank).")
    var bank: String

    @Option(help: "Target exposure rate r, in (0, 1].")
    var target: Double

    @Option(name: .shortAndLong, help: "The bank to write.")
    var output: String

    @Option(help: "The IRT form (settings of the engine).")
    var form: CATForm = .reference

    @Option(help: "Test length, 1 or more (default 20 for reference, 32 for the Pix forms).")
    var length: Int?

    @Option(help: "Simulated examinees per iteration (at most 10000000).")
    var examinees = 4000

    @Option(help: "Iterations (at most 1000).")
    var iterations = 20

    @Option(help: "Seed of the simulations.")
    var seed: UInt64 = 1

    func validate() throws {
        guard target > 0, target <= 1 else {
            throw ValidationError("--target must be a number in (0, 1] (got \(target))")
        }
        guard (1...CATSimulation.maximumExaminees).contains(examinees) else {
            throw ValidationError(
                "--examinees must be from 1 to \(CATSimulation.maximumExaminees) (got \(examinees))")
        }
        guard (1...SympsonHetterCalibration.maximumIterations).contains(iterations) else {
            throw ValidationError(
                "--iterations must be from 1 to \(SympsonHetterCalibration.maximumIterations) (got \(iterations))")
        }
    }

    func run() throws {
        let opened = try BankOpening.openVerified(bank)
        do {
            let bankPool = try BankItemPool(bank: opened, exposureParameters: [])
            guard bankPool.pool.count > 0 else {
                throw CommandError.usage("\(PrintableText.escaped(bank)): no calibrated validated item")
            }
            let settings: CATSettings
            do {
                settings = try SimulationOptions(form: form, length: length).settings(population: examinees).settings
                try CATSimulation.checkSize(
                    examinees: examinees, settings: settings, poolCount: bankPool.pool.count, label: "--examinees")
            } catch {
                throw CommandError.usage(error.message)
            }
            let result = try SympsonHetterCalibration(
                settings: settings, target: target, examinees: examinees, iterations: iterations, seed: seed
            ).run(pool: bankPool.pool)
            let bytes = bankPool.bank(opened, withExposureParameters: result.parameters)
            do {
                try BankFileWriter.write(bytes, to: output)
            } catch {
                throw CommandError.usage("cannot write \(PrintableText.escaped(output)): \(error)")
            }
            let kept = result.iterations[result.chosen]
            let capped = result.parameters.count { $0 < 1 }
            Terminal.note(
                "wrote \(PrintableText.escaped(output)): Sympson–Hetter parameters and selection index for \(bankPool.pool.count) items "
                    + "(\(capped) below 1), "
                    + "target \(target), iteration \(result.chosen + 1) of \(iterations) kept (max exposure "
                    + String(format: "%.3f", kept.maximumExposure) + " on \(examinees) simulated examinees)")
        } catch let error as CATError {
            throw CommandError.usage(error.description)
        }
    }
}

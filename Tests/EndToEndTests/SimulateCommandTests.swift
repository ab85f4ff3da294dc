import Foundation
import Testing

/// `itembank simulate --engine irt` on the shared cat-500 workload: the figures of docs/algorithms.md,
/// exactly (the run is deterministic; only the wall time varies).
@Suite("itembank simulate")
struct SimulateCommandTests {
    /// `../shared/bench/cat-500` from the repository root, nil (test skipped) when absent.
    static let workload: String? = {
        let path = URL(fileURLWithPath: CLI.root + "/../shared/bench/cat-500").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path + "/bank.csv") ? path : nil
    }()

    func simulate(_ arguments: [String]) throws -> (text: CLI.Result, report: [String: Any])? {
        guard let workload = Self.workload else {
            print("skipped: ../shared/bench/cat-500 is absent")
            return nil
        }
        let text = try CLI.run(["simulate", "--workload", workload, "--engine", "irt"] + arguments)
        let json = try CLI.run(["simulate", "--workload", workload, "--engine", "irt", "--json"] + arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        return (text, object?["report"] as? [String: Any] ?? [:])
    }

    func number(_ report: [String: Any], _ key: String) -> Double { (report[key] as? NSNumber)?.doubleValue ?? .nan }

    @Test("reference configuration, 20 items")
    func reference() throws {
        guard let (text, report) = try simulate([]) else { return }
        let lines = text.stdoutLines.filter { !$0.hasPrefix("wall time:") && !$0.hasPrefix("source:") }
        #expect(
            lines == [
                "engine:       irt, form reference, exposure none, fixed length 20, seed 1",
                "examinees:    1000, bank of 500 items",
                "final θ:      RMSE 0.3010  bias +0.0180  correlation 0.9540  mean SE 0.2899",
                "RMSE after:   1: 0.8158  5: 0.4975  10: 0.3818  15: 0.3341  20: 0.3010",
                "test length:  mean 20.00 (min 20, max 20)  stops: maximum-length 1000",
                "exposure:     max 1.000  never used 79.8 %  overlap T 0.3838",
            ])
        #expect(abs(number(report, "rmse") - 0.3010250975131917) < 1e-12)
        #expect(abs(number(report, "bias") - 0.017991092476916708) < 1e-12)
        #expect(abs(number(report, "correlation") - 0.9539782185864131) < 1e-12)
        #expect(abs(number(report, "overlapRate") - 0.3837679) < 1e-9)
    }

    @Test("reference configuration, 30 items")
    func thirtyItems() throws {
        guard let (_, report) = try simulate(["--length", "30"]) else { return }
        #expect(abs(number(report, "rmse") - 0.24953748697871567) < 1e-12)
        #expect(abs(number(report, "bias") - 0.012211015549956065) < 1e-12)
        #expect(abs(number(report, "correlation") - 0.9685512378030025) < 1e-12)
    }

    @Test("exposure ceilings at 0.20: the README's rule and the population quota")
    func ceilings() throws {
        guard let (_, soFar) = try simulate(["--exposure", "ceiling:0.2"]) else { return }
        #expect(number(soFar, "maximumExposure") == 0.2)
        #expect(abs(number(soFar, "rmse") - 0.32689240876522657) < 1e-12)
        guard let (text, quota) = try simulate(["--exposure", "quota:0.2"]) else { return }
        #expect(number(quota, "maximumExposure") == 0.2)
        #expect(abs(number(quota, "rmse") - 0.30802291565131124) < 1e-12)
        #expect(text.stdout.contains("wall time:") && text.stdout.contains("on 1 thread"))
    }

    @Test("Sympson–Hetter calibrated in the run (a short calibration: the debug build is slow)")
    func sympsonHetter() throws {
        let short = ["--calibration-examinees", "1000", "--calibration-iterations", "4"]
        guard let (text, report) = try simulate(["--exposure", "sympson-hetter:0.2"] + short) else { return }
        #expect(text.stdout.contains("calibration:  Sympson–Hetter at 0.2, 4 iterations, kept iteration 4"))
        #expect(number(report, "maximumExposure") == 0.287)
        #expect(abs(number(report, "rmse") - 0.3120440426063256) < 1e-12)
    }

    @Test("standard-error stop at 0.30, at most 40 items")
    func standardErrorStop() throws {
        guard let (text, report) = try simulate(["--stop", "se:0.30", "--max", "40"]) else { return }
        #expect(number(report, "meanLength") == 19.139)
        #expect(abs(number(report, "rmse") - 0.3056295481942181) < 1e-12)
        #expect(text.stdout.contains("stops: maximum-length 2, standard-error 998"))
    }

    @Test("usage errors and bad workload rows exit with status 2 and say where")
    func errors() throws {
        let journey = try CLI.run(["simulate", "--workload", "x", "--engine", "journey"])
        #expect(journey.status == 2)
        #expect(journey.stderr.contains("--engine journey: only irt is available"))
        let neither = try CLI.run(["simulate"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("give either a compiled bank or --workload DIR"))
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "item,a,b\n0,1.2,0.5\n1,1.1,oops\n".write(
            toFile: directory + "/bank.csv", atomically: true, encoding: .utf8)
        try "examinee,theta\n0,0.1\n".write(toFile: directory + "/thetas.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["simulate", "--workload", directory])
        #expect(bad.status == 2)
        #expect(
            bad.stderr
                == "itembank: error: \(directory)/bank.csv:3: difficulty b = \"oops\" is not a finite number\n")
        try "item,a,b\n0,1.2,0.5\n".write(toFile: directory + "/bank.csv", atomically: true, encoding: .utf8)
        let exposure = try CLI.run(["simulate", "--workload", directory, "--exposure", "sometimes"])
        #expect(exposure.status == 2)
        #expect(exposure.stderr.contains("--exposure sometimes: expected none, pix"))
    }

    @Test("calibrate-exposure writes a verified copy with an EXPO section that simulate uses")
    func calibrateExposure() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bank = directory + "/crcn.itembank"
        let calibrated = directory + "/crcn-sh.itembank"
        #expect(try CLI.run(["build", "Banks/crcn", "-o", bank]).status == 0)
        // Every item of Banks/crcn is validated and calibrated: the pool is the whole bank.
        let counts = try CLI.run(["inspect", bank]).stdoutLines.first { $0.hasPrefix("counts:") } ?? ""
        let itemCount = try #require(counts.split(separator: ",").last.flatMap { Int($0.split(separator: " ")[0]) })
        let calibrate = try CLI.run([
            "calibrate-exposure", bank, "--target", "0.3", "-o", calibrated, "--examinees", "300", "--iterations", "3",
        ])
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        #expect(
            calibrate.stderr.hasPrefix(
                "wrote \(calibrated): Sympson–Hetter parameters and selection index for \(itemCount) items"))
        #expect(try CLI.run(["verify", calibrated]).status == 0)
        let inspect = try CLI.run(["inspect", "--json", calibrated])
        let object = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        let sections = (object?["sections"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(sections?.suffix(2) == ["EXPO", "IRTX"])
        let simulate = try CLI.run([
            "simulate", calibrated, "--engine", "irt", "--exposure", "sympson-hetter:0.3", "--examinees", "100",
            "--length", "10",
        ])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stderr.contains("note: Sympson–Hetter parameters from the bank (its EXPO section)"))
        #expect(simulate.stdout.contains("examinees:    100, bank of \(itemCount) items"))
        let bad = try CLI.run(["calibrate-exposure", bank, "--target", "2", "-o", calibrated])
        #expect(bad.status == 2)
    }
}

import Foundation
import Testing

/// `itembank simulate --engine irt` on the shared cat-500 workload: the figures of docs/algorithms.md,
/// exactly (the run is deterministic; only the wall time varies).
@Suite("itembank simulate")
struct SimulateCommandTests {
    /// The tests that run the cat-500 workload: skipped (not passed) when ../shared/bench/cat-500 is absent.
    static var needsCAT500: ConditionTrait { .enabled(if: SharedFiles.hasCAT500, "needs ../shared/bench/cat-500") }

    func simulate(_ arguments: [String]) throws -> (text: CLI.Result, report: [String: Any]) {
        let workload = SharedFiles.cat500
        let text = try CLI.run(["simulate", "--workload", workload, "--engine", "irt"] + arguments)
        let json = try CLI.run(["simulate", "--workload", workload, "--engine", "irt", "--json"] + arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        return (text, object?["report"] as? [String: Any] ?? [:])
    }

    func number(_ report: [String: Any], _ key: String) -> Double { (report[key] as? NSNumber)?.doubleValue ?? .nan }

    @Test("reference configuration, 20 items", Self.needsCAT500)
    func reference() throws {
        let (text, report) = try simulate([])
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

    @Test("reference configuration, 30 items", Self.needsCAT500)
    func thirtyItems() throws {
        let (_, report) = try simulate(["--length", "30"])
        #expect(abs(number(report, "rmse") - 0.24953748697871567) < 1e-12)
        #expect(abs(number(report, "bias") - 0.012211015549956065) < 1e-12)
        #expect(abs(number(report, "correlation") - 0.9685512378030025) < 1e-12)
    }

    @Test("exposure ceilings at 0.20: the README's rule and the population quota", Self.needsCAT500)
    func ceilings() throws {
        let (_, soFar) = try simulate(["--exposure", "ceiling:0.2"])
        #expect(number(soFar, "maximumExposure") == 0.2)
        #expect(abs(number(soFar, "rmse") - 0.32689240876522657) < 1e-12)
        let (text, quota) = try simulate(["--exposure", "quota:0.2"])
        #expect(number(quota, "maximumExposure") == 0.2)
        #expect(abs(number(quota, "rmse") - 0.30802291565131124) < 1e-12)
        #expect(text.stdout.contains("wall time:") && text.stdout.contains("on 1 thread"))
    }

    @Test("Sympson–Hetter calibrated in the run (a short calibration: the debug build is slow)", Self.needsCAT500)
    func sympsonHetter() throws {
        let short = ["--calibration-examinees", "1000", "--calibration-iterations", "4"]
        let (text, report) = try simulate(["--exposure", "sympson-hetter:0.2"] + short)
        #expect(text.stdout.contains("calibration:  Sympson–Hetter at 0.2, 4 iterations, kept iteration 4"))
        #expect(number(report, "maximumExposure") == 0.287)
        #expect(abs(number(report, "rmse") - 0.3120440426063256) < 1e-12)
    }

    @Test("standard-error stop at 0.30, at most 40 items", Self.needsCAT500)
    func standardErrorStop() throws {
        let (text, report) = try simulate(["--stop", "se:0.30", "--max", "40"])
        #expect(number(report, "meanLength") == 19.139)
        #expect(abs(number(report, "rmse") - 0.3056295481942181) < 1e-12)
        #expect(text.stdout.contains("stops: maximum-length 2, standard-error 998"))
    }

    @Test("usage errors and bad workload rows exit with status 2 and say where")
    func errors() throws {
        let journey = try CLI.run(["simulate", "--workload", "x", "--engine", "journey"])
        #expect(journey.status == 2)
        #expect(
            journey.stderr.hasPrefix(
                "Error: The value 'journey' is invalid for '--engine <engine>'. Please provide one of 'irt'.\n"))
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
                == "itembank: error: \(directory)/bank.csv:3: difficulty b = \"oops\" is not a decimal number in [-10, 10]\n"
        )
        try "item,a,b\n0,1.2,0.5\n".write(toFile: directory + "/bank.csv", atomically: true, encoding: .utf8)
        let exposure = try CLI.run(["simulate", "--workload", directory, "--exposure", "sometimes"])
        #expect(exposure.status == 2)
        #expect(
            exposure.stderr.hasPrefix(
                "Error: The value 'sometimes' is invalid for '--exposure <exposure>': expected none, pix, "
                    + "randomesque:K, geometric:K:P, ceiling:R, quota:R or sympson-hetter:R\n"))
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

    // MARK: Bad input: a usage error (exit 2) naming what to fix, never a crash

    /// A small workload (30 items, 10 examinees) in a new folder; `lineEnd` ends every line.
    static func smallWorkload(lineEnd: String = "\n", bankRows: [String]? = nil) throws -> String {
        let directory = try CLI.temporaryDirectory()
        let rows =
            bankRows ?? ["item,a,b"] + (0..<30).map { "\($0),1.0,\(String(format: "%.4f", -2 + 4 * Double($0) / 29))" }
        let thetas = ["examinee,theta"] + (0..<10).map { "\($0),\(String(format: "%.4f", -1.5 + Double($0) / 3))" }
        try rows.map { $0 + lineEnd }.joined().write(toFile: directory + "/bank.csv", atomically: true, encoding: .utf8)
        try thetas.map { $0 + lineEnd }.joined().write(
            toFile: directory + "/thetas.csv", atomically: true, encoding: .utf8)
        return directory
    }

    /// No control character other than the line ends reaches the terminal.
    static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && $0.properties.generalCategory == .control }
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        /// `BANK`, `CRCN`, `WORKLOAD` and `OUT` stand for Tests/Fixtures/clean-bank and Banks/crcn
        /// compiled, a small workload and an output path.
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        // 1. Sizes: bounds as usage errors, the bound in the message.
        UsageCase(
            arguments: ["simulate", "BANK", "--examinees", "9223372036854775807"],
            message: "--examinees must be from 1 to 10000000 (got 9223372036854775807)"),
        UsageCase(
            arguments: ["simulate", "BANK", "--examinees", "1000000000000"],
            message: "--examinees must be from 1 to 10000000 (got 1000000000000)"),
        UsageCase(
            arguments: ["simulate", "BANK", "--examinees", "0"],
            message: "--examinees must be from 1 to 10000000 (got 0)"),
        UsageCase(
            arguments: [
                "simulate", "BANK", "--exposure", "sympson-hetter:0.2", "--calibration-examinees",
                "9223372036854775807",
            ],
            message: "--calibration-examinees must be from 1 to 10000000 (got 9223372036854775807)"),
        UsageCase(
            arguments: ["simulate", "BANK", "--exposure", "sympson-hetter:0.2", "--calibration-iterations", "1001"],
            message: "--calibration-iterations must be from 1 to 1000 (got 1001)"),
        UsageCase(
            arguments: ["simulate", "CRCN", "--examinees", "5000000", "--length", "40"],
            message:
                "itembank: error: --examinees: 5000000 examinees × 40 items (the longest test) = 200000000 item "
                + "administrations, more than the 100000000 a run takes: lower the examinees or the test length\n"),
        UsageCase(
            arguments: [
                "simulate", "CRCN", "--examinees", "10", "--exposure", "sympson-hetter:0.2", "--calibration-examinees",
                "10000000",
            ],
            message:
                "itembank: error: --calibration-examinees: 10000000 examinees × 20 items (the longest test) = "
                + "200000000 item administrations, more than the 100000000 a run takes: lower the examinees or the "
                + "test length\n"),
        UsageCase(
            arguments: [
                "calibrate-exposure", "BANK", "--target", "0.2", "-o", "OUT", "--examinees", "9223372036854775807",
            ],
            message: "--examinees must be from 1 to 10000000 (got 9223372036854775807)"),
        UsageCase(
            arguments: ["calibrate-exposure", "BANK", "--target", "0.2", "-o", "OUT", "--iterations", "1001"],
            message: "--iterations must be from 1 to 1000 (got 1001)"),
        UsageCase(
            arguments: ["calibrate-exposure", "CRCN", "--target", "0.2", "-o", "OUT", "--examinees", "10000000"],
            message:
                "itembank: error: --examinees: 10000000 examinees × 20 items (the longest test) = 200000000 item "
                + "administrations, more than the 100000000 a run takes: lower the examinees or the test length\n"),
        // 2. Options that were ignored or meaningless.
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--examinees", "5"],
            message:
                "--examinees goes with a compiled bank: with --workload DIR the examinees are those of DIR/thetas.csv"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--thetas", "WORKLOAD/thetas.csv"],
            message: "--thetas goes with a compiled bank: with --workload DIR the examinees are those of DIR/thetas.csv"
        ),
        UsageCase(
            arguments: ["simulate", "BANK", "--thetas", "WORKLOAD/thetas.csv", "--examinees", "5"],
            message: "--examinees and --thetas exclude each other: the examinees are those of the file"),
        UsageCase(
            arguments: ["simulate", "BANK", "--calibration-iterations", "3"],
            message: "--calibration-examinees and --calibration-iterations go with --exposure sympson-hetter:R"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--length", "0"],
            message: "itembank: error: --length must be 1 or more (got 0)\n"),
        UsageCase(
            arguments: ["calibrate-exposure", "BANK", "--target", "0.2", "-o", "OUT", "--length", "0"],
            message: "itembank: error: --length must be 1 or more (got 0)\n"),
        UsageCase(
            arguments: ["calibrate-exposure", "BANK", "--target", "0", "-o", "OUT"],
            message: "--target must be a number in (0, 1] (got 0.0)"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--exposure", "ceiling:0"],
            message:
                "Error: The value 'ceiling:0' is invalid for '--exposure <exposure>': ceiling:R needs R, an exposure "
                + "rate, a number in (0, 1]"),
        // 3. Messages that did not say what to fix.
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--length=-1"],
            message: "itembank: error: --length must be 1 or more (got -1)\n"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--exposure", "randomesque:0"],
            message:
                "Error: The value 'randomesque:0' is invalid for '--exposure <exposure>': randomesque:K needs K ≥ 1 "
                + "(and K ≤ 64), the number of best items to pick among"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--exposure", "quota:1.5"],
            message:
                "Error: The value 'quota:1.5' is invalid for '--exposure <exposure>': quota:R needs R, an exposure "
                + "rate, a number in (0, 1]"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--exposure", "ceiling:nan"],
            message:
                "Error: The value 'ceiling:nan' is invalid for '--exposure <exposure>': ceiling:R needs R, an "
                + "exposure rate, a number in (0, 1]"),
        UsageCase(
            arguments: ["simulate", "--workload", "WORKLOAD", "--exposure", "ceiling\r:0.2"],
            message: "Error: The value 'ceiling\\r:0.2' is invalid for '--exposure <exposure>': expected none, pix,"),
    ])
    func usageErrors(_ usage: UsageCase) throws {
        let workload = try Self.smallWorkload()
        defer { try? FileManager.default.removeItem(atPath: workload) }
        var arguments = usage.arguments.map { argument in
            argument == "OUT"
                ? workload + "/out.itembank"
                : argument.hasPrefix("WORKLOAD") ? workload + argument.dropFirst("WORKLOAD".count) : argument
        }
        for (placeholder, source) in [("BANK", "Tests/Fixtures/clean-bank"), ("CRCN", "Banks/crcn")] {
            guard let position = arguments.firstIndex(of: placeholder) else { continue }
            arguments[position] = workload + "/bank.itembank"
            #expect(try CLI.run(["build", source, "-o", arguments[position]]).status == 0)
        }
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        if usage.message.hasPrefix("itembank: error:") && usage.message.hasSuffix("\n") {
            #expect(result.stderr == usage.message)
        } else {
            #expect(result.stderr.contains(usage.message), "\(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
        #expect(Self.isPrintable(result.stderr))
        #expect(!FileManager.default.fileExists(atPath: workload + "/out.itembank"))
    }

    @Test("bank.csv: numbers must be decimal and in range, named by file:line")
    func workloadNumbers() throws {
        for (row, message) in [
            ("0,1.0,1e308", "difficulty b = \"1e308\" is not a decimal number in [-10, 10]"),
            (
                "0,0x1p1,0",
                "discrimination a = \"0x1p1\" is not a decimal number in (0, 10] (a hexadecimal float: write 2.0)"
            ),
            ("0,11,0", "discrimination a = \"11\" is not a decimal number in (0, 10]"),
        ] {
            let workload = try Self.smallWorkload(bankRows: ["item,a,b", "1,1.0,0.5", row])
            defer { try? FileManager.default.removeItem(atPath: workload) }
            let result = try CLI.run(["simulate", "--workload", workload])
            #expect(result.status == 2)
            #expect(result.stderr == "itembank: error: \(workload)/bank.csv:3: \(message)\n")
        }
    }

    @Test("CRLF workloads are read; a lone CR is named, never printed raw")
    func workloadLineEnds() throws {
        let plain = try Self.smallWorkload()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let expected = try CLI.run(["simulate", "--workload", plain, "--json"])
        #expect(expected.status == 0)
        let report = { (output: String) in
            (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["report"] as? [String: Any]
        }
        for lineEnd in ["\r\n", "\r\r\n"] {
            let workload = try Self.smallWorkload(lineEnd: lineEnd)
            defer { try? FileManager.default.removeItem(atPath: workload) }
            let result = try CLI.run(["simulate", "--workload", workload, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
            #expect((report(result.stdout)?["rmse"] as? Double) == (report(expected.stdout)?["rmse"] as? Double))
            #expect(report(result.stdout)?["rmse"] != nil)
        }
        let mac = try Self.smallWorkload(lineEnd: "\r")
        defer { try? FileManager.default.removeItem(atPath: mac) }
        let result = try CLI.run(["simulate", "--workload", mac])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "itembank: error: \(mac)/bank.csv:1: a carriage return (\\r) inside a line: lines must end with LF "
                + "or CRLF (not CR alone)\n")
        #expect(Self.isPrintable(result.stderr))
    }

    @Test("an exposure ceiling that cannot be honoured says how often it was exceeded")
    func ceilingNotHonoured() throws {
        let workload = try Self.smallWorkload()
        defer { try? FileManager.default.removeItem(atPath: workload) }
        for exposure in ["ceiling:0.05", "quota:0.05"] {
            let result = try CLI.run(["simulate", "--workload", workload, "--exposure", exposure])
            #expect(result.status == 0)
            #expect(result.stdout.contains("exposure:     max 1.000"))
            #expect(
                result.stderr
                    == "note: the exposure ceiling 0.05 could not be honoured: 170 of 200 administrations (85.0 %) went "
                    + "to items already at the ceiling, no other item being left; maximum exposure 1.000\n")
        }
        let honoured = try CLI.run(["simulate", "--workload", workload, "--exposure", "ceiling:1"])
        #expect(honoured.status == 0)
        #expect(honoured.stderr.isEmpty)
    }
}

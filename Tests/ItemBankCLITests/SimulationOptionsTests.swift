import AdaptiveTesting
import Foundation
import Testing

@testable import itembank

/// The option strings of `itembank simulate --engine irt`: what they build, and the message of each
/// value they refuse.
@Suite struct IRTSimulationOptionsTests {
    func message(_ options: SimulationOptions, population: Int = 1000) -> String? {
        do {
            _ = try options.settings(population: population)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func acceptedValuesBuildTheSettings() throws {
        let (reference, none) = try SimulationOptions().settings(population: 1000)
        #expect(reference == .reference(length: 20))
        #expect(none == nil)
        let (quota, _) = try SimulationOptions(exposure: ExposureOption(parsing: "quota:0.2")).settings(
            population: 1000)
        #expect(quota.exposure.ceiling == .init(rate: 0.2, population: 1000))
        let (ceiling, _) = try SimulationOptions(exposure: ExposureOption(parsing: "ceiling:1")).settings(
            population: 1000)
        #expect(ceiling.exposure.ceiling == .init(rate: 1))
        let (pick, _) = try SimulationOptions(exposure: ExposureOption(parsing: "geometric:64:0")).settings(
            population: 1)
        #expect(pick.exposure.pick == .geometric(count: 64, probability: 0))
        let (_, target) = try SimulationOptions(exposure: ExposureOption(parsing: "sympson-hetter:0.25")).settings(
            population: 1)
        #expect(target == 0.25)
        let (stop, _) = try SimulationOptions(stop: StopOption(parsing: "classification:-1,0.5@2"), maximumLength: 1)
            .settings(
                population: 1)
        #expect(
            stop.stopping
                == StoppingRule(
                    minimumLength: 0, maximumLength: 1, classification: .init(cuts: [-1, 0.5], z: 2)))
        let (one, _) = try SimulationOptions(length: 1).settings(population: 1)
        #expect(one.stopping == .fixedLength(1))
    }

    @Test(arguments: [
        (SimulationOptions(length: 0), "--length must be 1 or more (got 0)"),
        (SimulationOptions(length: -1), "--length must be 1 or more (got -1)"),
        (SimulationOptions(form: .pixCampaign, length: 0), "--length must be 1 or more (got 0)"),
        (SimulationOptions(stop: .standardError(0.3), minimumLength: -1), "--min must be 0 or more (got -1)"),
        (SimulationOptions(stop: .standardError(0.3), maximumLength: 0), "--max must be 1 or more (got 0)"),
        (SimulationOptions(stop: .standardError(0.3), minimumLength: 5, maximumLength: 3), "--min 5 is above --max 3"),
    ])
    func refusedValuesSayWhatToFix(options: SimulationOptions, expected: String) {
        #expect(message(options) == expected)
    }

    /// `--stop` is parsed with the command line (``StopOption``); the parser puts "The value '…' is
    /// invalid for '--stop <rule>': " before these messages.
    @Test(arguments: [
        ("se:inf", "se:T needs T, the standard error (logits), a number > 0"),
        ("classification:", "expected classification:CUT,CUT…[@Z] (numbers, Z > 0)"),
        ("classification:0,nan", "expected classification:CUT,CUT…[@Z] (numbers, Z > 0)"),
        ("classification:1,0", "the cuts must be increasing"),
        ("sometimes", "expected se:THRESHOLD or classification:CUTS[@Z]"),
    ])
    func refusedStopsSayWhatToFix(text: String, expected: String) {
        do {
            _ = try StopOption(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.message == expected)
        }
    }

    /// `--exposure` is parsed with the command line (``ExposureOption``); swift-argument-parser puts
    /// "The value '…' is invalid for '--exposure <exposure>': " before these messages.
    @Test(arguments: [
        ("randomesque:0", "randomesque:K needs K ≥ 1 (and K ≤ 64), the number of best items to pick among"),
        ("geometric:65:0.5", "geometric:K:P needs K ≥ 1 (and K ≤ 64), the number of best items to pick among"),
        ("geometric:5:nan", "geometric:K:P needs P, a probability, a number in [0, 1]"),
        ("ceiling:0", "ceiling:R needs R, an exposure rate, a number in (0, 1]"),
        ("ceiling:nan", "ceiling:R needs R, an exposure rate, a number in (0, 1]"),
        ("ceiling:0x1p-2", "ceiling:R needs R, an exposure rate, a number in (0, 1]"),
        ("quota:1.5", "quota:R needs R, an exposure rate, a number in (0, 1]"),
        ("sympson-hetter:-0.2", "sympson-hetter:R needs R, an exposure rate, a number in (0, 1]"),
        ("ceiling\r:0.2", "expected none, pix, randomesque:K, geometric:K:P, ceiling:R, quota:R or sympson-hetter:R"),
    ])
    func refusedExposuresSayWhatToFix(text: String, expected: String) {
        do {
            _ = try ExposureOption(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.message == expected)
        }
    }

    @Test func acceptedExposures() throws {
        #expect(try ExposureOption(parsing: "none").kind == .none)
        #expect(try ExposureOption(parsing: "pix").control(population: 1) == .pix)
        #expect(try ExposureOption(parsing: "randomesque:5").kind == .randomesque(count: 5))
        #expect(try ExposureOption(parsing: "geometric:5:0.51").kind == .geometric(count: 5, probability: 0.51))
        #expect(try ExposureOption(parsing: "ceiling:0.20").text == "ceiling:0.20")
        #expect(try ExposureOption(parsing: "sympson-hetter:0.3").sympsonHetterTarget == 0.3)
        #expect(try ExposureOption(parsing: "quota:0.3").sympsonHetterTarget == nil)
    }

    @Test func sizeBoundsAreUsageErrorsNotTraps() throws {
        let settings = CATSettings.reference(length: 20)
        try CATSimulation.checkSize(examinees: 1, settings: settings, poolCount: 500)
        try CATSimulation.checkSize(examinees: 5_000_000, settings: settings, poolCount: 500)
        // The pool bounds the test: 10,000,000 examinees × 10 items.
        try CATSimulation.checkSize(examinees: 10_000_000, settings: settings, poolCount: 10)
        #expect(
            throws: CATError(.invalidSetting, "--examinees must be from 1 to 10000000 (got 9223372036854775807)")
        ) {
            try CATSimulation.checkSize(examinees: .max, settings: settings, poolCount: 500, label: "--examinees")
        }
        #expect(throws: CATError(.invalidSetting, "examinees must be from 1 to 10000000 (got 0)")) {
            try CATSimulation.checkSize(examinees: 0, settings: settings, poolCount: 500)
        }
        #expect(
            throws: CATError(
                .invalidSetting,
                "examinees: 5000001 examinees × 20 items (the longest test) = 100000020 item administrations, "
                    + "more than the 100000000 a run takes: lower the examinees or the test length")
        ) {
            try CATSimulation.checkSize(examinees: 5_000_001, settings: settings, poolCount: 500)
        }
        // A length of Int.max is bounded by the pool, whatever its size.
        #expect(throws: CATError.self) {
            try CATSimulation.checkSize(
                examinees: 10_000_000, settings: .reference(length: .max), poolCount: .max)
        }
        let calibration = SympsonHetterCalibration(settings: settings, target: 0.2, examinees: 100, iterations: 1001)
        let pool = try ItemPool(items: [CalibratedItem(discrimination: 1, difficulty: 0)])
        #expect(throws: CATError(.invalidSetting, "calibration iterations must be from 1 to 1000 (got 1001)")) {
            try calibration.run(pool: pool)
        }
        let huge = SympsonHetterCalibration(settings: settings, target: 0.2, examinees: .max, iterations: 1)
        #expect(
            throws: CATError(
                .invalidSetting, "calibration examinees must be from 1 to 10000000 (got 9223372036854775807)")
        ) {
            try huge.run(pool: pool)
        }
    }
}

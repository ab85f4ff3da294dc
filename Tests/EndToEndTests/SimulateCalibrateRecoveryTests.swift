import Foundation
import Testing

/// The calibration loop closed with the built binary: `itembank simulate --responses-out` on a generated
/// bank, `itembank calibrate` on those responses, and the estimates compared with the generating
/// parameters (the bank's own calibrations).
@Suite("itembank simulate → calibrate → recover")
struct SimulateCalibrateRecoveryTests {
    /// Each item's generating (a, b), read from the `<calibration>` elements of a generated bank's sources.
    static func generatingParameters(of folder: String) throws -> [String: (a: Double, b: Double)] {
        var parameters: [String: (a: Double, b: Double)] = [:]
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasPrefix("items/") && file.hasSuffix(".xml") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            guard let id = attribute("id", after: "<item ", in: text),
                let a = attribute("discrimination", after: "<calibration ", in: text).flatMap(Double.init),
                let b = attribute("difficulty", after: "<calibration ", in: text).flatMap(Double.init)
            else { continue }
            parameters[id] = (a, b)
        }
        return parameters
    }

    /// The value of `name="…"` in the first tag that starts with `tag`.
    static func attribute(_ name: String, after tag: String, in text: String) -> String? {
        guard let start = text.range(of: tag) else { return nil }
        let element = text[start.upperBound...].prefix { $0 != ">" }
        guard let key = element.range(of: " " + name + "=\"") ?? element.range(of: name + "=\"") else { return nil }
        return String(element[key.upperBound...].prefix { $0 != "\"" })
    }

    @Test func simulatedResponsesRecoverTheBanksCalibrations() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CLI.run(["generate", "--items", "40", "--seed", "3", "bank"], in: directory).status == 0)
        let build = try CLI.run(["build", "bank", "-o", "bank.itembank"], in: directory)
        #expect(build.status == 0, "\(build.stderr)")
        let simulate = try CLI.run(
            [
                "simulate", "bank.itembank", "--examinees", "3000", "--length", "20", "--exposure", "randomesque:5",
                "--seed", "11", "--responses-out", "responses.csv",
            ], in: directory)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stderr.contains("note: wrote 60000 responses of 3000 examinees to responses.csv"))
        let responses = try String(contentsOfFile: directory + "/responses.csv", encoding: .utf8)
        let rows = responses.split(separator: "\n")
        #expect(rows.count == 60_001)
        #expect(rows.first == "person,item,score")
        #expect(rows.dropFirst().first?.hasPrefix("e1,") == true)

        let calibrate = try CLI.run(["calibrate", "--responses", "responses.csv", "-o", "c.csv"], in: directory)
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        let truth = try Self.generatingParameters(of: directory + "/bank")
        #expect(truth.count == 40)
        let table = try String(contentsOfFile: directory + "/c.csv", encoding: .utf8).split(separator: "\n")
        #expect(table.first == "item,a,b,se_a,se_b,n,fit,p,sx2,sx2_df,sx2_p")
        // The one item the adaptive tests hardly gave (b = −2.88, far below most examinees) is listed.
        #expect(
            calibrate.stderr.contains(
                "item \"gen-000008\" not estimated (too-few-responses, 4 responses); left out of the calibrations"))
        var all = Recovery()
        var wellMeasured = Recovery()
        for row in table.dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6, let generating = truth[fields[0]], let a = Double(fields[1]),
                let b = Double(fields[2]), let seA = Double(fields[3]), let seB = Double(fields[4]),
                let n = Int(fields[5])
            else {
                Issue.record("unexpected row \(row)")
                continue
            }
            // Each estimate within 4 of its own standard errors (plus 0.05 for the prior's shrinkage): a
            // miss is a bias, not chance (P(|z| > 4) ≈ 6e-5 per parameter; the run is deterministic).
            #expect(abs(a - generating.a) <= 4 * seA + 0.05, "\(fields[0]) a \(a) vs \(generating.a) (n \(n))")
            #expect(abs(b - generating.b) <= 4 * seB + 0.05, "\(fields[0]) b \(b) vs \(generating.b) (n \(n))")
            all.add(a - generating.a, b - generating.b, seA, seB)
            if n >= 1000 { wellMeasured.add(a - generating.a, b - generating.b, seA, seB) }
        }
        #expect(all.count == 39)
        #expect(wellMeasured.count == 24)
        // The errors are as large as the standard errors say (RMSE / RMS SE: 0.95 for a, 0.84 for b
        // here); 1.25 leaves room for the SEs' own error and fails on a bias or on SEs too small.
        #expect(all.rmseA <= 1.25 * all.rmsSEA, "RMSE a \(all.rmseA), RMS SE \(all.rmsSEA)")
        #expect(all.rmseB <= 1.25 * all.rmsSEB, "RMSE b \(all.rmseB), RMS SE \(all.rmsSEB)")
        // Items with 1,000 responses or more (24 of 40): RMSE a 0.088, b 0.121 (RMS SE 0.124, 0.188).
        #expect(wellMeasured.rmseA <= 0.15, "RMSE a \(wellMeasured.rmseA)")
        #expect(wellMeasured.rmseB <= 0.20, "RMSE b \(wellMeasured.rmseB)")
    }

    /// Squared errors and squared standard errors of a set of items.
    struct Recovery {
        var count = 0
        var squaredA = 0.0
        var squaredB = 0.0
        var varianceA = 0.0
        var varianceB = 0.0

        mutating func add(_ errorA: Double, _ errorB: Double, _ seA: Double, _ seB: Double) {
            count += 1
            squaredA += errorA * errorA
            squaredB += errorB * errorB
            varianceA += seA * seA
            varianceB += seB * seB
        }

        var rmseA: Double { (squaredA / Double(max(1, count))).squareRoot() }
        var rmseB: Double { (squaredB / Double(max(1, count))).squareRoot() }
        var rmsSEA: Double { (varianceA / Double(max(1, count))).squareRoot() }
        var rmsSEB: Double { (varianceB / Double(max(1, count))).squareRoot() }
    }

    @Test func responsesOutRefusesTheJourney() throws {
        let result = try CLI.run(["simulate", "--journey", "positioning", "x.itembank", "--responses-out", "r.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--responses-out goes with the IRT engine simulation, not with --journey"))
    }
}

/// S-X² on ../shared/bench/calib-dense (5,000 × 100, items generated from the 2PL): its p-values are
/// calibrated, about 5 % below 0.05, where the infit's flag none.
@Suite("itembank calibrate: S-X² on calib-dense")
struct SumScoreFitCommandTests {
    static let dense = URL(fileURLWithPath: CLI.root + "/../shared/bench/calib-dense").standardizedFileURL.path
    static let hasDense = FileManager.default.fileExists(atPath: dense + "/responses.csv")

    @Test(.enabled(if: hasDense, "needs ../shared/bench/calib-dense"))
    func falsePositiveRate() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try CLI.run(
            ["calibrate", "--responses", Self.dense + "/responses.csv", "--no-prior", "-o", "c.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try String(contentsOfFile: directory + "/c.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 100)
        let p = rows.compactMap { $0.count == 11 ? Double($0[10]) : nil }
        let infitP = rows.compactMap { $0.count == 11 ? Double($0[7]) : nil }
        #expect(p.count == 100)
        #expect(p.filter { $0 < 0.05 }.count == 4)
        #expect(p.filter { $0 < 0.01 }.count == 2)
        #expect(abs(p.reduce(0, +) / 100 - 0.5221) < 0.0005)
        #expect(infitP.filter { $0 < 0.05 }.isEmpty)
        // Item 0: S-X² 56.4969 on 67 degrees of freedom, p 0.8163 (scipy's χ² tail gives 0.81626).
        #expect(rows.first?[8] == "56.496920" && rows.first?[9] == "67" && rows.first?[10] == "0.816257")
    }
}

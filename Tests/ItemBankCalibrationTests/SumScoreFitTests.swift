import Foundation
import Testing

@testable import ItemBankCalibration

@Suite struct SumScoreFitTests {
    @Test func chiSquareTail() {
        // Reference values: scipy.stats.chi2.sf.
        let cases: [(x: Double, df: Int, p: Double)] = [
            (3.841458820694124, 1, 0.05), (18.307038053275146, 10, 0.05), (56.49692, 67, 0.8162566083092088),
            (87.200274, 69, 0.06857630752955128), (2.0, 3, 0.5724067044708798), (300, 67, 3.2067385140691096e-31),
        ]
        for (x, df, p) in cases {
            let value = SumScoreFit.chiSquareSurvival(x, degreesOfFreedom: df)
            #expect(abs(value - p) <= 1e-9 * max(1, p) + 1e-40, "χ²(\(df)) > \(x): \(value), expected \(p)")
        }
        #expect(SumScoreFit.chiSquareSurvival(0, degreesOfFreedom: 4) == 1)
    }

    @Test func lordWingerskyRecursion() {
        // Two items at one node, P = 0.5 and 0.2: scores 0, 1, 2 with 0.4, 0.5, 0.1.
        let s = SumScoreFit.lordWingersky(probability: [0.5, 0.2], items: [0, 1], q: 1)
        #expect(zip(s, [0.4, 0.5, 0.1]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    /// 2,000 persons × 20 items from the 2PL (θ ~ N(0, 1), a ~ lognormal(0, 0.3), b ~ N(0, 1)); with
    /// `misfit`, item 0 is not monotone (P = 0.9 when |θ| > 1, else 0.2), which no 2PL curve follows.
    func responses(misfit: Bool) -> [(person: Int, item: Int, score: Int)] {
        var random = SplitMix(state: 7)
        let a = (0..<20).map { _ in exp(0.3 * random.normal()) }
        let b = (0..<20).map { _ in random.normal() }
        var responses: [(person: Int, item: Int, score: Int)] = []
        for p in 0..<2000 {
            let theta = random.normal()
            for j in 0..<20 {
                let probability =
                    misfit && j == 0 ? (abs(theta) > 1 ? 0.9 : 0.2) : 1 / (1 + exp(-a[j] * (theta - b[j])))
                responses.append((p, j, random.next() < probability ? 1 : 0))
            }
        }
        return responses
    }

    func calibrate(_ responses: [(person: Int, item: Int, score: Int)]) throws -> CalibrationResult {
        try Calibrator.calibrate(
            ResponseSet(
                itemIDs: (0..<20).map { "i\($0)" }, personIDs: (0..<2000).map { "p\($0)" }, responses: responses))
    }

    @Test func flagsTheItemThatDoesNotFollowTheModel() throws {
        let good = try calibrate(responses(misfit: false))
        #expect(good.items.allSatisfy { $0.sumScoreFit != nil && ($0.sumScoreFitDF ?? 0) > 5 })
        // Fitting data: no item rejected at the 0.1 % level.
        #expect(good.items.allSatisfy { ($0.sumScoreFitP ?? 0) > 0.001 }, "\(good.items.map { $0.sumScoreFitP })")
        let bad = try calibrate(responses(misfit: true))
        #expect((bad.items[0].sumScoreFitP ?? 1) < 1e-6, "\(bad.items[0])")
        // Sparse data (one response missing): no common summed score, no S-X².
        let sparse = try calibrate(Array(responses(misfit: false).dropLast()))
        #expect(sparse.items.allSatisfy { $0.sumScoreFit == nil })
    }
}

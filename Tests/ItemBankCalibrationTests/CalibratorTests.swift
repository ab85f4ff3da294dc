import Foundation
import Testing

@testable import ItemBankCalibration

/// Deterministic generator for simulated responses (SplitMix64).
struct SplitMix {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        let u = max(next(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * next())
    }
}

/// Complete 2PL data: `persons` × `items`, θ ~ N(shift, 1), a ~ lognormal(0, 0.3), b ~ N(0, 1).
func simulate(
    persons: Int, items: Int, seed: UInt64, shift: Double = 0
) throws -> (
    set: ResponseSet, a: [Double], b: [Double]
) {
    var random = SplitMix(state: seed)
    let a = (0..<items).map { _ in exp(0.3 * random.normal()) }
    let b = (0..<items).map { _ in random.normal() }
    var responses: [(person: Int, item: Int, score: Int)] = []
    for p in 0..<persons {
        let theta = shift + random.normal()
        for j in 0..<items {
            let probability = 1 / (1 + exp(-a[j] * (theta - b[j])))
            responses.append((p, j, random.next() < probability ? 1 : 0))
        }
    }
    let set = try ResponseSet(
        itemIDs: (0..<items).map { "i\($0)" }, personIDs: (0..<persons).map { "p\($0)" }, responses: responses)
    return (set, a, b)
}

func rmse(_ x: [Double], _ y: [Double]) -> Double {
    (zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(x.count)).squareRoot()
}

@Suite struct CalibratorTests {
    /// 2,000 persons × 20 items. The sampling SE of a is about 0.06 and of b about 0.05–0.08 at this
    /// size (the XPD SEs printed by the run agree), so an RMSE over 20 items below 0.10 (a) and 0.10 (b)
    /// is recovery, and a sign or scale error (RMSE > 0.3) fails.
    @Test func recoversGeneratingParameters2PL() throws {
        let (set, a, b) = try simulate(persons: 2000, items: 20, seed: 7)
        let result = try Calibrator.calibrate(set)
        #expect(result.converged)
        #expect(result.cycles <= 70)
        #expect(result.items.map(\.item) == set.itemIDs)
        let estimatedA = result.items.map(\.discrimination)
        let estimatedB = result.items.map(\.difficulty)
        #expect(rmse(estimatedA, a) < 0.10)
        #expect(rmse(estimatedB, b) < 0.10)
        let meanSEA = result.items.compactMap(\.discriminationSE).reduce(0, +) / 20
        let meanSEB = result.items.compactMap(\.difficultySE).reduce(0, +) / 20
        #expect(meanSEA > 0.03 && meanSEA < 0.09)
        #expect(meanSEB > 0.03 && meanSEB < 0.12)
        // Fitting data: infit near 1, and no item rejected at the 0.1 % level.
        for item in result.items {
            #expect(item.infit > 0.85 && item.infit < 1.15, "\(item.item) \(item.infit)")
            #expect(item.fitP > 0.001, "\(item.item) \(item.infit) p \(item.fitP)")
        }
        #expect(result.standardErrorMethod == "cross-product")
        #expect(result.items.allSatisfy { $0.responses == 2000 && !$0.anchor })
    }

    @Test func identicalAcrossRunsAndIndependentOfPrior() throws {
        let (set, _, _) = try simulate(persons: 600, items: 10, seed: 11)
        var settings = CalibrationSettings()
        settings.prior = nil
        let first = try Calibrator.calibrate(set, settings: settings)
        let second = try Calibrator.calibrate(set, settings: settings)
        #expect(first.items == second.items)
        #expect(first.logLikelihood == second.logLikelihood)
        let withPrior = try Calibrator.calibrate(set)
        // The weak default prior moves each item by less than half its standard error, but not by nothing.
        for (x, y) in zip(first.items, withPrior.items) {
            #expect(abs(x.difficulty - y.difficulty) < 0.5 * (x.difficultySE ?? 0), "\(x) \(y)")
            #expect(x.difficulty != y.difficulty)
        }
        // EM never lowers the likelihood: the ML fit has the larger marginal log-likelihood.
        #expect(first.logLikelihood > withPrior.logLikelihood)
    }

    @Test func onePLRecoversDifficulties() throws {
        // Rasch data (a = 1 for every item).
        var random = SplitMix(state: 5)
        let b = (0..<15).map { _ in random.normal() }
        var responses: [(person: Int, item: Int, score: Int)] = []
        for p in 0..<1500 {
            let theta = random.normal()
            for j in 0..<15 { responses.append((p, j, random.next() < 1 / (1 + exp(-(theta - b[j]))) ? 1 : 0)) }
        }
        let set = try ResponseSet(
            itemIDs: (0..<15).map { "i\($0)" }, personIDs: (0..<1500).map { "p\($0)" }, responses: responses)
        var settings = CalibrationSettings()
        settings.model = .onePL
        let result = try Calibrator.calibrate(set, settings: settings)
        #expect(result.converged)
        let common = result.items[0].discrimination
        #expect(result.items.allSatisfy { $0.discrimination == common })
        #expect(abs(common - 1) < 0.08)
        #expect(rmse(result.items.map(\.difficulty), b) < 0.10)
    }

    @Test func excludesNonEstimableItemsAndLonePersons() throws {
        var responses: [(person: Int, item: Int, score: Int)] = []
        var random = SplitMix(state: 3)
        for p in 0..<300 {
            for j in 0..<5 { responses.append((p, j, random.next() < 0.5 ? 1 : 0)) }
            responses.append((p, 5, 1))  // everyone right
        }
        responses.append((300, 0, 1))  // a person with one response
        let set = try ResponseSet(
            itemIDs: (0..<6).map { "i\($0)" }, personIDs: (0...300).map { "p\($0)" }, responses: responses)
        let result = try Calibrator.calibrate(set)
        #expect(result.excludedItems == [ExcludedItem(item: "i5", responses: 300, reason: .allRight)])
        #expect(result.excludedPersons == ["p300"])
        #expect(result.items.map(\.item) == ["i0", "i1", "i2", "i3", "i4"])
        #expect(result.persons == 300)
        #expect(result.responses == 1500)
    }

    @Test func minimumResponses() throws {
        let (set, _, _) = try simulate(persons: 100, items: 5, seed: 2)
        var settings = CalibrationSettings()
        settings.minResponses = 101
        #expect(throws: CalibrationError.self) { try Calibrator.calibrate(set, settings: settings) }
    }

    /// Linking: the old items are anchors at their generating values; the new population is shifted by
    /// +0.5. The new items' estimates come out on the anchors' scale and the population mean is found.
    @Test func anchorsKeepTheScale() throws {
        let (set, a, b) = try simulate(persons: 3000, items: 20, seed: 19, shift: 0.5)
        var anchors: [String: AnchorParameters] = [:]
        for j in 0..<10 { anchors["i\(j)"] = AnchorParameters(discrimination: a[j], difficulty: b[j]) }
        let result = try Calibrator.calibrate(set, anchors: anchors)
        #expect(result.converged)
        for j in 0..<10 {
            #expect(result.items[j].anchor)
            #expect(result.items[j].discrimination == a[j])
            #expect(result.items[j].difficulty == b[j])
            #expect(result.items[j].discriminationSE == nil)
        }
        #expect(abs(result.populationMean - 0.5) < 0.08)
        #expect(abs(result.populationSD - 1) < 0.08)
        let newB = result.items[10...].map(\.difficulty)
        #expect(rmse(newB, Array(b[10...])) < 0.12)
        // Without anchors the scale is the population's: b comes out shifted by about −0.5.
        let free = try Calibrator.calibrate(set)
        let shiftB = zip(free.items.map(\.difficulty), b).map { $0 - $1 }.reduce(0, +) / 20
        #expect(abs(shiftB + 0.5) < 0.12)
    }

    @Test func inverseDiagonalOfKnownMatrix() throws {
        // [[4, 2], [2, 3]]: inverse diagonal (3/8, 4/8).
        var matrix = [4.0, 0, 2, 3]
        let diagonal = try #require(inverseDiagonal(matrix: &matrix, size: 2, tasks: 2))
        #expect(abs(diagonal[0] - 0.375) < 1e-12)
        #expect(abs(diagonal[1] - 0.5) < 1e-12)
        var singular = [1.0, 0, 1, 1]
        #expect(inverseDiagonal(matrix: &singular, size: 2, tasks: 1) == nil)
    }
}

import ItemBankModel
import Testing

/// A table of (level, θ) rows; row r's `level` attribute is at line r + 1, column 10, its `theta` at
/// column 20.
private func table(_ rows: [(Int, Double)]) -> ThetaLevels {
    ThetaLevels(
        thresholds: rows.enumerated().map { row, value in
            ThetaThreshold(
                level: value.0, theta: value.1, location: SourceLocation(path: "f.xml", line: row + 2, column: 10),
                thetaLocation: SourceLocation(path: "f.xml", line: row + 2, column: 20))
        }, location: SourceLocation(path: "f.xml", line: 1, column: 1))
}

@Suite("θ tables (ThetaLevels)")
struct ThetaLevelsTests {
    @Test("a usable table has no problem and gives its θ in level order, whatever the document order")
    func usable() {
        let levels = table([(1, -1.8), (3, 0.2), (2, -0.9)])
        #expect(levels.problems(maxLevel: 7).isEmpty)
        #expect(levels.orderedThetas(maxLevel: 7) == [-1.8, -0.9, 0.2])
        // A table may stop below maxLevel (levels above its last are not awarded by θ).
        #expect(table([(1, -1)]).orderedThetas(maxLevel: 7) == [-1])
    }

    @Test("a θ not above a lower level's is reported against the lower level with the largest θ")
    func notIncreasing() {
        let levels = table([(1, -2), (2, 1), (3, 0), (4, 0.5), (5, 1.5)])
        #expect(
            levels.problems(maxLevel: 7) == [
                .notIncreasing(levels.thresholds[2], lower: levels.thresholds[1]),
                .notIncreasing(levels.thresholds[3], lower: levels.thresholds[1]),
            ])
        #expect(levels.orderedThetas(maxLevel: 7) == nil)
        // Equal θ are not increasing either.
        let equal = table([(1, -1), (2, -1)])
        #expect(equal.problems(maxLevel: 7) == [.notIncreasing(equal.thresholds[1], lower: equal.thresholds[0])])
    }

    @Test("levels outside 1…maxLevel, repeated levels and gaps")
    func levels() {
        let levels = table([(1, -1.8), (1, -0.9), (2, 0.2), (4, 1.1), (0, -3)])
        #expect(
            levels.problems(maxLevel: 3) == [
                .duplicateLevel(levels.thresholds[1], first: levels.thresholds[0]),
                .levelOutOfRange(levels.thresholds[3]),
                .levelOutOfRange(levels.thresholds[4]),
            ])
        // With maxLevel 4, level 4 is in range and level 3 is missing.
        #expect(
            levels.problems(maxLevel: 4) == [
                .duplicateLevel(levels.thresholds[1], first: levels.thresholds[0]),
                .levelOutOfRange(levels.thresholds[4]),
                .missingLevels([3]),
            ])
        let gaps = table([(2, -1), (5, 1)])
        #expect(gaps.problems(maxLevel: 7) == [.missingLevels([1, 3, 4])])
    }

    @Test("a non-finite θ is reported and left out of the order check")
    func nonFinite() {
        let levels = table([(1, -1), (2, .infinity), (3, .nan), (4, -2)])
        let problems = levels.problems(maxLevel: 7)
        #expect(problems.count == 3)
        #expect(problems.first == .nonFiniteTheta(levels.thresholds[1]))
        // NaN ≠ NaN: compare the threshold's level and position rather than the whole value.
        if case .nonFiniteTheta(let threshold) = problems[1] {
            #expect(threshold.level == 3)
            #expect(threshold.thetaLocation == SourceLocation(path: "f.xml", line: 4, column: 20))
        } else {
            Issue.record("expected the NaN θ of level 3, got \(problems[1])")
        }
        #expect(problems.last == .notIncreasing(levels.thresholds[3], lower: levels.thresholds[0]))
        #expect(levels.orderedThetas(maxLevel: 7) == nil)
    }
}

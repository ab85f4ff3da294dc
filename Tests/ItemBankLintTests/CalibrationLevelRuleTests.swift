import Testing

@testable import ItemBankLint

@Suite("bank.calibration-level-difficulty and bank.calibration-level-order")
struct CalibrationLevelRuleTests {
    let table = [-1.9, -0.7, 0.2]

    @Test func bandsOfTheLevels() throws {
        // Level 1: [θ_0, θ_1], θ_0 carried down by the first step (1.2).
        let one = try #require(BankCalibrationLevelDifficulty.band(level: 1, thetas: table))
        #expect(abs(one.lowerBound - -3.1) < 1e-12 && one.upperBound == -1.9)
        #expect(BankCalibrationLevelDifficulty.band(level: 3, thetas: table) == -0.7...0.2)
        // Past the table, the last step (0.9) is carried up: level 5 is [θ_4, θ_5] = [1.1, 2.0].
        let five = try #require(BankCalibrationLevelDifficulty.band(level: 5, thetas: table))
        #expect(abs(five.lowerBound - 1.1) < 1e-12 && abs(five.upperBound - 2.0) < 1e-12)
        #expect(BankCalibrationLevelDifficulty.band(level: 2, thetas: [0.5]) == nil)
    }

    @Test func triggeringExamplesReportAtTheCalibration() throws {
        for (rule, example) in [
            ("bank.calibration-level-difficulty", BankCalibrationLevelDifficulty.description.examples[0]),
            ("bank.calibration-level-order", BankCalibrationLevelOrder.description.examples[0]),
        ] {
            let found = try lintExample(example).filter { $0.rule == rule }
            #expect(found == [ExampleFinding(rule: rule, path: "items/example.xml", line: 4, column: 3)])
        }
    }
}

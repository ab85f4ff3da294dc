import ItemBankCompiler
import ItemBankFormat
import ItemBankRuntime
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite("Per-competence levels from θ (CompetenceLevels, THLV)")
struct IRTCompetenceLevelsTests {
    @Test(
        "a table's level: the highest level whose threshold is ≤ θ, 0 below level 1",
        arguments: [
            (-9, 0), (-1.9000001, 0), (-1.9, 1), (-1.0, 1), (-0.73, 2), (0.2299, 2), (0.23, 3), (12, 3),
            (-Double.infinity, 0), (Double.infinity, 3), (Double.nan, 0),
        ] as [(Double, Int)])
    func tableLevel(theta: Double, level: Int) {
        let table = CompetenceLevels.Table(competence: "1.1", thresholds: [-1.9, -0.73, 0.23])
        #expect(table.level(theta: theta) == level)
        #expect(CompetenceLevels.Table(competence: "1.2", thresholds: nil).level(theta: theta) == nil)
    }

    @Test("validity: finite and strictly increasing; no table is valid")
    func validity() {
        #expect(CompetenceLevels.Table(competence: "1.1", thresholds: [-1, 0, 1]).isValid)
        #expect(CompetenceLevels.Table(competence: "1.1", thresholds: nil).isValid)
        #expect(!CompetenceLevels.Table(competence: "1.1", thresholds: [-1, -1]).isValid)
        #expect(!CompetenceLevels.Table(competence: "1.1", thresholds: [0, -1]).isValid)
        #expect(!CompetenceLevels.Table(competence: "1.1", thresholds: [-1, .infinity]).isValid)
        #expect(!CompetenceLevels.Table(competence: "1.1", thresholds: []).isValid)
    }

    @Test("Banks/crcn: the pool reads the 16 tables; exact levels of every competence at given θ")
    func referenceBank() throws {
        let sections = try #require(IRTBankFixture.crcn)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        let bankPool = try BankItemPool(bank: bank)
        let levels = bankPool.competenceLevels
        #expect(levels.hasTables)
        #expect(
            levels.tables.map(\.competence) == [
                "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3",
                "5.1", "5.2",
            ])
        #expect(levels.tables.first?.thresholds == [-1.90, -0.73, 0.23, 0.92, 1.71, 2.49, 3.26])
        #expect(levels.levels(theta: -2.5) == [Int?](repeating: 0, count: 16))
        #expect(levels.levels(theta: -1.7) == [1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1])
        #expect(levels.levels(theta: 0.1) == [2, 2, 2, 3, 3, 3, 3, 3, 2, 3, 2, 3, 3, 3, 3, 3])
        #expect(levels.levels(theta: 1.72) == [5, 4, 4, 4, 4, 4, 4, 5, 5, 4, 4, 5, 5, 5, 5, 4])
        #expect(levels.levels(theta: 4) == [Int?](repeating: 7, count: 16))
        #expect(levels.level(competence: "4.3", theta: 0) == 3)
        #expect(levels.level(competence: "9.9", theta: 0) == nil)
    }

    /// The v3 form on the reference bank, then its result: the score and each competence's level from
    /// the final θ.
    @Test func certificationResultOnTheReferenceBank() throws {
        let sections = try #require(IRTBankFixture.crcn)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        let bankPool = try BankItemPool(bank: bank)
        let engine = try CATEngine(pool: bankPool.pool, settings: .pixCertification())
        var session = engine.startSession(seed: 5)
        let answers = PortableAnswers(stream: 11, itemCount: bank.itemCount)
        while engine.stopReason(for: session) == nil, let item = try engine.nextItem(in: &session) {
            let correct = answers.isCorrect(examinee: 0, theta: 1.0, item: engine.pool[item], index: item)
            try engine.record(item: item, correct: correct, in: &session)
        }
        let theta = session.estimate.theta
        let result = CertificationScoring.pix.result(theta: theta, levels: bankPool.competenceLevels)
        #expect(result.theta == theta)
        #expect(result.score == CertificationScoring.pix.score(theta: theta))
        #expect(result.competences.map(\.competence) == bankPool.competenceLevels.tables.map(\.competence))
        #expect(result.competences.map(\.level) == bankPool.competenceLevels.levels(theta: theta))
        #expect(result.competences.allSatisfy { $0.level != nil })

        // Exact values at a given θ: 1.72 gives 512 + 128 × (1.72 − 1.549962) / (2.27406 − 1.549962) pix.
        let fixed = CertificationScoring.pix.result(theta: 1.72, levels: bankPool.competenceLevels)
        #expect(fixed.score == 542)
        #expect(fixed.competences.map(\.level) == [5, 4, 4, 4, 4, 4, 4, 5, 5, 4, 4, 5, 5, 5, 5, 4])
        // Levels are capped at the scoring's open maximum level.
        var level5 = CertificationScoring.pix
        level5.maximumLevel = 5
        #expect(
            level5.result(theta: 4, levels: bankPool.competenceLevels).competences.map(\.level)
                == [Int?](repeating: 5, count: 16))
    }

    @Test("a bank without tables: the pool and the certification work, every level is nil")
    func bankWithoutTables() throws {
        let sections = try #require(IRTBankFixture.clean)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        #expect(!bank.hasThetaLevels)
        let bankPool = try BankItemPool(bank: bank)
        #expect(bankPool.pool.count == 4)
        #expect(!bankPool.competenceLevels.hasTables)
        #expect(bankPool.competenceLevels.tables.map(\.competence) == ["1.1", "1.2"])
        #expect(bankPool.competenceLevels.levels(theta: 0) == [nil, nil])
        let engine = try CATEngine(pool: bankPool.pool, settings: .pixCertification(length: 4))
        var session = engine.startSession(seed: 1)
        while engine.stopReason(for: session) == nil, let item = try engine.nextItem(in: &session) {
            try engine.record(item: item, correct: true, in: &session)
        }
        #expect(session.administered.count == 4)
        let result = CertificationScoring.pix.result(
            theta: session.estimate.theta, levels: bankPool.competenceLevels)
        #expect(result.competences == [.init(competence: "1.1", level: nil), .init(competence: "1.2", level: nil)])
        #expect(result.score == CertificationScoring.pix.score(theta: session.estimate.theta))
    }

    @Test("a stored table that is not increasing (bank not verified) is refused by the pool")
    func invalidStoredTable() throws {
        let sections = try #require(IRTBankFixture.clean)
        // Competence 1.1: levels 1 and 2 at 0.5 and −0.5 (decreasing); 1.2: no table.
        var payload: [UInt8] = []
        for value in [0.5, -0.5] + [Double](repeating: .nan, count: 14) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
        }
        let bank = try Bank(
            bytes: BankCompiler.assemble(
                sections + [BankCompiler.Section(id: .thetaLevels, payload: payload, recordSize: 64, flags: 0)]))
        #expect(bank.competence(code: "1.1")?.thetaLevels == [0.5, -0.5])
        #expect(throws: BankError.self) { try bank.verify() }
        do {
            _ = try BankItemPool(bank: bank)
            Issue.record("a decreasing θ table was accepted")
        } catch {
            #expect(error.code == .invalidSetting)
        }
    }
}

import Foundation
import ItemBankCompiler
import ItemBankFormat
import ItemBankRuntime
import ItemBankXML
import Testing

import struct ItemBankModel.BankSources

@testable import AdaptiveTesting
@testable import ItemResponseTheory

/// Compiled banks of the repository's fixtures, with and without an EXPO section.
enum IRTBankFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func sections(_ folder: String) -> [BankCompiler.Section]? {
        guard let schemas = try? SchemaSet(directory: root + "/Schemas"),
            let result = try? BankReader(schemas: schemas).read(root: root + "/" + folder),
            let sources = result.sources
        else { return nil }
        return try? BankCompiler.sections(of: sources)
    }

    static let clean = sections("Tests/Fixtures/clean-bank")
    static let crcn = sections("Banks/crcn")

    /// `sections` plus an EXPO section of these values (flags 0: optional).
    static func withExposure(_ sections: [BankCompiler.Section], _ values: [Double]) -> [UInt8] {
        var payload: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
        return BankCompiler.assemble(
            sections + [BankCompiler.Section(id: .exposureParameters, payload: payload, recordSize: 8, flags: 0)])
    }
}

@Suite struct IRTBankTests {
    @Test func exposureSectionRoundTrip() throws {
        let sections = try #require(IRTBankFixture.clean)
        let plain = try Bank(bytes: BankCompiler.assemble(sections))
        #expect(plain.exposureParameters == nil)
        let count = plain.itemCount
        let values = (0..<count).map { Double($0) / Double(count) }
        let bank = try Bank(bytes: IRTBankFixture.withExposure(sections, values))
        try bank.verify()
        #expect(bank.exposureParameters == values)
        #expect(bank.sectionInfo.last?.id == "EXPO")
        #expect(bank.sectionInfo.last?.mustUnderstand == false)
        // Rewriting through rawSections gives the same bytes (what calibrate-exposure does).
        let rewritten = BankCompiler.assemble(
            bank.rawSections.map {
                BankCompiler.Section(id: $0.id, payload: $0.payload, recordSize: $0.recordSize, flags: $0.flags)
            })
        #expect(rewritten == IRTBankFixture.withExposure(sections, values))
    }

    @Test func badExposureSectionsAreRefused() throws {
        let sections = try #require(IRTBankFixture.clean)
        let count = try Bank(bytes: BankCompiler.assemble(sections)).itemCount
        // Wrong count: refused at open.
        #expect(throws: BankError.self) {
            try Bank(bytes: IRTBankFixture.withExposure(sections, [Double](repeating: 1, count: count - 1)))
        }
        do {
            _ = try Bank(bytes: IRTBankFixture.withExposure(sections, [Double](repeating: 1, count: count + 1)))
            Issue.record("a wrong count opened")
        } catch {
            #expect(error.code == .badReference)
            #expect(error.section == "EXPO")
        }
        // A value outside [0, 1]: opens (values are not read at open), refused by verify and by the pool.
        var values = [Double](repeating: 1, count: count)
        values[1] = 1.5
        let bank = try Bank(bytes: IRTBankFixture.withExposure(sections, values))
        #expect(throws: BankError.self) { try bank.verify() }
        #expect(throws: CATError.self) { try BankItemPool(bank: bank) }
        values[1] = .nan
        #expect(throws: BankError.self) { try Bank(bytes: IRTBankFixture.withExposure(sections, values)).verify() }
    }

    @Test func bankPoolKeepsCalibratedItemsWithTheirContentKeys() throws {
        let sections = try #require(IRTBankFixture.clean)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        let bankPool = try BankItemPool(bank: bank)
        // The fixture has 5 items; `guillemets` has no calibration.
        #expect(bank.itemCount == 5)
        #expect(bankPool.uncalibrated.map { bank.item(at: $0)?.id } == ["guillemets"])
        #expect(bankPool.invalidCalibration.isEmpty)
        #expect(bankPool.pool.count == 4)
        for (position, index) in bankPool.bankItems.enumerated() {
            let item = try #require(bank.item(at: index))
            let calibration = try #require(item.calibration)
            let pooled = bankPool.pool[position]
            #expect(pooled.discrimination == calibration.discrimination)
            #expect(pooled.difficulty == calibration.difficulty)
            #expect(pooled.skill == item.skill?.index)
            #expect(pooled.tube == item.skill?.tube?.index)
            #expect(pooled.competence == item.skill?.competence?.index)
        }
        #expect(bankPool.pool.exposureParameters == nil)
        // With an EXPO section the pool takes the parameters of its items.
        let values = (0..<5).map { Double($0) / 10 }
        let withExposure = try BankItemPool(bank: Bank(bytes: IRTBankFixture.withExposure(sections, values)))
        #expect(withExposure.pool.exposureParameters == withExposure.bankItems.map { values[$0] })
    }

    @Test func storedSelectionIndexIsUsedWhenItMatchesThePool() throws {
        let sections = try #require(IRTBankFixture.clean)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        let computed = try BankItemPool(bank: bank)
        #expect(!computed.usesStoredIndex)
        func withIndex(_ payload: [UInt8]) -> [UInt8] {
            BankCompiler.assemble(
                sections + [BankCompiler.Section(id: .irtSelectionIndex, payload: payload, recordSize: 0, flags: 0)])
        }
        let payload = computed.selectionIndexSection
        #expect(payload.count == 32 + 4 * 241 * 4)
        let indexed = try Bank(bytes: withIndex(payload))
        try indexed.verify()
        let stored = try BankItemPool(bank: indexed)
        #expect(stored.usesStoredIndex)
        #expect(stored.pool.index.items == computed.pool.index.items)
        #expect(stored.pool.index.layout == computed.pool.index.layout)
        // Two entries swapped: the order check fails, the index is computed instead.
        var swapped = payload
        for offset in 0..<4 { swapped.swapAt(32 + offset, 36 + offset) }
        #expect(try BankItemPool(bank: Bank(bytes: withIndex(swapped))).usesStoredIndex == false)
        // An entry naming an item outside the pool (the uncalibrated one): not used, and verify refuses
        // an entry outside the bank.
        let uncalibrated = try #require(computed.uncalibrated.first)
        var foreign = payload
        foreign[32] = UInt8(uncalibrated)
        #expect(try BankItemPool(bank: Bank(bytes: withIndex(foreign))).usesStoredIndex == false)
        var outside = payload
        outside[32] = 200
        #expect(throws: BankError.self) { try Bank(bytes: withIndex(outside)).verify() }
        // A length that does not match the head: refused at open.
        #expect(throws: BankError.self) { try Bank(bytes: withIndex(Array(payload.dropLast(4)))) }
    }

    /// Pix's v3 form on the reference bank (16 competences, 32 tubes, every item calibrated): 32 items,
    /// one per tube, every competence visited in the first 16, never a competence of the last 2.
    @Test(arguments: [0, 1, 2] as [UInt64])
    func pixCertificationFormOnTheReferenceBank(seed: UInt64) throws {
        let sections = try #require(IRTBankFixture.crcn)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        let bankPool = try BankItemPool(bank: bank)
        // Every item of Banks/crcn is validated and calibrated.
        #expect(bank.itemCount > 100)
        #expect(bankPool.pool.count == bank.itemCount)
        let engine = try CATEngine(pool: bankPool.pool, settings: .pixCertification())
        var session = engine.startSession(seed: seed)
        #expect(session.estimate == AbilityEstimate(theta: -3, standardError: 5))
        var answers = PortableAnswers(stream: 11, itemCount: bank.itemCount)
        answers.stream += seed
        while engine.stopReason(for: session) == nil, let item = try engine.nextItem(in: &session) {
            let correct = answers.isCorrect(examinee: 0, theta: 0.5, item: engine.pool[item], index: item)
            try engine.record(item: item, correct: correct, in: &session)
        }
        #expect(engine.stopReason(for: session) == .maximumLength)
        let items = session.administered.map { engine.pool[$0] }
        #expect(items.count == 32)
        #expect(Set(items.compactMap(\.tube)).count == 32)
        #expect(Set(items.prefix(16).compactMap(\.competence)).count == 16)
        for position in 2..<items.count {
            #expect(items[position].competence != items[position - 1].competence)
            #expect(items[position].competence != items[position - 2].competence)
        }
        let score = CertificationScoring.pix.score(theta: session.estimate.theta)
        #expect((0...896).contains(score))
    }

    @Test func certificationScore() {
        let scoring = CertificationScoring.pix
        #expect(scoring.score(theta: -9) == 0)
        #expect(scoring.score(theta: -8) == 0)
        #expect(scoring.score(theta: -1.399264) == 128)
        #expect(scoring.score(theta: 0.670847) == 384)
        // Halfway through the 4th interval: 384 + 64.
        #expect(scoring.score(theta: (0.670847 + 1.549962) / 2) == 448)
        // 3.930395 is 896 = 7 × 128, the cap at open maximum level 7 (16 × 8 × 7).
        #expect(scoring.score(theta: 3.930395) == 896)
        #expect(scoring.score(theta: 6) == 896)
        #expect(scoring.score(theta: .nan) == 0)
        var level8 = scoring
        level8.maximumLevel = 8
        #expect(level8.score(theta: 8) == 1024)
        #expect(level8.score(theta: 5.965198) == 960)
    }

    @Test func competenceLevelTables() {
        let table = CompetenceLevelTable(
            competence: "1.1",
            bands: [
                .init(level: 0, lower: -8, upper: -2), .init(level: 1, lower: -2, upper: 0),
                .init(level: 2, lower: 0, upper: 8),
            ])
        #expect(table.isMonotonic)
        #expect(table.level(theta: -10) == 0)
        #expect(table.level(theta: -1) == 1)
        #expect(table.level(theta: 0) == 1)
        #expect(table.level(theta: 0.1) == 2)
        let reversed = CompetenceLevelTable(
            competence: "1.2",
            bands: [.init(level: 2, lower: -8, upper: 0), .init(level: 1, lower: 0, upper: 8)])
        #expect(!reversed.isMonotonic)
        let gap = CompetenceLevelTable(
            competence: "1.3",
            bands: [.init(level: 1, lower: -8, upper: -1), .init(level: 2, lower: 0, upper: 8)])
        #expect(!gap.isMonotonic)
    }
}

import ItemBankCompiler
import ItemBankFormat
import ItemBankTestSupport
import Testing

import struct ItemBankModel.BankSources
import struct ItemBankModel.SourceLocation
import struct ItemBankModel.ThetaLevels
import struct ItemBankModel.ThetaThreshold

@testable import ItemBankRuntime

/// The fixture bank (competences 1.1 and 1.2, maxLevel 7) with a θ table on 1.1 only: levels 1–3 at
/// −1.5, −0.5, 0.5 (written out of order: the compiler stores them by level).
private func sourcesWithTable() throws -> BankSources {
    var sources = try #require(fixtureSources)
    let at = SourceLocation(path: "framework.xml", line: 1, column: 1)
    sources.framework?.areas[0].competences[0].thetaLevels = ThetaLevels(
        thresholds: [
            ThetaThreshold(level: 2, theta: -0.5, location: at), ThetaThreshold(level: 1, theta: -1.5, location: at),
            ThetaThreshold(level: 3, theta: 0.5, location: at),
        ], location: at)
    return sources
}

/// `sections` with the f64 at `offset` of THLV's payload replaced by `value`.
private func patchingThetaLevels(
    _ sections: [BankCompiler.Section], at offset: Int, _ value: Double
) throws -> [BankCompiler.Section] {
    var sections = sections
    let index = try #require(sections.firstIndex { $0.id == .thetaLevels })
    let bits = value.bitPattern
    for byte in 0..<8 { sections[index].payload[offset + byte] = UInt8((bits >> UInt64(8 * byte)) & 0xFF) }
    return sections
}

@Suite("θ tables (THLV, format 1.1)")
struct ThetaLevelsSectionTests {
    @Test("round trip: each competence's thresholds by level, nil without a table; THLV is optional")
    func roundTrip() throws {
        let sections = try BankCompiler.sections(of: sourcesWithTable())
        #expect(sections.map(\.id.description).suffix(2) == ["SKPX", "THLV"])
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        try bank.verify()
        #expect(bank.hasThetaLevels)
        #expect(bank.competence(code: "1.1")?.thetaLevels == [-1.5, -0.5, 0.5])
        #expect(bank.competence(code: "1.2")?.thetaLevels == nil)
        let info = try #require(bank.sectionInfo.first { $0.id == "THLV" })
        #expect(info.mustUnderstand == false)
        #expect(info.recordSize == 64)
        #expect(info.recordCount == 2)
        #expect(info.length == 128)
        // Levels past the table, and every level of 1.2, hold NaN (bit pattern 0x7FF8000000000000).
        let payload = try #require(sections.last?.payload)
        let words = (0..<16).map { word in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(payload[8 * word + $1]) << UInt64(8 * $1) }
        }
        #expect(Array(words.prefix(3)).map(Double.init(bitPattern:)) == [-1.5, -0.5, 0.5])
        #expect(words.dropFirst(3).allSatisfy { $0 == 0x7FF8_0000_0000_0000 })
    }

    @Test("a framework without tables gives no THLV: 18 sections, no thresholds")
    func withoutTables() throws {
        let bank = try Bank(bytes: fixtureBytes)
        #expect(!bank.hasThetaLevels)
        #expect(!bank.sectionInfo.contains { $0.id == "THLV" })
        #expect(bank.sectionInfo.count == 18)
        #expect(bank.allCompetences.map(\.thetaLevels) == [nil, nil])
    }

    @Test("diff reports a competence whose θ table changed")
    func diff() throws {
        let old = try Bank(bytes: fixtureBytes)
        let new = try Bank(bytes: BankCompiler.compile(sourcesWithTable()))
        #expect(
            BankDiff.between(old, new).framework == [
                .init(
                    kind: .changed, entity: "competence", key: "1.1", fields: ["thetaLevels"],
                    details: ["thetaLevels": "none -> -1.5 -0.5 0.5"])
            ])
        #expect(BankDiff.between(new, new).isEmpty)
    }

    @Test("open refuses a THLV with another record count or record size")
    func openChecks() throws {
        var sections = try BankCompiler.sections(of: sourcesWithTable())
        let index = try #require(sections.firstIndex { $0.id == .thetaLevels })
        var oneRecord = sections
        oneRecord[index].payload.removeLast(64)
        do {
            _ = try Bank(bytes: BankCompiler.assemble(oneRecord))
            Issue.record("a THLV of 1 record for 2 competences opened")
        } catch {
            #expect(error.code == .badReference)
            #expect(error.section == "THLV")
            #expect(error.message == "1 θ tables for 2 competences")
        }
        sections[index].recordSize = 8
        do {
            _ = try Bank(bytes: BankCompiler.assemble(sections))
            Issue.record("a THLV of record size 8 opened")
        } catch {
            #expect(error.code == .badSectionTable)
            #expect(error.section == "THLV")
            #expect(error.message == "record size 8, expected 64")
        }
    }

    @Test(
        "verify(.full) refuses a stored table that is not increasing, not finite, has a gap or passes the max level",
        arguments: [
            // (competence, level, value, message)
            (0, 2, -1.5, "θ threshold of level 2 of competence 0 is not above the previous level's"),
            (0, 3, -2.0, "θ threshold of level 3 of competence 0 is not above the previous level's"),
            (0, 2, Double.infinity, "θ threshold of level 2 of competence 0 is not finite"),
            (0, 5, 3.0, "θ threshold of level 5 of competence 0 follows a level without one"),
            (1, 2, 1.0, "θ threshold of level 2 of competence 1 follows a level without one"),
        ] as [(Int, Int, Double, String)])
    func verifyRefuses(competence: Int, level: Int, value: Double, message: String) throws {
        let offset = competence * 64 + 8 * (level - 1)
        let sections = try patchingThetaLevels(BankCompiler.sections(of: sourcesWithTable()), at: offset, value)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        do {
            try bank.verify()
            Issue.record("a bad θ table verified")
        } catch {
            #expect(error.code == .badReference)
            #expect(error.section == "THLV")
            #expect(error.message == message)
            let thlv = try #require(bank.sectionInfo.first { $0.id == "THLV" })
            #expect(error.offset == thlv.offset + offset)
        }
    }

    @Test("flipping any byte of THLV or of its table entry (checksums repaired): no trap; what verifies is valid")
    func flips() throws {
        let bytes = try BankCompiler.compile(sourcesWithTable())
        let original = try Bank(bytes: bytes)
        let info = try #require(original.sectionInfo.first { $0.id == "THLV" })
        let entry = try #require(original.sectionInfo.firstIndex { $0.id == "THLV" })
        let entryStart = BankFormat.headerSize + entry * BankFormat.sectionEntrySize
        let positions =
            Array(entryStart..<(entryStart + BankFormat.sectionEntrySize))
            + Array(info.offset..<(info.offset + info.length))
        var verified = 0
        for index in positions {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var copy = bytes
                copy[index] ^= mask
                guard let bank = try? Bank(bytes: ChecksumRepair.repaired(copy)) else { continue }
                let tables = bank.allCompetences.map(\.thetaLevels)
                #expect(tables.allSatisfy { ($0?.count ?? 0) <= 8 })
                guard (try? bank.verify()) != nil else { continue }
                verified += 1
                for table in tables.compactMap({ $0 }) {
                    #expect(table.count <= bank.maxLevel)
                    #expect(table.allSatisfy { $0.isFinite })
                    #expect(zip(table, table.dropFirst()).allSatisfy { $0 < $1 })
                }
            }
        }
        // Some flips keep a valid table (a low mantissa bit, or the id of an optional section: it becomes
        // an unknown optional section, skipped); most are refused.
        #expect(verified > 0)
        #expect(verified < positions.count * 3)
    }

    @Test("verify(.full) refuses a table above the open maximum level (8 levels, max level 7)")
    func aboveMaxLevel() throws {
        var sections = try BankCompiler.sections(of: sourcesWithTable())
        for (level, value) in [(4, 1.5), (5, 2.5), (6, 3.5), (7, 4.5), (8, 5.5)] {
            sections = try patchingThetaLevels(sections, at: 8 * (level - 1), value)
        }
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        #expect(bank.competence(code: "1.1")?.thetaLevels?.count == 8)
        #expect(throws: BankError.self) { try bank.verify() }
        do {
            try bank.verify()
        } catch {
            #expect(error.message == "θ threshold of level 8 of competence 0 is above the max level 7")
        }
        // Up to level 7 it verifies.
        let seven = try patchingThetaLevels(sections, at: 56, .nan)
        try Bank(bytes: BankCompiler.assemble(seven)).verify()
    }
}

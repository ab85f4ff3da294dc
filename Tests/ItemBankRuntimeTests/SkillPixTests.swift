import ItemBankCompiler
import ItemBankFormat
import Testing

@testable import ItemBankRuntime

@Suite("Pix per skill (SKPX, format 1.1)")
struct SkillPixTests {
    @Test("min(4, 8 / N) per (competence, level) cell; skills that do not count are worth 0")
    func rule() {
        let values = SkillPix.values([
            .init(competence: 0, level: 1, counts: true),  // alone in its cell: capped at 4
            .init(competence: 0, level: 2, counts: true),  // three in the cell: 8 / 3
            .init(competence: 0, level: 2, counts: true),
            .init(competence: 0, level: 2, counts: true),
            .init(competence: 0, level: 2, counts: false),  // not counted, does not dilute the cell
            .init(competence: 1, level: 2, counts: true),  // other competence: its own cell
            .init(competence: 1, level: 3, counts: true),
            .init(competence: 1, level: 3, counts: true),
        ])
        let third: Double = 8.0 / 3
        let expected: [Double] = [4, third, third, third, 0, 4, 4, 4]
        #expect(values == expected)
        #expect(SkillPix.values([]) == [])
    }

    @Test("the compiler stores each skill's pix; a 1.0 bank without SKPX gives the same values")
    func storedAndComputed() throws {
        let sources = try #require(fixtureSources)
        let bank = try Bank(bytes: BankCompiler.compile(sources))
        try bank.verify()
        let names = bank.allSkills.map(\.name)
        #expect(
            names == [
                "@rechercheWeb1", "@rechercheWeb2", "@rechercheWeb3", "@formatsFichiers1", "@formatsFichiers2",
                "@formatsFichiers4",
            ])
        // One tube per competence: every skill with a validated item is alone in its cell; @formatsFichiers4
        // has no item.
        let expected: [Double] = [4, 4, 4, 4, 4, 0]
        #expect(bank.allSkills.map(\.pix) == expected)
        #expect(bank.sectionInfo.first { $0.id == "SKPX" }?.mustUnderstand == false)

        let older = try BankCompiler.sections(of: sources).filter { $0.id != .skillPix }
        let olderBank = try Bank(bytes: BankCompiler.assemble(older))
        try olderBank.verify()
        #expect(olderBank.allSkills.map(\.pix) == expected)
    }

    @Test("full verification refuses a stored value that differs from the rule")
    func tampered() throws {
        let sources = try #require(fixtureSources)
        var sections = try BankCompiler.sections(of: sources)
        let index = try #require(sections.firstIndex { $0.id == .skillPix })
        // Skill 1 stored as 2 pix (little-endian Float64).
        let two = (2.0 as Double).bitPattern
        for byte in 0..<8 { sections[index].payload[8 + byte] = UInt8((two >> UInt64(8 * byte)) & 0xFF) }
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        #expect(bank.skill(at: 1)?.pix == 2)
        do {
            try bank.verify()
            Issue.record("a wrong SKPX value verified")
        } catch {
            #expect(error.code == .badReference)
            #expect(error.section == "SKPX")
            #expect(error.message.contains("skill 1 is stored as worth 2.0 pix; its cell gives 4.0"))
        }
        // A wrong record count is refused at open.
        sections[index].payload.removeLast(8)
        #expect(throws: BankError.self) { try Bank(bytes: BankCompiler.assemble(sections)) }
    }
}

import ItemBankFormat
import ItemBankModel
import ItemBankRuntime
import Testing

@testable import ItemBankCompiler

@Suite("Compiling θ tables (THLV)")
struct ThetaLevelsCompilerTests {
    @Test("Banks/crcn: THLV after SKPX, one record per competence, the framework's thresholds by level")
    func referenceBank() throws {
        let sources = try loadSources("Banks/crcn")
        let sections = try BankCompiler.sections(of: sources)
        #expect(sections.map(\.id.description).suffix(2) == ["SKPX", "THLV"])
        let thlv = try #require(sections.last)
        #expect(thlv.flags == 0)
        #expect(thlv.recordSize == 64)
        #expect(thlv.payload.count == 16 * 64)
        let bank = try ItemBankRuntime.Bank(bytes: BankCompiler.assemble(sections))
        try bank.verify()
        let framework = try #require(sources.framework)
        #expect(bank.allCompetences.map(\.code) == framework.competences.map(\.code))
        for (view, competence) in zip(bank.allCompetences, framework.competences) {
            #expect(view.thetaLevels == competence.thetaLevels?.orderedThetas(maxLevel: 7), "\(view.code)")
            #expect(view.thetaLevels?.count == 7, "\(view.code)")
        }
        #expect(bank.competence(code: "1.1")?.thetaLevels == [-1.90, -0.73, 0.23, 0.92, 1.71, 2.49, 3.26])
    }

    @Test("an unusable table is refused, not compiled")
    func unusable() throws {
        var sources = try loadSources("Tests/Fixtures/clean-bank")
        let at = SourceLocation(path: "framework.xml", line: 3, column: 5)
        sources.framework?.areas[0].competences[1].thetaLevels = ThetaLevels(
            thresholds: [
                ThetaThreshold(level: 1, theta: 0.5, location: at), ThetaThreshold(level: 2, theta: -0.5, location: at),
            ], location: at)
        do {
            _ = try BankCompiler.compile(sources)
            Issue.record("a decreasing θ table compiled")
        } catch let error as CompileError {
            #expect(
                error.message
                    == "framework.xml: the θ table of competence 1.2 is not usable (see framework.theta-levels)")
        }
        // Level 8 when maxLevel is 7: refused too (it would never be awarded).
        sources.framework?.areas[0].competences[1].thetaLevels?.thresholds[1] = ThetaThreshold(
            level: 8, theta: 1, location: at)
        #expect(throws: CompileError.self) { try BankCompiler.compile(sources) }
        // A usable table compiles.
        sources.framework?.areas[0].competences[1].thetaLevels?.thresholds[1].level = 2
        let bank = try ItemBankRuntime.Bank(bytes: BankCompiler.compile(sources))
        #expect(bank.competence(code: "1.2")?.thetaLevels == [0.5, 1])
        #expect(bank.competence(code: "1.1")?.thetaLevels == nil)
    }
}

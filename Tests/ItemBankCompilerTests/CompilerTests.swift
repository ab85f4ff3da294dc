import Foundation
import ItemBankFormat
import ItemBankGenerator
import ItemBankModel
import ItemBankRuntime
import ItemBankTestSupport
import ItemBankXML
import Testing

@testable import ItemBankCompiler

func loadSources(_ relative: String) throws -> BankSources {
    let schemas = try SchemaSet(directory: repositoryRoot + "/Schemas")
    let result = try BankReader(schemas: schemas).read(root: repositoryRoot + "/" + relative)
    #expect(result.diagnostics.isEmpty)
    return try #require(result.sources)
}

@Suite("Compiler")
struct CompilerTests {
    @Test("CRC-32C check value (RFC 3720): \"123456789\" -> 0xE3069283")
    func crc() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test("hardware and table CRC-32C agree on every length from 0 to 300 and on random data")
    func crcPaths() {
        var generator = SplitMix64(seed: 7)
        let data = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in 0...300 {
            let slice = Array(data[0..<length])
            #expect(CRC32C.checksum(slice) == CRC32C.portableChecksum(slice))
        }
        #expect(CRC32C.checksum(data) == CRC32C.portableChecksum(data))
        #expect(CRC32C.portableChecksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test(
        "UTF-8 validation follows Unicode table 3-7",
        arguments: [
            ([0x41, 0xC3, 0xA9], true), ([0xE2, 0x80, 0xAF], true), ([0xF0, 0x9F, 0x98, 0x80], true), ([], true),
            ([0xC0, 0x80], false), ([0xE0, 0x80, 0x80], false), ([0xED, 0xA0, 0x80], false),
            ([0xF4, 0x90, 0x80, 0x80], false), ([0xC3], false), ([0x80], false), ([0xFF], false),
            (Array("abcdefghijklmnop".utf8) + [0xE9], false),
        ] as [([UInt8], Bool)])
    func utf8(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBytes { UTF8Validation.isValid($0) } == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }

    @Test("the same sources in another order give the same bytes")
    func deterministic() throws {
        var sources = try loadSources("Banks/crcn")
        let first = try BankCompiler.compile(sources)
        sources.items.reverse()
        let second = try BankCompiler.compile(sources)
        var generator = SplitMix64(seed: 42)
        sources.items.shuffle(using: &generator)
        let third = try BankCompiler.compile(sources)
        #expect(first == second)
        #expect(first == third)
    }

    @Test("round trip: every item of Banks/crcn is found with its skill, type, keys and answers")
    func roundTrip() throws {
        let sources = try loadSources("Banks/crcn")
        let bank = try Bank(bytes: try BankCompiler.compile(sources))
        try bank.verify()
        #expect(bank.itemCount == sources.items.count)
        #expect(bank.areaCount == 5)
        #expect(bank.competenceCount == 16)
        #expect(bank.id == "crcn")
        #expect(bank.maxLevel == 7)
        #expect(bank.frameworkLanguage == "fr-FR")
        #expect(bank.locales == ["fr-FR", "fr"])
        #expect(bank.bankDescription?.hasPrefix("Items de référence") == true)
        #expect(sources.items.contains { !$0.attachments.isEmpty } && sources.items.contains { $0.embed != nil })
        let framework = try #require(sources.framework)
        #expect(bank.skillCount == framework.skills.count)
        let index = framework.skillIndex()
        for item in sources.items {
            let view = try #require(bank.item(id: item.id), "\(item.id) not found")
            #expect(view.id == item.id)
            #expect(view.skill?.name == item.skill)
            #expect(view.skill?.competence?.code == index[item.skill]?.competence.code)
            #expect(view.type.rawValue == item.type.rawValue)
            #expect(view.status.rawValue == item.status.rawValue)
            #expect(view.keyPositions == item.keyPositions)
            #expect(
                view.choices.map(\.text) == item.choices.map { $0.text.markup.precomposedStringWithCanonicalMapping })
            #expect(view.responses.map(\.id) == item.responses.map(\.id))
            #expect(
                view.responses.map(\.acceptedAnswers)
                    == item.responses.map { $0.acceptedAnswers.map { $0.text.precomposedStringWithCanonicalMapping } })
            #expect(view.answerGroups.count == (item.answerGroups?.groups.count ?? 0))
            #expect(view.calibration?.discrimination == item.calibration?.discrimination)
            #expect(view.calibration?.difficulty == item.calibration?.difficulty)
            #expect(view.stem == item.stem.markup.precomposedStringWithCanonicalMapping)
            #expect(view.illustration?.source == item.illustration?.source)
            #expect(view.illustration?.text == item.illustration?.alternative.precomposedStringWithCanonicalMapping)
            #expect(view.media.filter { $0.kind == .attachment }.map(\.source) == item.attachments.map(\.source))
            #expect(view.embed?.url == item.embed?.url)
            #expect(view.embed?.height == item.embed?.height)
            #expect(view.genealogy.rawValue == item.genealogy.rawValue)
            #expect(view.timer == item.timer)
            #expect(view.isFocusable == item.isFocusable)
            #expect(view.shufflesChoices == item.shufflesChoices)
            #expect(view.groupTolerances.rawValue == (item.answerGroups?.tolerances.rawValue ?? 0))
            #expect(view.requiredAnswerCount == item.answerGroups?.count)
            #expect(
                view.responses.map(\.tolerances.rawValue)
                    == item.responses.map { response -> UInt8 in
                        if case .text(_, let tolerances) = response.kind { return tolerances.rawValue }
                        return 0
                    })
            #expect(bank.skill(named: item.skill)?.items.contains { $0.id == item.id } == true)
        }
        #expect(bank.item(id: "no-such-item") == nil)
    }

    @Test("skills by competence and level, and items of a skill, follow the framework")
    func indexes() throws {
        let sources = try loadSources("Banks/crcn")
        let bank = try Bank(bytes: try BankCompiler.compile(sources))
        let framework = try #require(sources.framework)
        for (competenceIndex, competence) in framework.competences.enumerated() {
            for level in 1...8 {
                let expected = competence.tubes.flatMap(\.skills).filter { $0.level == level }.map(\.name)
                #expect(bank.skills(ofCompetence: competenceIndex, level: level).map(\.name) == expected)
            }
            let view = try #require(bank.competence(code: competence.code))
            let expectedItems = sources.items.filter { item in
                competence.tubes.contains { $0.skills.contains { $0.name == item.skill } }
            }
            #expect(Set(view.items.map(\.id)) == Set(expectedItems.map(\.id)))
        }
        for skill in bank.allSkills {
            let expected = sources.items.filter { $0.skill == skill.name }.map(\.id).sorted {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
            #expect(skill.items.map(\.id) == expected)
        }
        for tube in bank.allTubes {
            #expect(tube.skills.map(\.level) == tube.skills.map(\.level).sorted())
        }
    }

    @Test("an item with an unknown skill is refused, not compiled")
    func unknownSkill() throws {
        var sources = try loadSources("Tests/Fixtures/clean-bank")
        sources.items[0].skill = "@nowhere1"
        #expect(throws: CompileError.self) { try BankCompiler.compile(sources) }
    }

    @Test("the atomic writer replaces the file and leaves no temporary file")
    func atomicWrite() throws {
        let folder = NSTemporaryDirectory() + "itembank-write-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try BankFileWriter.write([1, 2, 3], to: folder + "/b.itembank")
        try BankFileWriter.write([4, 5], to: folder + "/b.itembank")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/b.itembank")) == Data([4, 5]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["b.itembank"])
        #expect(throws: BankWriteError.self) { try BankFileWriter.write([1], to: folder + "/missing/b.itembank") }
    }
}

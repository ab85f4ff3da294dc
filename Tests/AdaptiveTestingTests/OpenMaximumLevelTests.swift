import Foundation
import ItemBankCompiler
import ItemBankGenerator
import ItemBankRuntime
import ItemBankXML
import Testing

@testable import AdaptiveTesting

/// The generated bank (open maximum level 7) with a level-8 skill in every tube, each with one validated
/// item (a copy of the tube's level-7 prototype): skills prepared for a level that is not open yet.
let bankWithLevel8: Bank? = {
    let folder = NSTemporaryDirectory() + "itembank-level8-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        var files: [(path: String, content: String)] = []
        for file in BankGenerator(itemCount: 2000, seed: 7).files() {
            if file.path == "framework.xml" {
                // `<skill name="@tube11xa7" level="7"/>` gets a sibling `<skill name="@tube11xa8" level="8"/>`.
                let lines = file.content.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                    line.contains("7\" level=\"7\"/>")
                        ? [String(line), line.replacingOccurrences(of: "7\" level=\"7\"", with: "8\" level=\"8\"")]
                        : [String(line)]
                }
                files.append((file.path, lines.joined(separator: "\n")))
                continue
            }
            files.append((file.path, file.content))
            // A level-7 prototype (no genealogy) is copied to the level-8 skill of its tube.
            guard file.path.hasPrefix("items/"), !file.content.contains("genealogy="),
                let skill = file.content.range(of: #"skill="@[^"]*7""#, options: .regularExpression),
                let id = file.content.range(of: #"id="gen-[0-9]+"#, options: .regularExpression)
            else { continue }
            var copy = file.content
            copy.replaceSubrange(skill, with: file.content[skill].replacingOccurrences(of: "7\"", with: "8\""))
            copy = copy.replacingOccurrences(of: file.content[id], with: file.content[id] + "-8")
            files.append((file.path.replacingOccurrences(of: ".xml", with: "-8.xml"), copy))
        }
        for file in files {
            let path = folder + "/" + file.path
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.content.utf8).write(to: URL(fileURLWithPath: path))
        }
        let result = try BankReader(schemas: SchemaSet.builtIn()).read(root: folder)
        guard let sources = result.sources, result.diagnostics.isEmpty else { return nil }
        return try Bank(bytes: BankCompiler.compile(sources))
    } catch {
        return nil
    }
}()

/// Issue 11, item 4: skills above the framework's open maximum level count for nothing, in positioning,
/// training, scoring and certification (docs/algorithms.md bounds a profile by 16 × 8 × open maximum).
@Suite("skills above the open maximum level")
struct OpenMaximumLevelTests {
    @Test("the bank has 32 level-8 skills with a validated item each, worth 0 pix; level 7 keeps 4 pix")
    func bankShape() throws {
        let bank = try #require(bankWithLevel8)
        try bank.verify(.full)
        #expect(bank.maxLevel == 7)
        let level8 = bank.allSkills.filter { $0.level == 8 }
        #expect(level8.count == 32)
        #expect(level8.allSatisfy { $0.items.count == 1 && $0.items.allSatisfy { $0.status == .validated } })
        #expect(level8.allSatisfy { $0.pix == 0 && !$0.isOpen })
        #expect(bank.allSkills.filter { $0.level <= 7 }.allSatisfy { $0.pix == 4 && $0.isOpen })
        #expect(bank.allSkills.reduce(0) { $0 + $1.pix } == 16 * 8 * 7)
    }

    @Test("a learner who answers everything right is positioned at level 7 with 56 pix; no level-8 item is served")
    func positioning() throws {
        let engine = JourneyEngine(bank: try #require(bankWithLevel8), locale: "fr-FR")
        for competence in ["1.1", "3.4", "5.2"] {
            let (state, items) = try position(engine, competence: competence, trueLevel: 8)
            let result = try engine.result(state)
            #expect(result.ended)
            #expect(result.competences.first?.level == 7)
            #expect(result.competences.first?.pix == 56)
            #expect(items.allSatisfy { ($0.skill?.level ?? 99) <= 7 })
            // Elements for the 14 open skills only.
            #expect(result.knowledge.count == 14)
            #expect(result.knowledge.allSatisfy { !$0.skill.hasSuffix("8") })
        }
    }

    @Test("an answer to a level-8 item is refused: the skill is above the open maximum level")
    func recordingALevel8Item() throws {
        let bank = try #require(bankWithLevel8)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        let state = try engine.startPositioning(competence: "1.1", seed: 1)
        let item = try #require(bank.skill(named: "@tube11xa8")?.items.first)
        #expect(
            throws: JourneyError.itemNotExpected(
                item.id, reason: "its skill @tube11xa8 is above the open maximum level 7")
        ) {
            try engine.record(state, item: item.id, outcome: .ok, at: fixedDate)
        }
    }

    /// Every skill of the bank validated directly, level-8 ones included (a profile from a service that
    /// trusted an older engine, or from a bank where level 8 was open).
    func everythingValidated(_ bank: Bank) -> LearnerProfile {
        LearnerProfile(
            knowledge: bank.allSkills.map { skill in
                KnowledgeElement(
                    skill: skill.name, status: .validated, source: .direct, item: skill.items.first?.id ?? "",
                    date: fixedDate)
            })
    }

    @Test("scoring a profile with every skill validated: 56 pix and level 7 per competence, 896 in all")
    func scoring() throws {
        let bank = try #require(bankWithLevel8)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        let score = engine.score(everythingValidated(bank))
        #expect(score.competences.count == 16)
        #expect(score.competences.allSatisfy { $0.pix == 56 && $0.level == 7 })
        #expect(score.total == 896)
    }

    @Test("training from such a profile serves no level-8 item and scores 56 pix")
    func training() throws {
        let bank = try #require(bankWithLevel8)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        var profile = everythingValidated(bank)
        // The level-8 skills and the level-7 ones of 2.1 invalidated: training may ask the level-7 ones.
        for skill in bank.allSkills where skill.level >= 7 && skill.competence?.code == "2.1" {
            profile.record(
                KnowledgeElement(
                    skill: skill.name, status: .invalidated, source: .direct, item: skill.items.first?.id ?? "",
                    date: Date(timeIntervalSince1970: 0)))
        }
        var state = try engine.startTraining(competences: ["2.1"], profile: profile, seed: 4, now: fixedDate)
        var served: [ItemView] = []
        while let item = try engine.next(state) {
            served.append(item)
            state = try engine.record(state, item: item.id, outcome: .ok, at: fixedDate)
        }
        #expect(!served.isEmpty)
        #expect(served.allSatisfy { $0.skill?.level == 7 })
        let result = try engine.result(state)
        #expect(result.competences.map(\.pix) == [56])
        #expect(result.competences.map(\.level) == [7])
    }

    @Test("certification asks no level-8 item and certifies at most 896 pix")
    func certification() throws {
        let bank = try #require(bankWithLevel8)
        let engine = JourneyEngine(bank: bank, locale: "fr-FR")
        let test = try engine.assembleCertification(everythingValidated(bank), seed: 5)
        #expect(test.questions.count == 48)
        #expect(test.questions.allSatisfy { $0.level <= 7 })
        #expect(test.positioned.allSatisfy { $0.pix == 56 && $0.level == 7 })
        let answers = test.questions.map { CertificationAnswer(item: $0.item, outcome: .ok) }
        let certificate = try engine.scoreCertification(test, answers: answers, date: fixedDate)
        #expect(certificate.competences.allSatisfy { $0.level == 7 && $0.pix == 56 })
        #expect(certificate.totalPix == 896)
    }
}

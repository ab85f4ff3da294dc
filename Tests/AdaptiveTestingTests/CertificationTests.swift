import Foundation
import ItemBankRuntime
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite("Certification (v2) and training")
struct CertificationTests {
    /// A profile positioned by exact learners: true level per competence code.
    func profile(_ engine: JourneyEngine, levels: [String: Int]) throws -> LearnerProfile {
        var profile = LearnerProfile()
        for (competence, level) in levels.sorted(by: { $0.key < $1.key }) {
            let (state, _) = try position(engine, competence: competence, trueLevel: level)
            profile = try engine.updatedProfile(profile, with: state)
        }
        return profile
    }

    @Test("eligibility needs level 1 in 5 competences and names the missing ones")
    func eligibility() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let four = try profile(engine, levels: ["1.1": 3, "1.2": 1, "2.1": 5, "3.1": 2, "4.1": 0])
        let eligibility = engine.eligibility(four)
        #expect(!eligibility.isEligible)
        #expect(eligibility.missing == 1)
        #expect(eligibility.certifiable.map(\.competence) == ["1.1", "1.2", "2.1", "3.1"])
        #expect(eligibility.certifiable.map(\.level) == [3, 1, 5, 2])
        #expect(eligibility.notReached.count == 12)
        #expect(throws: JourneyError.notEligible(certifiable: 4, required: 5)) {
            try engine.assembleCertification(four, seed: 1)
        }
    }

    @Test("assembly: 3 items per certifiable competence, from directly validated skills, hardest first, unseen")
    func assembly() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let learner = try profile(engine, levels: ["1.1": 6, "1.2": 4, "2.1": 5, "3.1": 2, "4.1": 7, "5.2": 1])
        let test = try engine.assembleCertification(learner, seed: 9)
        #expect(test.positioned.map(\.competence) == ["1.1", "1.2", "2.1", "3.1", "4.1", "5.2"])
        for score in test.positioned {
            let questions = test.questions.filter { $0.competence == score.competence }
            let direct = learner.knowledge.filter { element in
                element.source == .direct && element.status == .validated
                    && questions.contains { $0.skill == element.skill }
            }
            // Every question measures a skill the learner validated directly.
            #expect(direct.count == questions.count)
            #expect(questions.count <= 3)
            #expect(questions.allSatisfy { !$0.seenBefore })
            #expect(questions.allSatisfy { !learner.answeredItems.contains($0.item) })
            // Hardest first.
            #expect(questions.map(\.level) == questions.map(\.level).sorted(by: >))
        }
        #expect(try engine.assembleCertification(learner, seed: 9) == test)
    }

    @Test(
        "the reproducibility table of notes/pix-domain.md",
        arguments: [
            // asked, right, neutralised, decisions at rates 85 %, 75 %, 60 %
            (3, 3, 0, "VVV"), (3, 2, 1, "VVV"), (2, 2, 0, "VVV"),
            (3, 2, 0, "VDD"),
            (3, 1, 2, "VVD"), (2, 1, 1, "VVD"), (1, 1, 0, "VVD"),
            (3, 1, 1, "VDI"), (2, 1, 0, "VDI"),
            (3, 1, 0, "III"), (3, 0, 0, "III"), (3, 0, 2, "III"), (2, 0, 0, "III"), (1, 0, 0, "III"),
        ])
    func decisionTable(asked: Int, right: Int, neutralised: Int, expected: String) {
        let letters: [Certificate.Decision: Character] = [.validated: "V", .lowered: "D", .invalidated: "I"]
        let decisions = [85.0, 75, 60].compactMap {
            letters[
                JourneyEngine.decision(asked: asked, right: right, neutralised: neutralised, rate: $0)]
        }
        #expect(String(decisions) == expected)
    }

    @Test("scoring: levels validated, lowered or invalidated; total; dates; rejection below 50 %")
    func scoring() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let learner = try profile(engine, levels: ["1.1": 6, "1.2": 4, "2.1": 5, "3.1": 2, "4.1": 7])
        let test = try engine.assembleCertification(learner, seed: 2)
        // 3 items per competence, except 3.1: a level-2 learner validated only two skills directly (level 1
        // was inferred in both tubes).
        #expect(
            test.questions.map(\.competence) == [
                "1.1", "1.1", "1.1", "1.2", "1.2", "1.2", "2.1", "2.1", "2.1", "3.1", "3.1", "4.1", "4.1", "4.1",
            ])
        // All right except: one wrong in 1.2, two wrong in 2.1, one neutralised in 3.1.
        var answers = test.questions.map { CertificationAnswer(item: $0.item, outcome: .ok) }
        let byCompetence = Dictionary(grouping: answers.indices, by: { test.questions[$0].competence })
        answers[try #require(byCompetence["1.2"]?[0])].outcome = .ko
        answers[try #require(byCompetence["2.1"]?[0])].outcome = .ko
        answers[try #require(byCompetence["2.1"]?[1])].outcome = .timedOut
        answers[try #require(byCompetence["3.1"]?[0])].neutralised = true
        let date = try #require(ISO8601DateFormatter().date(from: "2026-11-29T10:00:00Z"))
        let certificate = try engine.scoreCertification(test, answers: answers, date: date)
        // 10 right of 13 counted: 76.9 %, the middle band.
        #expect(abs(certificate.reproducibilityRate - 1000.0 / 13) < 1e-9)
        #expect(
            certificate.competences.map(\.decision) == [.validated, .lowered, .invalidated, .validated, .validated])
        #expect(certificate.competences.map(\.level) == [6, 3, 0, 2, 7])
        #expect(certificate.competences.map(\.pix) == [48, 24, 0, 16, 56])
        #expect(certificate.totalPix == 144)
        #expect(certificate.status == .validated)
        #expect(certificate.date == "2026-11-29")
        #expect(certificate.expiry == "2029-11-29")

        let allWrong = test.questions.enumerated().map {
            CertificationAnswer(item: $0.element.item, outcome: $0.offset < 6 ? .ok : .ko)
        }
        let rejected = try engine.scoreCertification(test, answers: allWrong, date: date)
        #expect(rejected.status == .rejected)
        #expect(rejected.totalPix == 0)
        #expect(rejected.rejectionReason == "reproducibility rate 42.9 % is below 50.0 %")

        #expect(throws: JourneyError.missingAnswer(test.questions[13].item)) {
            try engine.scoreCertification(test, answers: Array(answers.prefix(13)), date: date)
        }
        #expect(throws: JourneyError.itemNotInTest("intrus")) {
            try engine.scoreCertification(
                test, answers: answers + [CertificationAnswer(item: "intrus", outcome: .ok)], date: date)
        }
        let leap = try #require(ISO8601DateFormatter().date(from: "2028-02-29T23:30:00Z"))
        #expect(try engine.scoreCertification(test, answers: answers, date: leap).expiry == "2031-02-28")
    }

    @Test("training continues from the profile and re-asks invalidated skills only after the delay")
    func training() throws {
        let engine = JourneyEngine(bank: try #require(generatedBank), locale: "fr-FR")
        let learner = try profile(engine, levels: ["1.1": 3])
        let invalidated = learner.knowledge.filter { $0.status == .invalidated }.map(\.skill)
        #expect(invalidated.count == 8)
        // The same day: every skill of 1.1 is tested, nothing to ask.
        let sameDay = try engine.startTraining(competences: ["1.1"], profile: learner, seed: 4, now: fixedDate)
        #expect(try engine.next(sameDay) == nil)
        // Five days later: invalidated skills come back; a learner now at level 5 gains 16 pix.
        var state = try engine.startTraining(
            competences: ["1.1"], profile: learner, seed: 4, now: fixedDate.addingTimeInterval(5 * 86_400))
        var asked: [String] = []
        while let item = try engine.next(state) {
            let skill = try #require(item.skill)
            asked.append(skill.name)
            #expect(invalidated.contains(skill.name))
            #expect(!learner.answeredItems.contains(item.id) || skill.items.count == 1)
            state = try engine.record(
                state, item: item.id, outcome: skill.level <= 5 ? .ok : .ko,
                at: fixedDate.addingTimeInterval(5 * 86_400))
        }
        #expect(!asked.isEmpty)
        let updated = try engine.updatedProfile(learner, with: state)
        #expect(engine.score(updated).score(of: "1.1") == CompetenceScore(competence: "1.1", pix: 40, level: 5))
        #expect(engine.score(learner).score(of: "1.1") == CompetenceScore(competence: "1.1", pix: 24, level: 3))
        #expect(engine.score(updated).total == 40)
    }
}

@Suite("Learner profiles")
struct LearnerProfileTests {
    @Test("the last element of a skill wins; answered items are kept once; decoding applies the same rule")
    func duplicates() throws {
        let date = Date(timeIntervalSince1970: 0)
        func element(_ skill: String, _ status: KnowledgeElement.Status) -> KnowledgeElement {
            KnowledgeElement(skill: skill, status: status, source: .direct, item: "i", date: date)
        }
        let profile = LearnerProfile(
            knowledge: [element("@a1", .validated), element("@b1", .validated), element("@a1", .invalidated)],
            answeredItems: ["x", "y", "x"])
        #expect(profile.knowledge.map { "\($0.skill) \($0.status)" } == ["@b1 validated", "@a1 invalidated"])
        #expect(profile.answeredItems == ["x", "y"])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let json = try encoder.encode(
            ["knowledge": [element("@a1", .validated), element("@a1", .invalidated)]])
        let decoded = try decoder.decode(LearnerProfile.self, from: json)
        #expect(decoded.knowledge.count == 1)
        #expect(decoded.knowledge.first?.status == .invalidated)
        #expect(decoded.answeredItems == [])
        // Large profiles are built in linear time (a quadratic build of 200,000 elements takes minutes).
        let large = LearnerProfile(
            knowledge: (0..<200_000).map { element("@s\($0 % 50_000)", .validated) },
            answeredItems: (0..<200_000).map { "item-\($0 % 70_000)" })
        #expect(large.knowledge.count == 50_000)
        #expect(large.answeredItems.count == 70_000)
    }
}

import Foundation
import ItemBankRuntime

/// Settings of the v2 certification. Defaults are Pix's (notes/pix-domain.md, "Certification").
public struct CertificationSettings: Codable, Hashable, Sendable {
    /// Items asked per certifiable competence (Pix: 3).
    public var itemsPerCompetence: Int
    /// Certifiable competences (level >= 1) required to be eligible (Pix: 5).
    public var minimumCompetences: Int
    /// Validity of a certificate, in years (the seed: 3).
    public var validityYears: Int
    /// Below this reproducibility rate (percent) the whole certification is rejected (Pix: 50).
    public var rejectionRate: Double
    /// At or above this rate (percent) the table's first column applies (Pix: 80).
    public var highRate: Double
    /// At or above this rate (and below ``highRate``) the table's second column applies (70).
    public var middleRate: Double

    public init(
        itemsPerCompetence: Int = 3, minimumCompetences: Int = 5, validityYears: Int = 3, rejectionRate: Double = 50,
        highRate: Double = 80, middleRate: Double = 70
    ) {
        self.itemsPerCompetence = itemsPerCompetence
        self.minimumCompetences = minimumCompetences
        self.validityYears = validityYears
        self.rejectionRate = rejectionRate
        self.highRate = highRate
        self.middleRate = middleRate
    }
}

/// Whether a learner may take a certification, and on which competences.
public struct Eligibility: Codable, Hashable, Sendable {
    public var isEligible: Bool
    /// Competences with level >= 1 (the ones a certification tests), with the positioned score.
    public var certifiable: [CompetenceScore]
    /// Competences still at level 0.
    public var notReached: [String]
    /// How many more competences must reach level 1 (0 when eligible).
    public var missing: Int
}

/// An assembled certification test: the items to ask, in order, and the positioned scores it checks.
public struct CertificationTest: Codable, Hashable, Sendable {
    /// One item of the test.
    public struct Question: Codable, Hashable, Sendable {
        public var competence: String
        public var item: String
        public var skill: String
        /// The skill's level (1–8).
        public var level: Int
        /// True when the learner had already answered this item (no unseen item was left).
        public var seenBefore: Bool
    }

    public var questions: [Question]
    /// Positioned scores of the certifiable competences (what the test validates, lowers or invalidates).
    public var positioned: [CompetenceScore]
}

/// The learner's answer to one question of a certification.
public struct CertificationAnswer: Codable, Hashable, Sendable {
    public var item: String
    public var outcome: AnswerOutcome
    /// Neutralised by the invigilator or the jury (a faulty item): not counted.
    public var neutralised: Bool

    public init(item: String, outcome: AnswerOutcome, neutralised: Bool = false) {
        self.item = item
        self.outcome = outcome
        self.neutralised = neutralised
    }
}

/// A scored certification.
public struct Certificate: Codable, Hashable, Sendable {
    /// What the test decided for a competence.
    public enum Decision: String, Codable, Hashable, Sendable {
        /// The positioned level is certified.
        case validated
        /// Certified one level lower (8 pix less).
        case lowered
        /// Not certified.
        case invalidated
    }

    /// One competence of the certificate.
    public struct Competence: Codable, Hashable, Sendable {
        public var competence: String
        public var positionedLevel: Int
        public var positionedPix: Int
        public var asked: Int
        public var right: Int
        public var neutralised: Int
        public var decision: Decision
        /// Certified level (0: not certified).
        public var level: Int
        /// Certified pix.
        public var pix: Int
    }

    public enum Status: String, Codable, Hashable, Sendable {
        case validated, rejected
    }

    public var status: Status
    /// Why a rejected certificate was rejected.
    public var rejectionReason: String?
    /// Day the certification was taken (ISO 8601 date, UTC).
    public var date: String
    /// Last day of validity (ISO 8601 date, UTC): `date` + ``CertificationSettings/validityYears``;
    /// nil for a rejected certification (it certifies nothing).
    public var expiry: String?
    /// Right answers / non-neutralised answers, percent (0–100).
    public var reproducibilityRate: Double
    public var competences: [Competence]
    /// Total certified pix (0 when rejected).
    public var totalPix: Int
}

extension JourneyEngine {
    /// Eligibility: level >= 1 in at least ``CertificationSettings/minimumCompetences`` competences.
    public func eligibility(_ profile: LearnerProfile, settings: CertificationSettings = .init()) -> Eligibility {
        let score = score(profile)
        let certifiable = score.competences.filter { $0.level >= 1 }
        return Eligibility(
            isEligible: certifiable.count >= settings.minimumCompetences, certifiable: certifiable,
            notReached: score.competences.filter { $0.level < 1 }.map(\.competence),
            missing: max(0, settings.minimumCompetences - certifiable.count))
    }

    /// Assembles a v2 certification: for each certifiable competence, up to
    /// ``CertificationSettings/itemsPerCompetence`` items of skills the learner validated directly,
    /// hardest skills first, preferring items the learner never saw and tubes not used yet in the
    /// competence (each preference is dropped only when it leaves too few items). Deterministic for a seed.
    /// - Throws: ``JourneyError/notEligible(certifiable:required:)``; ``JourneyError/emptyCertification``
    ///   when no certifiable competence has a skill validated directly.
    public func assembleCertification(
        _ profile: LearnerProfile, seed: UInt64, settings: CertificationSettings = .init()
    ) throws(JourneyError) -> CertificationTest {
        let eligibility = eligibility(profile, settings: settings)
        guard eligibility.isEligible else {
            throw .notEligible(certifiable: eligibility.certifiable.count, required: settings.minimumCompetences)
        }
        let seen = Set(answeredItemIndices(profile))
        var questions: [CertificationTest.Question] = []
        for (position, score) in eligibility.certifiable.enumerated() {
            guard let competence = competenceCodes.firstIndex(of: score.competence) else { continue }
            let validated = profile.knowledge.compactMap { element -> Int? in
                guard element.source == .direct, element.status == .validated,
                    let skill = skillByName[element.skill], skills[skill].competence == competence,
                    skills[skill].isOpen
                else { return nil }
                return skill
            }.sorted { skills[$0].level != skills[$1].level ? skills[$0].level > skills[$1].level : $0 < $1 }
            var chosen: [(skill: Int, item: Int)] = []
            // Passes: unseen items in new tubes, unseen items, then any item.
            for pass in 0..<3 where chosen.count < settings.itemsPerCompetence {
                for skill in validated where chosen.count < settings.itemsPerCompetence {
                    guard !chosen.contains(where: { $0.skill == skill }) else { continue }
                    if pass == 0, chosen.contains(where: { skills[$0.skill].tube == skills[skill].tube }) { continue }
                    let items = skills[skill].playableItems.filter { pass == 2 || !seen.contains($0) }
                    guard !items.isEmpty else { continue }
                    let validatedItems = items.filter { bank.item(at: $0)?.status == .validated }
                    let pool = validatedItems.isEmpty ? items : validatedItems
                    let draw = IRTRandom.mix(seed &+ UInt64(position) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(skill))
                    chosen.append((skill, pool[Int(draw % UInt64(pool.count))]))
                }
            }
            for (skill, item) in chosen {
                questions.append(
                    .init(
                        competence: score.competence, item: bank.item(at: item)?.id ?? "", skill: skills[skill].name,
                        level: skills[skill].level, seenBefore: seen.contains(item)))
            }
        }
        guard !questions.isEmpty else { throw .emptyCertification }
        return CertificationTest(questions: questions, positioned: eligibility.certifiable)
    }

    /// Scores a certification (notes/pix-domain.md, "Certification"): per competence, from the asked,
    /// right and neutralised counts and the test's reproducibility rate, validates the positioned level,
    /// lowers it by one (8 pix), or invalidates it; rejects the whole certification below
    /// ``CertificationSettings/rejectionRate`` or at 0 pix.
    /// - Parameter date: when the test was taken; the certificate's days are in UTC.
    /// - Throws: ``JourneyError/itemNotInTest(_:)`` for an answer to another item,
    ///   ``JourneyError/missingAnswer(_:)`` when a question has no answer.
    public func scoreCertification(
        _ test: CertificationTest, answers: [CertificationAnswer], date: Date, settings: CertificationSettings = .init()
    ) throws(JourneyError) -> Certificate {
        var byItem: [String: CertificationAnswer] = [:]
        for answer in answers {
            guard test.questions.contains(where: { $0.item == answer.item }) else { throw .itemNotInTest(answer.item) }
            byItem[answer.item] = answer
        }
        if let missing = test.questions.first(where: { byItem[$0.item] == nil }) { throw .missingAnswer(missing.item) }
        var counts: [(asked: Int, right: Int, neutralised: Int)] = []
        for score in test.positioned {
            let questions = test.questions.filter { $0.competence == score.competence }
            var right = 0
            var neutralised = 0
            for question in questions {
                guard let answer = byItem[question.item] else { continue }
                if answer.neutralised {
                    neutralised += 1
                } else if answer.outcome.isSuccess {
                    right += 1
                }
            }
            counts.append((questions.count, right, neutralised))
        }
        let counted = counts.reduce(0) { $0 + $1.asked - $1.neutralised }
        let rightTotal = counts.reduce(0) { $0 + $1.right }
        let rate = counted == 0 ? 0 : Double(rightTotal) * 100 / Double(counted)
        var competences: [Certificate.Competence] = []
        for (score, count) in zip(test.positioned, counts) {
            let decision = Self.decision(
                asked: count.asked, right: count.right, neutralised: count.neutralised, rate: rate, settings: settings)
            let (level, pix): (Int, Int) =
                switch decision {
                case .validated: (score.level, score.pix)
                case .lowered: (max(0, score.level - 1), max(0, score.pix - Self.pixPerLevel))
                case .invalidated: (0, 0)
                }
            competences.append(
                .init(
                    competence: score.competence, positionedLevel: score.level, positionedPix: score.pix,
                    asked: count.asked, right: count.right, neutralised: count.neutralised, decision: decision,
                    level: level, pix: pix))
        }
        let total = competences.reduce(0) { $0 + $1.pix }
        var reason: String?
        if counted == 0 {
            reason = "no answer counted: every item was neutralised"
        } else if rate < settings.rejectionRate {
            reason = "reproducibility rate \(Self.percent(rate)) % is below \(Self.percent(settings.rejectionRate)) %"
        } else if total == 0 {
            reason = "no pix certified"
        }
        return Certificate(
            status: reason == nil ? .validated : .rejected, rejectionReason: reason, date: Self.day(date),
            expiry: reason == nil ? Self.day(Self.expiry(of: date, years: settings.validityYears)) : nil,
            reproducibilityRate: rate,
            competences: competences, totalPix: reason == nil ? total : 0)
    }

    /// Pix's reproducibility table, written by wrong answers w = asked − neutralised − right:
    /// w = 0 validates (with one right answer only, lowers below the middle rate); w = 1 with two right
    /// validates at the high rate and lowers otherwise, with one right validates / lowers / invalidates
    /// by rate band; w >= 2 or no right answer invalidates.
    public static func decision(
        asked: Int, right: Int, neutralised: Int, rate: Double, settings: CertificationSettings = .init()
    ) -> Certificate.Decision {
        let wrong = asked - neutralised - right
        guard right > 0, wrong >= 0 else { return .invalidated }
        let band = rate >= settings.highRate ? 0 : rate >= settings.middleRate ? 1 : 2
        switch (wrong, right) {
        case (0, 1): return band < 2 ? .validated : .lowered
        case (0, _): return .validated
        case (1, 1): return [.validated, .lowered, .invalidated][band]
        case (1, _): return band == 0 ? .validated : .lowered
        default: return .invalidated
        }
    }

    static func expiry(of date: Date, years: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(byAdding: .year, value: years, to: date) ?? date
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

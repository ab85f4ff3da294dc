import Foundation
import ItemBankRuntime

/// The learner journey on one compiled bank, for one locale: scoring, positioning, training and
/// certification (notes/pix-domain.md; docs/algorithms.md).
///
/// Built once per (bank, locale) — it indexes what the algorithms need (skills by name, by tube and
/// by competence, playable items of each skill) — then shared: it is an immutable `Sendable` value and
/// every session step is a pure function of a serialisable state.
public struct JourneyEngine: Sendable {
    /// The bank, opened with ``ItemBankRuntime/Bank``.
    public let bank: Bank
    /// The locale items are served in (BCP 47, for example `fr-FR`).
    public let locale: String
    /// The positioning algorithm's settings.
    public let settings: PositioningSettings

    /// One skill, as the journey sees it.
    struct SkillInfo: Sendable {
        var name: String
        var competence: Int
        var tube: Int
        var level: Int
        var isActive: Bool
        /// Pix when validated (``ItemBankRuntime/SkillView/pix``): 0 above the open maximum level.
        var pix: Double
        /// The level is in 1 ... the bank's open maximum level (``ItemBankRuntime/Bank/maxLevel``): the
        /// skill is served, inferred, certified and worth pix. A skill above it counts for nothing.
        var isOpen: Bool
        /// Items that can be served in the locale (validated or archived), validated ones first, by id.
        var playableItems: [Int]
        /// How many of ``playableItems`` (the first ones) are validated.
        var validatedCount: Int
        /// True when every playable item has a timer.
        var isTimed: Bool
    }

    let skills: [SkillInfo]
    let skillByName: [String: Int]
    /// Active skills of each competence with a level in 1 ... the open maximum level, in tube then level
    /// order: the skills positioning and training serve and infer.
    let competenceSkills: [[Int]]
    /// Active skills of each tube with a level in 1 ... the open maximum level, by increasing level.
    let tubeSkills: [[Int]]
    /// Highest level of such a skill of each tube (0 when none).
    let tubeMaxLevel: [Int]
    /// Competence codes, in bank order.
    let competenceCodes: [String]
    /// First 16 bytes of the bank's content SHA-256, hex: what a state is bound to.
    let bankTag: String

    /// Indexes `bank` for `locale`.
    ///
    /// An item is playable in `locale` when its status is validated or archived and one of its locales
    /// (its language when it lists none) equals `locale` or is its language (`fr` serves `fr-FR` and
    /// the reverse), ignoring case.
    public init(bank: Bank, locale: String, settings: PositioningSettings = .init()) {
        self.bank = bank
        self.locale = locale
        self.settings = settings
        bankTag = String(bank.contentDigest.prefix(32))
        competenceCodes = bank.allCompetences.map(\.code)
        var skills: [SkillInfo] = []
        var byName: [String: Int] = [:]
        var competenceSkills = Array(repeating: [Int](), count: bank.competenceCount)
        var tubeSkills = Array(repeating: [Int](), count: bank.tubeCount)
        let openLevels = min(max(1, bank.maxLevel), 8)
        for skill in bank.allSkills {
            var validated: [Int] = []
            var archived: [Int] = []
            var allTimed = true
            for item in skill.items {
                guard item.status == .validated || item.status == .archived,
                    JourneyEngine.serves(item, in: locale)
                else { continue }
                if item.status == .validated { validated.append(item.index) } else { archived.append(item.index) }
                if item.timer == nil { allTimed = false }
            }
            let playable = validated + archived
            let info = SkillInfo(
                name: skill.name, competence: skill.competence?.index ?? -1, tube: skill.tube?.index ?? -1,
                level: skill.level, isActive: skill.status == .active, pix: skill.pix,
                isOpen: (1...openLevels).contains(skill.level), playableItems: playable,
                validatedCount: validated.count, isTimed: !playable.isEmpty && allTimed)
            if byName[info.name] == nil { byName[info.name] = skills.count }
            if info.isActive, info.isOpen {
                if competenceSkills.indices.contains(info.competence) {
                    competenceSkills[info.competence].append(skills.count)
                }
                if tubeSkills.indices.contains(info.tube) { tubeSkills[info.tube].append(skills.count) }
            }
            skills.append(info)
        }
        for tube in tubeSkills.indices { tubeSkills[tube].sort { skills[$0].level < skills[$1].level } }
        self.skills = skills
        skillByName = byName
        self.competenceSkills = competenceSkills
        self.tubeSkills = tubeSkills
        tubeMaxLevel = tubeSkills.map { $0.map { skills[$0].level }.max() ?? 0 }
    }

    static func serves(_ item: ItemView, in locale: String) -> Bool {
        let wanted = locale.lowercased()
        let locales = item.locales.isEmpty ? [item.language] : item.locales
        return locales.contains { candidate in
            let offered = candidate.lowercased()
            return offered == wanted || offered.hasPrefix(wanted + "-") || wanted.hasPrefix(offered + "-")
        }
    }

    /// The index of a competence code (`1.1`).
    /// - Throws: ``JourneyError/unknownCompetence(_:)``.
    func competenceIndex(_ code: String) throws(JourneyError) -> Int {
        guard let index = competenceCodes.firstIndex(of: code) else { throw .unknownCompetence(code) }
        return index
    }
}

import Foundation

/// A competence's score: pix and level (notes/pix-domain.md, "Scoring").
public struct CompetenceScore: Codable, Hashable, Sendable {
    /// Competence code, for example `1.1`.
    public var competence: String
    /// Sum of the pix of the competence's validated skills (direct or inferred), rounded down.
    public var pix: Int
    /// `pix / 8` rounded down, capped at the bank's open maximum level.
    public var level: Int
}

/// A learner's scores in every competence of the bank, and the global score.
public struct ProfileScore: Codable, Hashable, Sendable {
    /// One score per competence, in bank order.
    public var competences: [CompetenceScore]
    /// Sum of the competences' pix (at most 16 × 8 × maximum level: 896 at level 7).
    public var total: Int

    /// The score of a competence code.
    public func score(of competence: String) -> CompetenceScore? {
        competences.first { $0.competence == competence }
    }
}

extension JourneyEngine {
    /// Pix per level: each level of a competence is worth 8 pix.
    public static let pixPerLevel = 8

    /// Scores a profile: per competence, the floored sum of the pix of validated skills; level =
    /// `pix / 8`, capped at the bank's open maximum. Elements naming skills the bank does not have
    /// (a profile from an older bank) count for nothing.
    public func score(_ profile: LearnerProfile) -> ProfileScore {
        var pix = Array(repeating: 0.0, count: competenceCodes.count)
        for element in profile.knowledge where element.status == .validated {
            guard let skill = skillByName[element.skill], pix.indices.contains(skills[skill].competence) else {
                continue
            }
            pix[skills[skill].competence] += skills[skill].pix
        }
        let scores = pix.enumerated().map { competence, value in
            competenceScore(competence: competence, pix: value)
        }
        return ProfileScore(competences: scores, total: scores.reduce(0) { $0 + $1.pix })
    }

    func competenceScore(competence: Int, pix: Double) -> CompetenceScore {
        // Sums of fractions such as 8/3 can land a hair below an integer: round down with a tolerance.
        let floored = Int((pix + 1e-9).rounded(.down))
        let maxLevel = max(1, bank.maxLevel)
        return CompetenceScore(
            competence: competenceCodes[competence], pix: floored, level: min(floored / Self.pixPerLevel, maxLevel))
    }
}

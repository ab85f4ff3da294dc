/// Pix value of each skill, as stored in the `SKPX` section (format 1.1) and checked by full verification.
///
/// Pix's rule (notes/pix-domain.md, "Scoring"): each (competence, level) cell is worth 8 pix, shared
/// among the skills of the cell that count, with at most 4 pix per skill: a skill that counts is worth
/// `min(4, 8 / N)` pix, N being the number of skills of its cell that count. A skill counts when it is
/// active, has at least one validated item, and its level is at most the framework's open maximum level
/// (a skill above it, prepared for a level not open yet, is never served); any other skill is worth 0 pix.
/// So a competence is worth at most 8 × open maximum pix, and a profile 16 × 8 × open maximum.
public enum SkillPix {
    /// Pix a cell of the framework is worth (one competence at one level).
    public static let pixPerCell = 8.0
    /// Upper bound of a skill's value, whatever the number of skills in its cell.
    public static let maximumPerSkill = 4.0

    /// One skill, as the rule sees it.
    public struct Input: Sendable {
        /// Index of the skill's competence.
        public var competence: Int
        /// 1–8.
        public var level: Int
        /// Active, with at least one validated item, and at a level at most the open maximum level.
        public var counts: Bool

        /// - Parameters:
        ///   - competence: index of the skill's competence.
        ///   - level: the skill's level, 1–8.
        ///   - isActive: the skill is active and has at least one validated item.
        ///   - maxLevel: the framework's open maximum level, 1–8; a skill above it does not count.
        public init(competence: Int, level: Int, isActive: Bool, maxLevel: Int) {
            self.init(competence: competence, level: level, counts: isActive && level <= maxLevel)
        }

        /// A skill whose `counts` is already decided (see ``counts``).
        public init(competence: Int, level: Int, counts: Bool) {
            self.competence = competence
            self.level = level
            self.counts = counts
        }
    }

    /// The pix of every skill, in the order of `skills`.
    public static func values(_ skills: [Input]) -> [Double] {
        var cellSizes: [Int: Int] = [:]
        for skill in skills where skill.counts {
            cellSizes[cell(skill), default: 0] += 1
        }
        return skills.map { skill in
            guard skill.counts, let size = cellSizes[cell(skill)] else { return 0 }
            return value(cellSize: size)
        }
    }

    /// The pix of a skill that counts, in a cell where `cellSize` (>= 1) skills count.
    public static func value(cellSize: Int) -> Double {
        min(maximumPerSkill, pixPerCell / Double(max(1, cellSize)))
    }

    private static func cell(_ skill: Input) -> Int { skill.competence &* 16 &+ skill.level }
}

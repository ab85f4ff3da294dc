/// What a v3 certification gives from the final ability θ: the score (pix) and each competence's level.
public struct CertificationResult: Hashable, Sendable, Codable {
    /// One competence's level.
    public struct CompetenceLevel: Hashable, Sendable, Codable {
        /// Competence code (`1.1`).
        public var competence: String
        /// The level (0 … the open maximum level) from the competence's θ table; nil when the bank has no
        /// table for it.
        public var level: Int?

        public init(competence: String, level: Int?) {
            self.competence = competence
            self.level = level
        }
    }

    /// The final estimate (logits).
    public var theta: Double
    /// The score, 0 … 16 × 8 × the open maximum level pix (896 at level 7).
    public var score: Int
    /// Every competence of the bank, in bank order.
    public var competences: [CompetenceLevel]

    public init(theta: Double, score: Int, competences: [CompetenceLevel]) {
        self.theta = theta
        self.score = score
        self.competences = competences
    }
}

extension CertificationScoring {
    /// The certification's result at the final θ: the score (``score(theta:)``) and each competence's
    /// level from the bank's θ tables (``CompetenceLevels``, `BankItemPool.competenceLevels`), capped
    /// at ``maximumLevel``; nil for the competences without a table (all of them for a bank that stores
    /// none).
    public func result(theta: Double, levels: CompetenceLevels) -> CertificationResult {
        CertificationResult(
            theta: theta, score: score(theta: theta),
            competences: levels.tables.map { table in
                .init(competence: table.competence, level: table.level(theta: theta).map { min($0, maximumLevel) })
            })
    }
}

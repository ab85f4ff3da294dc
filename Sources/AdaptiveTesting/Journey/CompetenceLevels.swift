import ItemBankRuntime

/// Each competence's level from an ability θ, by the θ tables stored in the bank (THLV section, from
/// `<thetaLevels>` in `framework.xml`; docs/bank-format.md §6.20): the certification's per-competence
/// levels (Pix v3 gives them from the final θ, Pix's `CompetenceForScoring`).
///
/// A competence's table lists the θ (logits) from which a learner is at level 1, 2, … k. The level at θ
/// is the highest L whose threshold is ≤ θ, 0 below level 1's threshold (as Pix: a level's interval is
/// min ≤ θ < max, the first and last intervals extended to ±∞); nil for a competence without a table.
public struct CompetenceLevels: Hashable, Sendable, Codable {
    /// One competence's table.
    public struct Table: Hashable, Sendable, Codable {
        /// Competence code (`1.1`).
        public var competence: String
        /// θ (logits) from which level 1, 2, … k is reached (element L − 1 for level L), strictly
        /// increasing; nil when the competence has no table.
        public var thresholds: [Double]?

        public init(competence: String, thresholds: [Double]?) {
            self.competence = competence
            self.thresholds = thresholds
        }

        /// Whether the thresholds are finite and strictly increasing (a table read from a bank that
        /// passed `verify(.full)` is); true for a competence without a table.
        public var isValid: Bool {
            guard let thresholds else { return true }
            return !thresholds.isEmpty && thresholds.allSatisfy(\.isFinite)
                && zip(thresholds, thresholds.dropFirst()).allSatisfy { $0 < $1 }
        }

        /// The level (0…k) at `theta`; nil without a table. A NaN θ (no estimate) gives level 0.
        public func level(theta: Double) -> Int? {
            guard let thresholds else { return nil }
            guard !theta.isNaN else { return 0 }
            // Thresholds are few (at most 8): a linear scan.
            var level = 0
            for threshold in thresholds where threshold <= theta { level += 1 }
            return level
        }
    }

    /// One table per competence, in the bank's competence order (its index is the competence index of
    /// ``CalibratedItem/competence``).
    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }

    /// The tables of a compiled bank: one per competence, in bank order, each with the competence's
    /// stored thresholds (``CompetenceView/thetaLevels``) or nil. A bank without THLV gives tables that
    /// are all nil.
    public init(bank: Bank) {
        tables = bank.allCompetences.map { Table(competence: $0.code, thresholds: $0.thetaLevels) }
    }

    /// Whether at least one competence has a table.
    public var hasTables: Bool { tables.contains { $0.thresholds != nil } }

    /// Whether every table is valid (``Table/isValid``).
    public var isValid: Bool { tables.allSatisfy(\.isValid) }

    /// The level of each competence at `theta`, in table (bank) order; nil for a competence without a
    /// table.
    public func levels(theta: Double) -> [Int?] {
        tables.map { $0.level(theta: theta) }
    }

    /// The level of the competence with this code at `theta`; nil when the competence is unknown or has
    /// no table.
    public func level(competence code: String, theta: Double) -> Int? {
        tables.first { $0.competence == code }?.level(theta: theta)
    }
}

extension CATSettings {
    /// Pix's flash campaign form: Pix estimator (81 points, prior N(previous, 1.5)), start θ 0, one
    /// item per skill, pick among the 5 most informative with Pix's 51 % geometric rule, fixed length.
    public static func pixCampaign(length: Int = 32) -> CATSettings {
        CATSettings(
            estimator: .pix, startTheta: 0, content: ContentRules(uniqueness: .skill), exposure: .pix,
            stopping: .fixedLength(length))
    }

    /// Pix's v3 certification form: start θ −3, 32 items, one item per tube, every competence visited,
    /// no competence of the last 2 answers, Pix's 51 % geometric pick among the 5 best, Pix estimator.
    /// Score it with ``CertificationScoring``.
    public static func pixCertification(length: Int = 32) -> CATSettings {
        CATSettings(
            estimator: .pix, startTheta: -3,
            content: ContentRules(uniqueness: .tube, visitEveryCompetence: true, competenceGap: 2),
            exposure: .pix, stopping: .fixedLength(length))
    }
}

/// The v3 certification score: θ → 0 … 896 pix by 8 linear intervals of 128 pix (Pix's
/// `CertificationAssessmentScoreV3`, "Vulgarisation score 2023"), and per-competence levels from θ
/// tables.
///
/// score = 128 × (i + 1 + (θ − end_i) / (end_i − start_i)) for θ (clamped to the first start and the
/// last end) in interval i, capped at 16 competences × 8 pix × the open maximum level (896 at level
/// 7), rounded half up.
public struct CertificationScoring: Hashable, Sendable, Codable {
    /// Interval bounds (logits), increasing: interval i is [bounds[i], bounds[i + 1]].
    public var bounds: [Double]
    /// Pix per interval.
    public var pixPerInterval: Double
    /// The open maximum level (7 today): the score is capped at 16 × 8 × this.
    public var maximumLevel: Int
    /// Per-competence level tables, empty when the bank has none.
    public var competenceTables: [CompetenceLevelTable]

    public init(
        bounds: [Double], pixPerInterval: Double = 128, maximumLevel: Int = 7,
        competenceTables: [CompetenceLevelTable] = []
    ) {
        self.bounds = bounds
        self.pixPerInterval = pixPerInterval
        self.maximumLevel = maximumLevel
        self.competenceTables = competenceTables
    }

    /// Pix's 2023 bounds: −8, −1.399264, −0.519812, 0.670847, 1.549962, 2.27406, 3.09502, 3.930395, 8.
    public static let pix = CertificationScoring(bounds: [
        -8, -1.399264, -0.519812, 0.670847, 1.549962, 2.27406, 3.09502, 3.930395, 8,
    ])

    /// The largest score: 16 competences × 8 pix × the open maximum level.
    public var maximumScore: Double { Double(16 * 8 * maximumLevel) }

    /// Whether the bounds are finite and strictly increasing (at least one interval).
    public var isValid: Bool {
        bounds.count >= 2 && bounds.allSatisfy(\.isFinite) && zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The score (pix) of an estimate; 0 for invalid bounds or a non-finite θ.
    public func score(theta: Double) -> Int {
        guard isValid, !theta.isNaN, let first = bounds.first, let last = bounds.last else { return 0 }
        let clamped = min(max(theta, first), last)
        let interval = (0..<(bounds.count - 1)).first { clamped <= bounds[$0 + 1] } ?? bounds.count - 2
        let start = bounds[interval]
        let end = bounds[interval + 1]
        let raw = pixPerInterval * (Double(interval) + 1 + (clamped - end) / (end - start))
        return Int(max(0, min(maximumScore, raw)).rounded(.toNearestOrAwayFromZero))
    }

    /// The level of each competence table at `theta` (table order).
    public func competenceLevels(theta: Double) -> [Int] {
        competenceTables.map { $0.level(theta: theta) }
    }
}

/// A competence's level table: the θ interval of each level (Pix's `competenceLevelIntervals`).
public struct CompetenceLevelTable: Hashable, Sendable, Codable {
    /// One level's interval.
    public struct Band: Hashable, Sendable, Codable {
        public var level: Int
        public var lower: Double
        public var upper: Double

        public init(level: Int, lower: Double, upper: Double) {
            self.level = level
            self.lower = lower
            self.upper = upper
        }
    }

    /// Competence code (`1.1`).
    public var competence: String
    /// Bands, in table order.
    public var bands: [Band]

    public init(competence: String, bands: [Band]) {
        self.competence = competence
        self.bands = bands
    }

    /// Whether the table is usable: finite bounds, each band non-empty, bands contiguous in θ order
    /// and levels strictly increasing with θ (Pix has shipped non-monotonic tables, where more ability
    /// gave a lower level).
    public var isMonotonic: Bool {
        let sorted = bands.sorted { $0.lower < $1.lower }
        guard !sorted.isEmpty, sorted.allSatisfy({ $0.lower.isFinite && $0.upper.isFinite && $0.lower <= $0.upper })
        else { return false }
        return zip(sorted, sorted.dropFirst()).allSatisfy { $0.upper == $1.lower && $0.level < $1.level }
    }

    /// The level at `theta`, θ clamped to the table's range (Pix: the first band containing it); 0
    /// for an empty table.
    public func level(theta: Double) -> Int {
        guard let low = bands.map(\.lower).min(), let high = bands.map(\.upper).max() else { return 0 }
        let clamped = theta.isNaN ? low : min(max(theta, low), high)
        return bands.first { $0.lower <= clamped && clamped <= $0.upper }?.level ?? 0
    }
}

/// The items an IRT form draws from, as contiguous arrays (structure of arrays), with what selection
/// needs precomputed once: the ``InformationIndex`` (per-θ lists of the most informative items),
/// content counts for the content rules, and optional Sympson–Hetter exposure parameters.
///
/// A value type, immutable and `Sendable`: build it once per bank and share it between sessions and
/// threads. Item `i` of the pool is `items[i]` of the initialiser.
public struct ItemPool: Sendable {
    /// Number of items.
    public let count: Int
    let discriminations: [Double]
    let difficulties: [Double]
    /// Content keys, −1 for none.
    let competenceOf: [Int32]
    let tubeOf: [Int32]
    let skillOf: [Int32]
    /// 1 + the largest competence, tube and skill index (0 when no item has one).
    public let competenceCount: Int
    public let tubeCount: Int
    public let skillCount: Int
    let itemsPerCompetence: [Int32]
    let itemsPerTube: [Int32]
    let itemsPerSkill: [Int32]
    let itemsWithoutTube: Int
    let itemsWithoutSkill: Int
    /// The largest discrimination of the pool.
    public let maximumDiscrimination: Double
    /// The precomputed selection index.
    public let index: InformationIndex
    /// Sympson–Hetter exposure parameters k_j ∈ [0, 1] (probability of administering item j once
    /// selected), nil when the pool has none (``SympsonHetterCalibration`` computes them).
    public let exposureParameters: [Double]?

    /// Largest content index accepted (competence, tube, skill): the pool keeps per-index counts.
    public static let maximumContentIndex = 1 << 20

    /// Builds a pool and its selection index.
    /// - Parameters:
    ///   - items: the items; item `i` of the pool is `items[i]`.
    ///   - index: the grid and depth of the information index (``InformationIndex/Layout``).
    ///   - exposureParameters: Sympson–Hetter parameters, one per item, each in [0, 1].
    /// - Throws: ``CATError`` `.invalidCalibration` (naming the item) when a discrimination is not
    ///   finite and > 0 or a difficulty is not finite; `.invalidSetting` for a content index outside
    ///   0 ... ``maximumContentIndex``, a bad layout, or exposure parameters of the wrong count or range.
    public init(
        items: [CalibratedItem], index layout: InformationIndex.Layout = .standard, exposureParameters: [Double]? = nil
    )
        throws(CATError)
    {
        try self.init(items: items, exposureParameters: exposureParameters) { (a, b) throws(CATError) in
            try InformationIndex(discriminations: a, difficulties: b, layout: layout)
        }
    }

    /// Builds a pool around an index read from a compiled bank (checked against the items).
    /// - Throws: ``CATError`` as ``init(items:index:exposureParameters:)``, and `.invalidSetting` when
    ///   the stored index does not match the items.
    public init(
        items: [CalibratedItem], storedIndex: InformationIndex, exposureParameters: [Double]? = nil
    )
        throws(CATError)
    {
        try self.init(items: items, exposureParameters: exposureParameters) { (a, b) throws(CATError) in
            try storedIndex.validated(discriminations: a, difficulties: b)
        }
    }

    private init(
        items: [CalibratedItem], exposureParameters: [Double]?,
        makeIndex: ([Double], [Double]) throws(CATError) -> InformationIndex
    ) throws(CATError) {
        for (position, item) in items.enumerated() {
            guard item.discrimination.isFinite, item.discrimination > 0 else {
                throw CATError(
                    .invalidCalibration, item: position,
                    "discrimination \(item.discrimination) is not a finite number > 0")
            }
            guard item.difficulty.isFinite else {
                throw CATError(.invalidCalibration, item: position, "difficulty \(item.difficulty) is not finite")
            }
            for key in [item.competence, item.tube, item.skill] {
                if let key, !(0...ItemPool.maximumContentIndex).contains(key) {
                    throw CATError(.invalidSetting, item: position, "content index \(key) is out of range")
                }
            }
        }
        if let exposureParameters {
            guard exposureParameters.count == items.count else {
                throw CATError(
                    .invalidSetting, "\(exposureParameters.count) exposure parameters for \(items.count) items")
            }
            if let bad = exposureParameters.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw CATError(
                    .invalidSetting, item: bad, "exposure parameter \(exposureParameters[bad]) is not in [0, 1]")
            }
        }
        count = items.count
        discriminations = items.map(\.discrimination)
        difficulties = items.map(\.difficulty)
        competenceOf = items.map { Int32($0.competence ?? -1) }
        tubeOf = items.map { Int32($0.tube ?? -1) }
        skillOf = items.map { Int32($0.skill ?? -1) }
        func counts(_ keys: [Int32]) -> [Int32] {
            var result = [Int32](repeating: 0, count: Int(keys.max() ?? -1) + 1)
            for key in keys where key >= 0 { result[Int(key)] += 1 }
            return result
        }
        itemsPerCompetence = counts(competenceOf)
        itemsPerTube = counts(tubeOf)
        itemsPerSkill = counts(skillOf)
        competenceCount = itemsPerCompetence.count
        tubeCount = itemsPerTube.count
        skillCount = itemsPerSkill.count
        itemsWithoutTube = tubeOf.count { $0 < 0 }
        itemsWithoutSkill = skillOf.count { $0 < 0 }
        maximumDiscrimination = discriminations.max() ?? 0
        index = try makeIndex(discriminations, difficulties)
        self.exposureParameters = exposureParameters
    }

    /// Item `position` of the pool.
    public subscript(position: Int) -> CalibratedItem {
        CalibratedItem(
            discrimination: discriminations[position], difficulty: difficulties[position],
            competence: competenceOf[position] < 0 ? nil : Int(competenceOf[position]),
            tube: tubeOf[position] < 0 ? nil : Int(tubeOf[position]),
            skill: skillOf[position] < 0 ? nil : Int(skillOf[position]))
    }

    /// The items, in pool order.
    public var items: [CalibratedItem] { (0..<count).map { self[$0] } }

    /// The same pool with other Sympson–Hetter parameters (the index is kept).
    /// - Throws: ``CATError`` `.invalidSetting` for a wrong count or a value outside [0, 1].
    public func withExposureParameters(_ parameters: [Double]?) throws(CATError) -> ItemPool {
        try ItemPool(items: items, storedIndex: index, exposureParameters: parameters)
    }

    /// Fisher information of item `position` at `theta`.
    @inline(__always)
    func information(_ position: Int, at theta: Double) -> Double {
        fisherInformation(discrimination: discriminations[position], difficulty: difficulties[position], theta: theta)
    }
}

/// A competence's θ table: the ability θ (logits, on the scale of the items' calibrations) from which a
/// learner is at each level, for the IRT certification (Pix v3 gives per-competence levels from the
/// final θ by such tables).
///
/// From `<thetaLevels>` in `framework.xml`: one `<threshold level="L" theta="θ"/>` per level. A usable
/// table has the levels 1, 2, … k (no gap, no repetition, k ≤ the framework's `maxLevel`) and θ strictly
/// increasing with the level; then a learner whose θ is at or above the threshold of level L and below
/// that of L + 1 is at level L, and below level 1's threshold at level 0. ``problems(maxLevel:)`` lists
/// what makes a table unusable (`itembank lint` reports it as `framework.theta-levels`; the compiler
/// refuses it).
public struct ThetaLevels: Hashable, Sendable {
    /// The thresholds, in document order.
    public var thresholds: [ThetaThreshold]
    /// The `<thetaLevels>` element.
    public var location: SourceLocation

    public init(thresholds: [ThetaThreshold], location: SourceLocation) {
        self.thresholds = thresholds
        self.location = location
    }

    /// What makes a table unusable.
    public enum Problem: Hashable, Sendable {
        /// A threshold's level is outside 1…maxLevel.
        case levelOutOfRange(ThetaThreshold)
        /// A level has a second threshold (`first` is the first one).
        case duplicateLevel(ThetaThreshold, first: ThetaThreshold)
        /// A threshold's θ is NaN or infinite.
        case nonFiniteTheta(ThetaThreshold)
        /// Levels below the highest level of the table that have no threshold (increasing).
        case missingLevels([Int])
        /// A threshold's θ is not above the θ of a lower level (`lower`: the lower level with the
        /// largest θ). More ability would give a lower level.
        case notIncreasing(ThetaThreshold, lower: ThetaThreshold)
    }

    /// Every problem of the table for a framework whose open maximum level is `maxLevel`: levels outside
    /// 1…maxLevel and repeated levels (in document order), non-finite θ, missing levels (one problem
    /// listing them), then thresholds whose θ is not above that of a lower level (by level). Empty when
    /// the table is usable. Levels out of range, repeated levels and non-finite θ are left out of the
    /// gap and order checks.
    public func problems(maxLevel: Int) -> [Problem] {
        var found: [Problem] = []
        var byLevel: [Int: ThetaThreshold] = [:]
        for threshold in thresholds {
            guard (1...max(1, maxLevel)).contains(threshold.level) else {
                found.append(.levelOutOfRange(threshold))
                continue
            }
            if let first = byLevel[threshold.level] {
                found.append(.duplicateLevel(threshold, first: first))
                continue
            }
            byLevel[threshold.level] = threshold
        }
        for threshold in thresholds where !threshold.theta.isFinite {
            found.append(.nonFiniteTheta(threshold))
        }
        let highest = byLevel.keys.max() ?? 0
        let missing = (1..<max(1, highest)).filter { byLevel[$0] == nil }
        if !missing.isEmpty { found.append(.missingLevels(missing)) }
        var highestBelow: ThetaThreshold?
        for level in 1...max(1, highest) {
            guard let threshold = byLevel[level], threshold.theta.isFinite else { continue }
            if let lower = highestBelow, threshold.theta <= lower.theta {
                found.append(.notIncreasing(threshold, lower: lower))
            } else {
                highestBelow = threshold
            }
        }
        return found
    }

    /// The θ of levels 1, 2, … k, in level order, when the table is usable for `maxLevel`
    /// (``problems(maxLevel:)`` is empty); nil otherwise.
    public func orderedThetas(maxLevel: Int) -> [Double]? {
        guard problems(maxLevel: maxLevel).isEmpty else { return nil }
        return thresholds.sorted { $0.level < $1.level }.map(\.theta)
    }
}

/// One row of a θ table: from `theta` (logits) on, the learner is at least at `level`.
public struct ThetaThreshold: Hashable, Sendable {
    /// The level (1–8).
    public var level: Int
    /// The ability θ (logits) from which the level is reached.
    public var theta: Double
    /// The `level` attribute.
    public var location: SourceLocation
    /// The `theta` attribute.
    public var thetaLocation: SourceLocation

    public init(level: Int, theta: Double, location: SourceLocation, thetaLocation: SourceLocation? = nil) {
        self.level = level
        self.theta = theta
        self.location = location
        self.thetaLocation = thetaLocation ?? location
    }
}

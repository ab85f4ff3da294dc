import Foundation
import ItemBankSystem

/// What makes maximum-information selection sub-linear: for each point g of a θ grid, the `depth`
/// items of largest Fisher information at g, sorted by information (descending, then item index).
///
/// Selection at an estimate θ̂ walks the list of the nearest grid point g and computes the exact
/// information at θ̂ of each eligible item it meets. Because |dI/dθ| ≤ a³·max p(1−p)|1−2p| =
/// a³ / (6√3) for a 2PL item, an item listed after rank r cannot have, at θ̂, more information than
/// `I_r(g) + L·|θ̂ − g|` with L = a_max³ / (6√3). The walk stops as soon as its k-th best exact value is
/// above that bound: the result is exactly the k most informative eligible items at θ̂ (ties broken
/// by the lower item index), the same as a full scan. When the list runs out first (many items
/// ineligible), the selection falls back to a full scan. So the cost is O(depth) at worst on the
/// index, typically a few dozen items, instead of O(items).
///
/// Memory: points × depth × 12 bytes (241 × 512 × 12 = 1.5 MB for a pool of 20,000 items).
public struct InformationIndex: Sendable {
    /// The grid and the list length.
    public struct Layout: Hashable, Sendable, Codable {
        /// First grid point (logits).
        public var lower: Double
        /// Last grid point (logits).
        public var upper: Double
        /// Number of grid points (≥ 2), equally spaced.
        public var points: Int
        /// Items listed per grid point (the pool size when smaller).
        public var depth: Int

        public init(lower: Double, upper: Double, points: Int, depth: Int) {
            self.lower = lower
            self.upper = upper
            self.points = points
            self.depth = depth
        }

        /// θ from −6 to 6 every 0.05 (241 points), 512 items per point.
        public static let standard = Layout(lower: -6, upper: 6, points: 241, depth: 512)

        /// Grid spacing (logits).
        public var step: Double { (upper - lower) / Double(points - 1) }
    }

    /// The layout, with `depth` reduced to the pool size when the pool is smaller.
    public let layout: Layout
    /// Item lists, `points × depth` indices: list of grid point g at `g × depth ..< (g + 1) × depth`.
    public let items: [Int32]
    /// Information of each listed item at its grid point (same shape as ``items``).
    let information: [Double]
    /// Upper bound of |dI/dθ| over the pool: a_max³ / (6√3).
    let slope: Double
    let poolSize: Int

    /// max over p of p(1 − p)|1 − 2p| = 1 / (6√3).
    static let slopeFactor = 1 / (6 * 3.0.squareRoot())

    /// Builds the index (on all cores). O(points × items).
    /// - Throws: ``CATError`` `.invalidSetting` when the layout has fewer than 2 points, a non-finite
    ///   or empty range, or a depth < 1.
    init(discriminations: [Double], difficulties: [Double], layout requested: Layout) throws(CATError) {
        try InformationIndex.check(requested)
        let size = discriminations.count
        var adjusted = requested
        adjusted.depth = min(requested.depth, size)
        let layout = adjusted
        let depth = layout.depth
        let lists = parallelMap(count: layout.points) { point -> [(Int32, Double)] in
            let theta = layout.lower + Double(point) * layout.step
            return InformationIndex.top(
                depth, of: size,
                information: {
                    fisherInformation(discrimination: discriminations[$0], difficulty: difficulties[$0], theta: theta)
                })
        }
        var items = [Int32]()
        var information = [Double]()
        items.reserveCapacity(layout.points * depth)
        information.reserveCapacity(layout.points * depth)
        for list in lists {
            for (item, value) in list {
                items.append(item)
                information.append(value)
            }
        }
        self.layout = layout
        self.items = items
        self.information = information
        slope = pow(discriminations.max() ?? 0, 3) * InformationIndex.slopeFactor
        poolSize = size
    }

    /// An index read back from storage (a compiled bank): the item lists only; information values
    /// are recomputed from the items.
    /// - Throws: ``CATError`` `.invalidSetting` for a bad layout or a list count that does not match it.
    public init(layout: Layout, items: [Int32]) throws(CATError) {
        try InformationIndex.check(layout)
        guard layout.depth <= Int(Int32.max), items.count == layout.points * layout.depth else {
            throw CATError(
                .invalidSetting, "the index has \(items.count) entries for \(layout.points) × \(layout.depth)")
        }
        self.layout = layout
        self.items = items
        information = []
        slope = 0
        poolSize = 0
    }

    private static func check(_ layout: Layout) throws(CATError) {
        guard layout.points >= 2, layout.depth >= 1, layout.lower.isFinite, layout.upper.isFinite,
            layout.lower < layout.upper, layout.points <= 1 << 16
        else {
            throw CATError(
                .invalidSetting,
                "information index: \(layout.points) points on [\(layout.lower), \(layout.upper)], depth \(layout.depth)"
            )
        }
    }

    /// Checks a stored index against the pool and recomputes its information values: every entry is
    /// an item of the pool, each list has distinct items sorted by information at its point
    /// (descending, then item index), and the depth is min(stored depth, pool size).
    func validated(discriminations: [Double], difficulties: [Double]) throws(CATError) -> InformationIndex {
        let size = discriminations.count
        guard layout.depth == min(layout.depth, size), size == 0 || layout.depth >= 1 else {
            throw CATError(.invalidSetting, "information index depth \(layout.depth) exceeds the \(size) items")
        }
        var information = [Double](repeating: 0, count: items.count)
        var seen = [UInt32](repeating: UInt32.max, count: size)
        for point in 0..<layout.points {
            let theta = layout.lower + Double(point) * layout.step
            var previous: (Double, Int32)?
            for rank in 0..<layout.depth {
                let slot = point * layout.depth + rank
                let item = items[slot]
                guard item >= 0, Int(item) < size, seen[Int(item)] != UInt32(point) else {
                    throw CATError(.invalidSetting, "information index: bad item \(item) at point \(point)")
                }
                seen[Int(item)] = UInt32(point)
                let value = fisherInformation(
                    discrimination: discriminations[Int(item)], difficulty: difficulties[Int(item)], theta: theta)
                if let previous, !(previous.0 > value || (previous.0 == value && previous.1 < item)) {
                    throw CATError(.invalidSetting, "information index: list of point \(point) is not sorted")
                }
                previous = (value, item)
                information[slot] = value
            }
        }
        return InformationIndex(
            layout: layout, items: items, information: information,
            slope: pow(discriminations.max() ?? 0, 3) * InformationIndex.slopeFactor, poolSize: size)
    }

    private init(layout: Layout, items: [Int32], information: [Double], slope: Double, poolSize: Int) {
        self.layout = layout
        self.items = items
        self.information = information
        self.slope = slope
        self.poolSize = poolSize
    }

    /// The `depth` largest values of `information(0 ..< count)`, sorted (descending, then index):
    /// quickselect then a sort of the kept part, O(count + depth log depth).
    static func top(_ depth: Int, of count: Int, information: (Int) -> Double) -> [(Int32, Double)] {
        var entries = (0..<count).map { (Int32($0), information($0)) }
        func before(_ x: (Int32, Double), _ y: (Int32, Double)) -> Bool {
            x.1 > y.1 || (x.1 == y.1 && x.0 < y.0)
        }
        if depth < count {
            // Quickselect (Hoare partition, median of three): entries[0 ..< depth] become the best.
            var low = 0
            var high = count - 1
            var rounds = 0
            while low < high {
                rounds += 1
                if rounds > 64 {  // pathological input: finish with a full sort
                    entries.sort(by: before)
                    break
                }
                let middle = low + (high - low) / 2
                if before(entries[middle], entries[low]) { entries.swapAt(middle, low) }
                if before(entries[high], entries[low]) { entries.swapAt(high, low) }
                if before(entries[high], entries[middle]) { entries.swapAt(high, middle) }
                let pivot = entries[middle]
                var i = low
                var j = high
                while i <= j {
                    while before(entries[i], pivot) { i += 1 }
                    while before(pivot, entries[j]) { j -= 1 }
                    if i <= j {
                        entries.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if depth - 1 <= j {
                    high = j
                } else if depth - 1 >= i {
                    low = i
                } else {
                    break
                }
            }
            entries.removeSubrange(depth...)
        }
        entries.sort(by: before)
        return entries
    }

    /// Grid point nearest to `theta` (clamped to the grid).
    @inline(__always)
    func nearestPoint(_ theta: Double) -> Int {
        let position = ((theta - layout.lower) / layout.step).rounded()
        guard position.isFinite, position > 0 else { return 0 }
        return position >= Double(layout.points - 1) ? layout.points - 1 : Int(position)
    }
}

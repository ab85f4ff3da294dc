/// How often each item was given, across the sessions of a population: what an exposure ceiling
/// reads. The caller owns it (a simulation, or a service's counter store) and records each examinee
/// and each administration; ``CATEngine/nextItem(in:ledger:)`` only reads it.
public struct ExposureLedger: Hashable, Sendable, Codable {
    /// Administrations of each item (pool order).
    public private(set) var administrations: [Int]
    /// Examinees who started, the current one included.
    public private(set) var examinees: Int

    public init(itemCount: Int) {
        administrations = [Int](repeating: 0, count: max(0, itemCount))
        examinees = 0
    }

    /// A new examinee starts.
    public mutating func beginExaminee() { examinees += 1 }

    /// Item `item` was given; ignored when out of range.
    public mutating func record(item: Int) {
        guard administrations.indices.contains(item) else { return }
        administrations[item] += 1
    }

    /// Whether `ceiling` lets `item` be given now: its administrations are below `rate × examinees so
    /// far` (or `rate × population` for a population ceiling). An item this ledger does not know
    /// counts as never given.
    @inline(__always)
    public func admits(item: Int, under ceiling: ExposureControl.Ceiling) -> Bool {
        let denominator = Double(ceiling.population ?? examinees)
        let given = administrations.indices.contains(item) ? administrations[item] : 0
        return Double(given) < ceiling.rate * denominator
    }

    /// Share of the examinees so far who got `item` (0 before any examinee).
    public func rate(of item: Int) -> Double {
        guard examinees > 0, administrations.indices.contains(item) else { return 0 }
        return Double(administrations[item]) / Double(examinees)
    }
}

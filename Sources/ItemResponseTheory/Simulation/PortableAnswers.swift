import Foundation

/// The answers of simulated examinees, reproducible by any engine in any language (the cat-500
/// README's "portable answers"): examinee i answers item j right iff P_j(θ_i) ≥ u(i, j), with
///
///     u(i, j) = (splitmix64(key) >> 11) · 2⁻⁵³,  key = (stream << 32) + i · N + j  (mod 2⁶⁴)
///
/// N the number of items and `stream` 7 for cat-500. An engine that gives the same items gets the
/// same answers, so runs compare item by item. Other streams give independent answer sets (used by
/// the Sympson–Hetter calibration).
public struct PortableAnswers: Hashable, Sendable, Codable {
    /// The stream constant (7 in the cat-500 README).
    public var stream: UInt64
    /// N, the number of items of the bank.
    public var itemCount: Int

    public init(stream: UInt64 = 7, itemCount: Int) {
        self.stream = stream
        self.itemCount = itemCount
    }

    /// u(i, j) in [0, 1).
    public func uniform(examinee: Int, item: Int) -> Double {
        let key =
            (stream << 32) &+ UInt64(truncatingIfNeeded: examinee) &* UInt64(truncatingIfNeeded: itemCount)
            &+ UInt64(truncatingIfNeeded: item)
        return Double(SplitMix64.mix(key) >> 11) * 0x1p-53
    }

    /// Whether examinee `examinee` of true ability `theta` answers `item` (pool index `index`) right:
    /// P = 1 / (1 + exp(−a(θ − b))) computed exactly as the README writes it.
    public func isCorrect(examinee: Int, theta: Double, item: CalibratedItem, index: Int) -> Bool {
        let probability = 1 / (1 + exp(-item.discrimination * (theta - item.difficulty)))
        return probability >= uniform(examinee: examinee, item: index)
    }
}

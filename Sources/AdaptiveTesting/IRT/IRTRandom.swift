import Foundation

/// The engine's random source: SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014). A value type whose whole state is one `UInt64`, so a session that is
/// saved and resumed draws exactly the numbers it would have drawn without the pause.
public struct IRTRandom: Hashable, Sendable, Codable, RandomNumberGenerator {
    /// The generator's state.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The SplitMix64 output function applied to `value + golden gamma`: a good 64-bit hash, used
    /// for the portable answers of the cat-500 workload, to derive per-examinee seeds, and for the
    /// learner journey's deterministic picks and simulated answers.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let value = IRTRandom.mix(state)
        state &+= 0x9E37_79B9_7F4A_7C15
        return value
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal deviate (Box–Muller; two uniform draws per call).
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUnit()  // (0, 1]
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

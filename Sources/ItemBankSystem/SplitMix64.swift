import Foundation

/// The project's one seeded random source: SplitMix64 (Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014). The same sequence on every machine for a seed.
///
/// A value type whose whole state is one `UInt64`, so an adaptive-test session that is saved and
/// resumed draws exactly the numbers it would have drawn without the pause. Used by the IRT engine and
/// its simulation, the learner journey and the bank generator.
public struct SplitMix64: Hashable, Sendable, Codable, RandomNumberGenerator {
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
        let value = SplitMix64.mix(state)
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

    /// A value in `0 ..< bound` (the next 64 bits modulo `bound`; `bound` must be > 0). Slightly biased
    /// toward small values when `bound` does not divide 2^64: fine for generated test content, not for
    /// the engine's draws, which use ``nextUnit()``.
    @inlinable
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

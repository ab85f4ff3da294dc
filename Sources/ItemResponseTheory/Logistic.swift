import Foundation

/// The standard logistic function 1 / (1 + e^-x), the link of both the 2PL model (x = a·(θ - b), in
/// logits) and Pix's level prediction (x = L - level).
///
/// Stable for large |x|: never overflows, returns exactly 0 or 1 only when the true value rounds there.
@inlinable
public func logistic(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

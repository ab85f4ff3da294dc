import Dispatch
import Foundation

/// Maps `0 ..< count` on all cores (`DispatchQueue.concurrentPerform`) and returns the results in index
/// order, so that the output does not depend on scheduling: the project's one parallel map (reading
/// and linting files, the IRT simulation and index, the journey simulation). Work is cut into
/// contiguous chunks (about four per core) so that the per-chunk synchronisation is negligible.
/// Inlinable, so that it is specialised for `Value` at the call site (no generic metadata lookups per
/// element).
@inlinable
public func parallelMap<Value>(count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
    guard count > 1 else { return (0..<count).map(transform) }
    let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
    let results = ChunkResults<Value>(chunks: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        // count / chunks items per chunk, one more for the first count % chunks: no product that can
        // overflow.
        let (size, extra) = count.quotientAndRemainder(dividingBy: chunks)
        let start = chunk * size + min(chunk, extra)
        let end = start + size + (chunk < extra ? 1 : 0)
        results.set(chunk, (start..<end).map(transform))
    }
    return results.joined()
}

/// Per-chunk result slots, each written once by one iteration.
@usableFromInline
final class ChunkResults<Value>: @unchecked Sendable {
    @usableFromInline var slots: [[Value]]
    @usableFromInline let lock = NSLock()

    @usableFromInline init(chunks: Int) { slots = Array(repeating: [], count: chunks) }

    @inlinable func set(_ chunk: Int, _ values: [Value]) { lock.withLock { slots[chunk] = values } }

    @inlinable func joined() -> [Value] { lock.withLock { slots.flatMap { $0 } } }
}

import Dispatch
import Foundation

extension Array {
    /// Maps `count` indices to values on all cores (`DispatchQueue.concurrentPerform`); the result is in
    /// index order, so output stays deterministic whatever the scheduling. Inlinable, so that it is
    /// specialised for `Element` at the call site (no generic metadata lookups, which take a global
    /// lock, per iteration).
    @inlinable
    public static func concurrentMap(count: Int, _ transform: @Sendable (Int) -> Element) -> [Element] {
        let slots = ConcurrentSlots<Element>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(index)
            slots.set(index, value)
        }
        return slots.values
    }
}

/// Result slots written by concurrent iterations, each index by exactly one iteration.
@usableFromInline
final class ConcurrentSlots<Value>: @unchecked Sendable {
    @usableFromInline var storage: [Value?]
    @usableFromInline let lock = NSLock()

    @usableFromInline init(count: Int) { storage = Array<Value?>(repeating: nil, count: count) }

    @inlinable func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    @inlinable var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}

import Dispatch
import Foundation

extension Array {
    /// Maps `count` indices to values on all cores (`DispatchQueue.concurrentPerform`); the result is in
    /// index order, so output stays deterministic whatever the scheduling.
    public static func concurrentMap(count: Int, _ transform: @Sendable (Int) -> Element) -> [Element] {
        let slots = Slots<Element>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, transform(index))
        }
        return slots.values
    }
}

/// Result slots written by concurrent iterations, each index by exactly one iteration.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}

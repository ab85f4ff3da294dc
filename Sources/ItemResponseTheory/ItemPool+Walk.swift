/// An item and its information at the current estimate.
struct IRTCandidate {
    var item: Int
    var information: Double

    /// Selection order: more information first, then the lower item index.
    @inline(__always)
    func precedes(_ other: IRTCandidate) -> Bool {
        information > other.information || (information == other.information && item < other.item)
    }
}

/// The k best candidates seen so far, sorted by ``IRTCandidate/precedes(_:)``, in caller-provided
/// storage (no allocation).
struct IRTCandidateList {
    let storage: UnsafeMutableBufferPointer<IRTCandidate>
    private(set) var count = 0

    init(storage: UnsafeMutableBufferPointer<IRTCandidate>) { self.storage = storage }

    var isFull: Bool { count == storage.count }
    var last: IRTCandidate { storage[count - 1] }
    subscript(position: Int) -> IRTCandidate { storage[position] }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func offer(_ candidate: IRTCandidate) {
        var position: Int
        if count < storage.count {
            position = count
            count += 1
        } else if candidate.precedes(storage[count - 1]) {
            position = count - 1
        } else {
            return
        }
        while position > 0, candidate.precedes(storage[position - 1]) {
            storage[position] = storage[position - 1]
            position -= 1
        }
        storage[position] = candidate
    }
}

extension ItemPool {
    /// Fills `list` with the most informative items at `theta` among those `eligible` accepts
    /// (exactly those a full scan would keep, ties to the lower index), walking the information index
    /// and falling back to a full scan when the index list runs out. No allocation.
    /// - Returns: the number of items scanned (index entries plus full-scan items), for statistics.
    @discardableResult
    func bestItems(at theta: Double, into list: inout IRTCandidateList, where eligible: (Int) -> Bool) -> Int {
        list.removeAll()
        guard count > 0, list.storage.count > 0 else { return 0 }
        let theta = theta.isFinite ? theta : 0
        let index = self.index
        let depth = index.layout.depth
        let point = index.nearestPoint(theta)
        let gridTheta = index.layout.lower + Double(point) * index.layout.step
        // Bound on how much an item's information can grow between the grid point and θ̂, plus a
        // margin for rounding in the computed values.
        let slack = index.slope * abs(theta - gridTheta) * (1 + 1e-9) + 1e-12
        let base = point * depth
        var scanned = 0
        var complete = false
        index.items.withUnsafeBufferPointer { items in
            index.information.withUnsafeBufferPointer { listed in
                for rank in 0..<depth {
                    if list.isFull, list.last.information > listed[base + rank] + slack {
                        complete = true
                        return
                    }
                    scanned += 1
                    let item = Int(items[base + rank])
                    guard eligible(item) else { continue }
                    list.offer(IRTCandidate(item: item, information: information(item, at: theta)))
                }
                // Past the list: every other item has at most the last listed value at the point.
                complete =
                    depth == count || (list.isFull && list.last.information > listed[base + depth - 1] + slack)
            }
        }
        if complete { return scanned }
        list.removeAll()
        for item in 0..<count where eligible(item) {
            list.offer(IRTCandidate(item: item, information: information(item, at: theta)))
        }
        return scanned + count
    }

    /// Reference selection by a full scan (tests and the `--check` of benchmarks): same contract as
    /// ``bestItems(at:into:where:)``.
    func bestItemsByScan(at theta: Double, into list: inout IRTCandidateList, where eligible: (Int) -> Bool) {
        list.removeAll()
        for item in 0..<count where eligible(item) {
            list.offer(IRTCandidate(item: item, information: information(item, at: theta)))
        }
    }
}

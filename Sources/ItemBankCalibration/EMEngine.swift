import Dispatch
import Foundation

/// log σ(x) = −log(1 + e^(−x)), stable for large |x|.
@inlinable
func logLogistic(_ x: Double) -> Double {
    x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x))
}

/// The EM iterations of a calibration (Bock & Aitkin 1981) over responses grouped by person.
///
/// E-step: for each person, the log-likelihood at every quadrature node is the sum of per-item
/// log-probability rows (table: item × score × node); the posterior weights are added to per-item
/// expected counts of right and wrong answers at each node. Persons are split into `tasks` contiguous
/// blocks of about equal responses, each with its own count buffer, summed in task order.
/// M-step: each item's (a, b) maximise its expected complete-data log-likelihood plus the log prior
/// (Fisher scoring with step halving).
struct EMEngine {
    let data: ResponseSet
    let settings: CalibrationSettings
    let anchors: [AnchorParameters?]
    let nodes: [Double]
    let itemCount: Int
    let q: Int
    var a: [Double]
    var b: [Double]
    var mean = 0.0
    var sd = 1.0
    var cycles = 0
    var converged = false
    var lastChange = Double.infinity
    let estimatePopulation: Bool
    /// Task boundaries over persons.
    let blocks: [Range<Int>]

    init(data: ResponseSet, settings: CalibrationSettings, anchors: [AnchorParameters?]) {
        self.data = data
        self.settings = settings
        self.anchors = anchors
        q = settings.quadraturePoints
        itemCount = data.itemIDs.count
        let range = settings.quadratureRange
        let points = settings.quadraturePoints
        nodes = (0..<points).map { -range + 2 * range * Double($0) / Double(points - 1) }
        a = anchors.map { $0?.discrimination ?? 1 }
        b = anchors.map { $0?.difficulty ?? 0 }
        estimatePopulation = anchors.contains { $0 != nil }
        // Starting difficulties from the proportion right (logit), on the N(0, 1) scale.
        var right = [Double](repeating: 0, count: itemCount)
        var n = [Double](repeating: 0, count: itemCount)
        for code in data.codes {
            n[Int(code >> 1)] += 1
            right[Int(code >> 1)] += Double(code & 1)
        }
        for j in 0..<itemCount where anchors[j] == nil {
            let p = min(max((right[j] + 0.5) / (n[j] + 1), 0.01), 0.99)
            b[j] = -log(p / (1 - p))
        }
        let tasks = max(1, min(settings.tasks, data.personIDs.count))
        var cuts: [Range<Int>] = []
        var start = 0
        let persons = data.personIDs.count
        for t in 0..<tasks {
            let target = data.count * (t + 1) / tasks
            var end = start
            if t == tasks - 1 {
                end = persons
            } else {
                while end < persons && Int(data.personStart[end + 1]) <= target { end += 1 }
            }
            cuts.append(start..<end)
            start = end
        }
        blocks = cuts
    }

    /// Log weights of the ability distribution N(mean, sd²) at the nodes, normalised to sum 1.
    func logWeights() -> [Double] {
        let raw = nodes.map { -0.5 * (($0 - mean) / sd) * (($0 - mean) / sd) }
        let top = raw.max() ?? 0
        let total = raw.reduce(0) { $0 + exp($1 - top) }
        return raw.map { $0 - top - log(total) }
    }

    /// table[(item × 2 + score) × q + node] = log P(score | θ_node).
    func logTable() -> [Double] {
        var table = [Double](repeating: 0, count: itemCount * 2 * q)
        for j in 0..<itemCount {
            for k in 0..<q {
                let x = a[j] * (nodes[k] - b[j])
                table[(j * 2 + 1) * q + k] = logLogistic(x)
                table[(j * 2) * q + k] = logLogistic(-x)
            }
        }
        return table
    }

    struct EStep {
        var counts: [Double]
        var logLikelihood: Double
        var moment1: Double
        var moment2: Double
    }

    /// One E-step over every person, in parallel blocks summed in block order.
    func eStep(table: [Double], logWeights: [Double]) -> EStep {
        let results = Slots<EStep>(count: blocks.count)
        let q = self.q
        let size = itemCount * 2 * q
        let nodes = self.nodes
        let data = self.data
        let blocks = self.blocks
        let wantMoments = estimatePopulation
        DispatchQueue.concurrentPerform(iterations: blocks.count) { task in
            var counts = [Double](repeating: 0, count: size)
            var logLikelihood = 0.0
            var m1 = 0.0
            var m2 = 0.0
            var l = [Double](repeating: 0, count: q)
            table.withUnsafeBufferPointer { table in
                data.codes.withUnsafeBufferPointer { codes in
                    counts.withUnsafeMutableBufferPointer { counts in
                        l.withUnsafeMutableBufferPointer { l in
                            for p in blocks[task] {
                                let start = Int(data.personStart[p])
                                let end = Int(data.personStart[p + 1])
                                for k in 0..<q { l[k] = logWeights[k] }
                                for r in start..<end {
                                    let row = Int(codes[r]) * q
                                    for k in 0..<q { l[k] += table[row + k] }
                                }
                                var top = -Double.infinity
                                for k in 0..<q where l[k] > top { top = l[k] }
                                var total = 0.0
                                for k in 0..<q {
                                    let e = exp(l[k] - top)
                                    l[k] = e
                                    total += e
                                }
                                logLikelihood += top + log(total)
                                let scale = 1 / total
                                for k in 0..<q { l[k] *= scale }
                                if wantMoments {
                                    for k in 0..<q {
                                        m1 += l[k] * nodes[k]
                                        m2 += l[k] * nodes[k] * nodes[k]
                                    }
                                }
                                for r in start..<end {
                                    let row = Int(codes[r]) * q
                                    for k in 0..<q { counts[row + k] += l[k] }
                                }
                            }
                        }
                    }
                }
            }
            results.set(task, EStep(counts: counts, logLikelihood: logLikelihood, moment1: m1, moment2: m2))
        }
        let parts = results.values()
        var total = parts[0]!
        for part in parts.dropFirst() {
            guard let part else { continue }
            for i in 0..<size { total.counts[i] += part.counts[i] }
            total.logLikelihood += part.logLikelihood
            total.moment1 += part.moment1
            total.moment2 += part.moment2
        }
        return total
    }

    mutating func run() throws {
        while cycles < settings.maxCycles {
            let step = eStep(table: logTable(), logWeights: logWeights())
            cycles += 1
            var change = 0.0
            if estimatePopulation {
                let n = Double(data.personIDs.count)
                let newMean = step.moment1 / n
                let newSD = max(0.05, (step.moment2 / n - newMean * newMean).squareRoot())
                change = max(change, abs(newMean - mean), abs(newSD - sd))
                mean = newMean
                sd = newSD
            }
            change = max(change, mStep(counts: step.counts))
            lastChange = change
            if change <= settings.tolerance {
                converged = true
                break
            }
        }
    }

    /// Log prior of a and b, and its first and (positive) second derivatives in a and b.
    func prior(a: Double, b: Double) -> (value: Double, da: Double, db: Double, infoA: Double, infoB: Double) {
        guard let prior = settings.prior else { return (0, 0, 0, 0, 0) }
        let s2 = prior.logDiscriminationSD * prior.logDiscriminationSD
        let z = log(a) - prior.logDiscriminationMean
        let t2 = prior.difficultySD * prior.difficultySD
        let value = -log(a) - z * z / (2 * s2) - (b - prior.difficultyMean) * (b - prior.difficultyMean) / (2 * t2)
        let da = -(1 + z / s2) / a
        let db = -(b - prior.difficultyMean) / t2
        return (value, da, db, 1 / (s2 * a * a), 1 / t2)
    }

    /// Expected complete-data log-likelihood of one item plus its log prior.
    func objective(counts: UnsafeBufferPointer<Double>, item j: Int, a: Double, b: Double) -> Double {
        var value = 0.0
        let wrong = j * 2 * q
        let right = wrong + q
        for k in 0..<q {
            let x = a * (nodes[k] - b)
            value += counts[right + k] * logLogistic(x) + counts[wrong + k] * logLogistic(-x)
        }
        return value + prior(a: a, b: b).value
    }

    /// Updates every estimated item; returns the largest change of a or b.
    mutating func mStep(counts: [Double]) -> Double {
        var change = 0.0
        counts.withUnsafeBufferPointer { counts in
            if settings.model == .twoPL {
                for j in 0..<itemCount where anchors[j] == nil {
                    let (na, nb) = maximise2PL(counts: counts, item: j, a: a[j], b: b[j])
                    change = max(change, abs(na - a[j]), abs(nb - b[j]))
                    a[j] = na
                    b[j] = nb
                }
            } else {
                let old = (a, b)
                maximise1PL(counts: counts)
                for j in 0..<itemCount where anchors[j] == nil {
                    change = max(change, abs(a[j] - old.0[j]), abs(b[j] - old.1[j]))
                }
            }
        }
        return change
    }

    func maximise2PL(
        counts: UnsafeBufferPointer<Double>, item j: Int, a startA: Double, b startB: Double
    )
        -> (Double, Double)
    {
        var a = startA
        var b = startB
        var current = objective(counts: counts, item: j, a: a, b: b)
        let wrong = j * 2 * q
        let right = wrong + q
        for _ in 0..<50 {
            var ga = 0.0
            var gb = 0.0
            var iaa = 0.0
            var ibb = 0.0
            var iab = 0.0
            for k in 0..<q {
                let d = nodes[k] - b
                let p = 1 / (1 + exp(-a * d))
                let n = counts[right + k] + counts[wrong + k]
                let residual = counts[right + k] - n * p
                let w = n * p * (1 - p)
                ga += residual * d
                gb -= a * residual
                iaa += w * d * d
                ibb += w * a * a
                iab -= w * a * d
            }
            let pr = prior(a: a, b: b)
            ga += pr.da
            gb += pr.db
            iaa += pr.infoA
            ibb += pr.infoB
            let det = iaa * ibb - iab * iab
            guard det > 0 && det.isFinite else { break }
            var stepA = (ibb * ga - iab * gb) / det
            var stepB = (iaa * gb - iab * ga) / det
            var accepted = false
            for _ in 0..<40 {
                let na = a + stepA
                let nb = b + stepB
                if na > 1e-6 && na < 50 && nb.isFinite {
                    let value = objective(counts: counts, item: j, a: na, b: nb)
                    if value >= current - 1e-12 {
                        a = na
                        b = nb
                        current = value
                        accepted = true
                        break
                    }
                }
                stepA /= 2
                stepB /= 2
            }
            if !accepted || (abs(stepA) < 1e-10 && abs(stepB) < 1e-10) { break }
        }
        return (a, b)
    }

    /// 1PL: one b per item and one common a (over the estimated items), by alternating Newton steps.
    mutating func maximise1PL(counts: UnsafeBufferPointer<Double>) {
        var common = a.indices.first { anchors[$0] == nil }.map { a[$0] } ?? 1
        for _ in 0..<100 {
            var moved = 0.0
            for j in 0..<itemCount where anchors[j] == nil {
                let wrong = j * 2 * q
                let right = wrong + q
                for _ in 0..<20 {
                    var g = 0.0
                    var info = 0.0
                    for k in 0..<q {
                        let p = 1 / (1 + exp(-common * (nodes[k] - b[j])))
                        let n = counts[right + k] + counts[wrong + k]
                        g -= common * (counts[right + k] - n * p)
                        info += n * p * (1 - p) * common * common
                    }
                    let pr = prior(a: common, b: b[j])
                    g += pr.db
                    info += pr.infoB
                    guard info > 0 else { break }
                    let step = max(-1, min(1, g / info))
                    b[j] += step
                    moved = max(moved, abs(step))
                    if abs(step) < 1e-10 { break }
                }
            }
            var g = 0.0
            var info = 0.0
            for j in 0..<itemCount where anchors[j] == nil {
                let wrong = j * 2 * q
                let right = wrong + q
                for k in 0..<q {
                    let d = nodes[k] - b[j]
                    let p = 1 / (1 + exp(-common * d))
                    let n = counts[right + k] + counts[wrong + k]
                    g += (counts[right + k] - n * p) * d
                    info += n * p * (1 - p) * d * d
                }
            }
            let pr = prior(a: common, b: 0)
            g += pr.da
            info += pr.infoA
            if info > 0 {
                var step = g / info
                while common + step <= 1e-6 { step /= 2 }
                common += step
                moved = max(moved, abs(step))
            }
            if moved < 1e-9 { break }
        }
        for j in 0..<itemCount where anchors[j] == nil { a[j] = common }
    }
}

/// One slot per task, each written once.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }
    func values() -> [Value?] { lock.withLock { slots } }
}

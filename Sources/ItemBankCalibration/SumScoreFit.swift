import Foundation

/// S-X² item fit (Orlando & Thissen 2000) with its p-value, for complete (dense) data.
///
/// Persons are grouped by their summed score k; an item's observed proportion correct in each group is
/// compared with the model's, E_ik = ∫ P_i(θ) S*_(k−1)(θ) g(θ) dθ / ∫ S_k(θ) g(θ) dθ, the summed-score
/// likelihoods S (with and without item i) coming from the Lord–Wingersky recursion over the quadrature.
/// Adjacent groups are joined until each has an expected count of at least 5 right and 5 wrong answers;
/// S-X² = Σ_groups N (O − E)² / (E (1 − E)), χ² with (groups − 2) degrees of freedom for the 2PL
/// (groups − 1 for the 1PL). Defined only when every person answered every item (a common test form);
/// adaptive data have no common summed score.
struct SumScoreFit {
    /// S-X², its degrees of freedom and its p-value; df 0 and p 1 when fewer groups than parameters.
    struct Value {
        var statistic: Double
        var degreesOfFreedom: Int
        var p: Double
    }

    /// The most items for which S-X² is computed (its cost grows as items³ × nodes).
    static let maximumItems = 300

    /// The smallest expected count of right and of wrong answers in a score group.
    static let minimumExpected = 5.0

    /// - Parameters:
    ///   - probability: P(right | θ_node) at `probability[item × q + node]`.
    ///   - weights: the ability distribution's weights at the nodes (summing to 1).
    ///   - scores: each person's answers, `scores[person × itemCount + item]` ∈ {0, 1}.
    ///   - parameters: item parameters counted in the degrees of freedom (2 for the 2PL, 1 for the 1PL).
    static func compute(
        probability: [Double], weights: [Double], itemCount: Int, scores: [UInt8], parameters: Int
    ) -> [Value] {
        let q = weights.count
        let persons = itemCount == 0 ? 0 : scores.count / itemCount
        var totals = [Int](repeating: 0, count: persons)
        for p in 0..<persons {
            var total = 0
            for j in 0..<itemCount { total += Int(scores[p * itemCount + j]) }
            totals[p] = total
        }
        var groupSize = [Double](repeating: 0, count: itemCount + 1)
        for total in totals { groupSize[total] += 1 }
        let all = lordWingersky(probability: probability, items: Array(0..<itemCount), q: q)
        let marginal = (0...itemCount).map { k in (0..<q).reduce(0.0) { $0 + all[k * q + $1] * weights[$1] } }
        return (0..<itemCount).map { i in
            let others = lordWingersky(
                probability: probability, items: (0..<itemCount).filter { $0 != i }, q: q)
            var right = [Double](repeating: 0, count: itemCount + 1)
            for p in 0..<persons where scores[p * itemCount + i] == 1 { right[totals[p]] += 1 }
            // Score groups 1 … J − 1 (0 and J tell nothing about the item): (persons, right, expected right).
            var groups: [(n: Double, observed: Double, expected: Double)] = []
            var current = (n: 0.0, observed: 0.0, expected: 0.0)
            for k in 1..<max(1, itemCount) where marginal[k] > 0 {
                var numerator = 0.0
                for node in 0..<q {
                    numerator += probability[i * q + node] * others[(k - 1) * q + node] * weights[node]
                }
                current.n += groupSize[k]
                current.observed += right[k]
                current.expected += groupSize[k] * numerator / marginal[k]
                if current.expected >= minimumExpected && current.n - current.expected >= minimumExpected {
                    groups.append(current)
                    current = (0, 0, 0)
                }
            }
            if current.n > 0 {
                // The last, too small, group joins the one before it.
                if let last = groups.popLast() {
                    current = (last.n + current.n, last.observed + current.observed, last.expected + current.expected)
                }
                groups.append(current)
            }
            var statistic = 0.0
            for group in groups where group.n > 0 {
                let e = group.expected / group.n
                let o = group.observed / group.n
                if e > 0 && e < 1 { statistic += group.n * (o - e) * (o - e) / (e * (1 - e)) }
            }
            let df = max(0, groups.count - parameters)
            let p = df > 0 ? chiSquareSurvival(statistic, degreesOfFreedom: df) : 1
            return Value(statistic: statistic, degreesOfFreedom: df, p: p)
        }
    }

    /// S_k(θ_node) at `[k × q + node]`: the probability of the summed score k over `items`.
    static func lordWingersky(probability: [Double], items: [Int], q: Int) -> [Double] {
        var current = [Double](repeating: 0, count: (items.count + 1) * q)
        for node in 0..<q { current[node] = 1 }
        var count = 0
        for j in items {
            var next = [Double](repeating: 0, count: current.count)
            for k in 0...count {
                for node in 0..<q {
                    let s = current[k * q + node]
                    let p = probability[j * q + node]
                    next[k * q + node] += s * (1 - p)
                    next[(k + 1) * q + node] += s * p
                }
            }
            current = next
            count += 1
        }
        return current
    }

    /// P(χ²_df > x): the regularized upper incomplete gamma Q(df/2, x/2) (series below a + 1, continued
    /// fraction above, Numerical Recipes §6.2).
    static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Int) -> Double {
        let a = Double(degreesOfFreedom) / 2
        let z = x / 2
        guard z > 0 else { return 1 }
        let logPrefix = -z + a * log(z) - lgamma(a)
        if z < a + 1 {
            var term = 1 / a
            var sum = term
            var n = a
            for _ in 0..<500 {
                n += 1
                term *= z / n
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = z + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return min(1, exp(logPrefix) * h)
    }
}

extension EMEngine {
    /// S-X² of every item at the final parameters, nil unless every person answered every item and
    /// there are 3 … ``SumScoreFit/maximumItems`` items.
    func sumScoreFit() -> [SumScoreFit.Value]? {
        let persons = data.personIDs.count
        guard (3...SumScoreFit.maximumItems).contains(itemCount), persons > 0, data.count == persons * itemCount
        else { return nil }
        var scores = [UInt8](repeating: 0, count: persons * itemCount)
        var seen = [Bool](repeating: false, count: persons * itemCount)
        for p in 0..<persons {
            for r in Int(data.personStart[p])..<Int(data.personStart[p + 1]) {
                let code = Int(data.codes[r])
                let cell = p * itemCount + code / 2
                guard !seen[cell] else { return nil }
                seen[cell] = true
                scores[cell] = UInt8(code % 2)
            }
        }
        guard !seen.contains(false) else { return nil }
        var probability = [Double](repeating: 0, count: itemCount * q)
        for j in 0..<itemCount {
            for k in 0..<q { probability[j * q + k] = 1 / (1 + exp(-a[j] * (nodes[k] - b[j]))) }
        }
        let weights = logWeights().map { exp($0) }
        return SumScoreFit.compute(
            probability: probability, weights: weights, itemCount: itemCount, scores: scores,
            parameters: settings.model == .twoPL ? 2 : 1)
    }
}

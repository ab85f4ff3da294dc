import Dispatch
import Foundation

extension EMEngine {
    struct Final {
        var logLikelihood: Double
        var seA: [Double?]
        var seB: [Double?]
        var infit: [Double]
        var outfit: [Double]
        var fitP: [Double]
        var seMethod: String
    }

    /// Parameter layout of the information matrix: 2PL (a, b) per estimated item; 1PL b per estimated
    /// item then the common a.
    func parameterIndices() -> (a: [Int], b: [Int], count: Int) {
        var indexA = [Int](repeating: -1, count: itemCount)
        var indexB = [Int](repeating: -1, count: itemCount)
        var next = 0
        for j in 0..<itemCount where anchors[j] == nil {
            if settings.model == .twoPL {
                indexA[j] = next
                indexB[j] = next + 1
                next += 2
            } else {
                indexB[j] = next
                next += 1
            }
        }
        if settings.model == .onePL {
            for j in 0..<itemCount where anchors[j] == nil { indexA[j] = next }
            next += 1
        }
        return (indexA, indexB, next)
    }

    /// A last E-step at the final parameters: the marginal log-likelihood, item fit with residuals
    /// integrated over each person's posterior, and the cross-product (XPD) information Σ_persons s·sᵀ of the persons' score vectors
    /// (gradient of each person's marginal log-likelihood in the item parameters), plus the prior's
    /// information; standard errors are the square roots of the diagonal of its inverse.
    func finalPass() -> Final {
        let table = logTable()
        let logW = logWeights()
        var probability = [Double](repeating: 0, count: itemCount * q)
        for j in 0..<itemCount {
            for k in 0..<q { probability[j * q + k] = exp(table[(j * 2 + 1) * q + k]) }
        }
        let (indexA, indexB, n) = parameterIndices()
        let full = settings.standardErrors && n <= 4000
        let blocksOnly = settings.standardErrors && !full
        var matrix = [Double](repeating: 0, count: full ? n * n : 0)
        var blockAA = [Double](repeating: 0, count: blocksOnly ? itemCount : 0)
        var blockAB = blockAA
        var blockBB = blockAA
        var logLikelihood = 0.0
        var residualSquares = [Double](repeating: 0, count: itemCount)
        var variances = [Double](repeating: 0, count: itemCount)
        var outfitSums = [Double](repeating: 0, count: itemCount)
        var kurtosis = [Double](repeating: 0, count: itemCount)
        var counts = [Double](repeating: 0, count: itemCount)
        var post = [Double](repeating: 0, count: q)
        var scoreIndex: [Int] = []
        var scoreValue: [Double] = []
        for p in 0..<data.personIDs.count {
            let start = Int(data.personStart[p])
            let end = Int(data.personStart[p + 1])
            for k in 0..<q { post[k] = logW[k] }
            for r in start..<end {
                let row = Int(data.codes[r]) * q
                for k in 0..<q { post[k] += table[row + k] }
            }
            let top = post.max()!
            var total = 0.0
            for k in 0..<q {
                post[k] = exp(post[k] - top)
                total += post[k]
            }
            logLikelihood += top + log(total)
            for k in 0..<q { post[k] /= total }
            scoreIndex.removeAll(keepingCapacity: true)
            scoreValue.removeAll(keepingCapacity: true)
            var commonA = 0.0
            for r in start..<end {
                let j = Int(data.codes[r] >> 1)
                let x = Double(data.codes[r] & 1)
                // Residuals integrated over the person's posterior rather than at a point estimate.
                var squared = 0.0
                var w = 0.0
                var w4 = 0.0
                var standardized = 0.0
                for k in 0..<q {
                    let pk = probability[j * q + k]
                    let residual = (x - pk) * (x - pk)
                    let variance = pk * (1 - pk)
                    squared += post[k] * residual
                    w += post[k] * variance
                    w4 += post[k] * (variance - 4 * variance * variance)
                    standardized += post[k] * residual / max(variance, 1e-12)
                }
                residualSquares[j] += squared
                variances[j] += w
                outfitSums[j] += standardized
                kurtosis[j] += w4
                counts[j] += 1
                guard settings.standardErrors && anchors[j] == nil else { continue }
                var meanResidual = 0.0
                var meanResidualTheta = 0.0
                for k in 0..<q {
                    let residual = post[k] * (x - probability[j * q + k])
                    meanResidual += residual
                    meanResidualTheta += residual * nodes[k]
                }
                let sa = meanResidualTheta - b[j] * meanResidual
                let sb = -a[j] * meanResidual
                if settings.model == .twoPL {
                    if full {
                        scoreIndex.append(indexA[j])
                        scoreValue.append(sa)
                    } else {
                        blockAA[j] += sa * sa
                        blockAB[j] += sa * sb
                        blockBB[j] += sb * sb
                    }
                } else {
                    commonA += sa
                }
                if full {
                    scoreIndex.append(indexB[j])
                    scoreValue.append(sb)
                } else if settings.model == .onePL {
                    blockBB[j] += sb * sb
                }
            }
            if full {
                if settings.model == .onePL {
                    scoreIndex.append(n - 1)
                    scoreValue.append(commonA)
                }
                matrix.withUnsafeMutableBufferPointer { m in
                    for u in scoreIndex.indices {
                        let row = scoreIndex[u] * n
                        let su = scoreValue[u]
                        for v in scoreIndex.indices where scoreIndex[v] <= scoreIndex[u] {
                            m[row + scoreIndex[v]] += su * scoreValue[v]
                        }
                    }
                }
            }
        }
        // Item fit.
        var infit = [Double](repeating: .nan, count: itemCount)
        var outfit = infit
        var fitP = infit
        for j in 0..<itemCount where counts[j] > 0 && variances[j] > 0 {
            infit[j] = residualSquares[j] / variances[j]
            outfit[j] = outfitSums[j] / counts[j]
            let qStat = max(kurtosis[j], 1e-12).squareRoot() / variances[j]
            let t = (pow(infit[j], 1.0 / 3) - 1) * (3 / qStat) + qStat / 3
            fitP[j] = erfc(abs(t) / 2.0.squareRoot())
        }
        // Standard errors.
        var seA = [Double?](repeating: nil, count: itemCount)
        var seB = seA
        var method = "none"
        if full {
            for j in 0..<itemCount where anchors[j] == nil {
                let pr = prior(a: a[j], b: b[j])
                if settings.model == .twoPL { matrix[indexA[j] * n + indexA[j]] += pr.infoA }
                matrix[indexB[j] * n + indexB[j]] += pr.infoB
            }
            if settings.model == .onePL, let first = (0..<itemCount).first(where: { anchors[$0] == nil }) {
                matrix[(n - 1) * n + n - 1] += prior(a: a[first], b: 0).infoA
            }
            if let variances = inverseDiagonal(matrix: &matrix, size: n, tasks: settings.tasks) {
                for j in 0..<itemCount where anchors[j] == nil {
                    seA[j] = variances[indexA[j]].squareRoot()
                    seB[j] = variances[indexB[j]].squareRoot()
                }
            }
            method = "cross-product"
        } else if blocksOnly {
            for j in 0..<itemCount where anchors[j] == nil {
                let pr = prior(a: a[j], b: b[j])
                let bb = blockBB[j] + pr.infoB
                if settings.model == .twoPL {
                    let aa = blockAA[j] + pr.infoA
                    let det = aa * bb - blockAB[j] * blockAB[j]
                    if det > 0 {
                        seA[j] = (bb / det).squareRoot()
                        seB[j] = (aa / det).squareRoot()
                    }
                } else if bb > 0 {
                    seB[j] = (1 / bb).squareRoot()
                }
            }
            method = "cross-product-item-blocks"
        }
        return Final(
            logLikelihood: logLikelihood, seA: seA, seB: seB, infit: infit, outfit: outfit, fitP: fitP,
            seMethod: method)
    }
}

/// Σ x[k]·y[k] for k < count, with four independent accumulators (vectorisable).
@inline(__always)
func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var k = 0
    while k + 4 <= count {
        s0 += x[k] * y[k]
        s1 += x[k + 1] * y[k + 1]
        s2 += x[k + 2] * y[k + 2]
        s3 += x[k + 3] * y[k + 3]
        k += 4
    }
    while k < count {
        s0 += x[k] * y[k]
        k += 1
    }
    return (s0 + s1) + (s2 + s3)
}

/// A pointer that tasks share; each task writes disjoint entries.
struct SharedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}

/// The diagonal of the inverse of a symmetric positive definite matrix given by its lower triangle
/// (row-major, `size × size`, overwritten by its Cholesky factor), by Cholesky factorisation (column by
/// column, the rows below the diagonal split across `tasks`) and one forward solve per column (columns
/// split across `tasks`). Nil when the matrix is not positive definite. The result does not depend on
/// the number of tasks (each entry is computed by one task, in a fixed order).
func inverseDiagonal(matrix: inout [Double], size n: Int, tasks: Int) -> [Double]? {
    let parts = max(1, min(tasks, n))
    return matrix.withUnsafeMutableBufferPointer { buffer -> [Double]? in
        guard let base = buffer.baseAddress else { return [] }
        let m = SharedPointer(base: base)
        for j in 0..<n {
            let rowJ = m.base + j * n
            let s = rowJ[j] - dot(rowJ, rowJ, j)
            guard s > 0 else { return nil }
            let pivot = s.squareRoot()
            rowJ[j] = pivot
            let below = n - j - 1
            guard below > 0 else { continue }
            let chunks = below * j > 20_000 ? parts : 1
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let first = j + 1 + below * chunk / chunks
                let last = j + 1 + below * (chunk + 1) / chunks
                let rowJ = m.base + j * n
                for i in first..<last {
                    let rowI = m.base + i * n
                    rowI[j] = (rowI[j] - dot(rowI, rowJ, j)) / pivot
                }
            }
        }
        let results = Slots<[Double]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var out: [Double] = []
            var x = [Double](repeating: 0, count: n)
            x.withUnsafeMutableBufferPointer { x in
                let xs = x.baseAddress!
                // Columns interleaved across tasks so that each gets about the same work.
                var column = part
                while column < n {
                    var sum = 0.0
                    for i in column..<n {
                        let row = m.base + i * n
                        let s = (i == column ? 1.0 : 0.0) - dot(row + column, xs + column, i - column)
                        xs[i] = s / row[i]
                        sum += xs[i] * xs[i]
                    }
                    out.append(sum)
                    column += parts
                }
            }
            results.set(part, out)
        }
        let values = results.values()
        var diagonal = [Double](repeating: 0, count: n)
        for part in 0..<parts {
            for (index, value) in (values[part] ?? []).enumerated() { diagonal[part + index * parts] = value }
        }
        return diagonal
    }
}

import Dispatch
import Foundation

/// One item's calibration, in the logistic metric without the 1.7 factor (as the bank stores it).
public struct CalibratedItem: Sendable, Equatable, Codable {
    /// The item identifier, as in the responses.
    public var item: String
    /// Discrimination a.
    public var discrimination: Double
    /// Difficulty b (logits).
    public var difficulty: Double
    /// Standard error of a (cross-product information, XPD); nil for an anchor or when not computed.
    public var discriminationSE: Double?
    /// Standard error of b; nil for an anchor or when not computed.
    public var difficultySE: Double?
    /// Number of responses used.
    public var responses: Int
    /// Infit mean square (information-weighted, Wright & Masters 1982), the squared residuals and their
    /// variances integrated over each person's posterior ability: about 1 when the item fits, above 1.3
    /// underfit (noise), below 0.7 overfit.
    public var infit: Double
    /// Outfit mean square (unweighted mean of squared standardized residuals).
    public var outfit: Double
    /// Two-sided p-value of the standardized infit (Wilson–Hilferty cube-root transform).
    public var fitP: Double
    /// True for an anchor: its parameters were held fixed.
    public var anchor: Bool
}

/// Why an item was not estimated. Such items are listed and left out of the estimation (their
/// responses are not used); they get no row in the calibrations.
public enum ExclusionReason: String, Sendable, Codable {
    /// Fewer responses than the minimum.
    case tooFewResponses = "too-few-responses"
    /// Every response is right: b is not estimable (it runs to −∞).
    case allRight = "all-right"
    /// Every response is wrong: b is not estimable (it runs to +∞).
    case allWrong = "all-wrong"
}

/// An item left out of the estimation.
public struct ExcludedItem: Sendable, Equatable, Codable {
    /// The item identifier.
    public var item: String
    /// Its number of responses (after the persons left out).
    public var responses: Int
    /// Why.
    public var reason: ExclusionReason
}

/// The outcome of a calibration.
public struct CalibrationResult: Sendable, Codable {
    /// The estimated (and anchor) items, in the order of first appearance in the responses.
    public var items: [CalibratedItem]
    /// Items not estimated, with the reason.
    public var excludedItems: [ExcludedItem]
    /// Persons left out because they had fewer than two usable responses.
    public var excludedPersons: [String]
    /// Model fitted.
    public var model: CalibrationModel
    /// Prior used (nil: maximum likelihood).
    public var prior: CalibrationPrior?
    /// EM cycles run.
    public var cycles: Int
    /// True when the largest parameter change of the last cycle was at most the tolerance.
    public var converged: Bool
    /// The largest parameter change of the last cycle.
    public var lastChange: Double
    /// Marginal log-likelihood at the final parameters (quadrature), without the prior.
    public var logLikelihood: Double
    /// Mean of the ability distribution (0 unless anchors fix the scale).
    public var populationMean: Double
    /// Standard deviation of the ability distribution (1 unless anchors fix the scale).
    public var populationSD: Double
    /// Persons and responses used.
    public var persons: Int
    /// Responses used.
    public var responses: Int
    /// How the standard errors were computed: "cross-product" (the full XPD matrix inverted),
    /// "cross-product-item-blocks" (per-item blocks, for very large banks), or "none".
    public var standardErrorMethod: String
}

/// Calibration errors that stop the run.
public struct CalibrationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var description: String
}

/// Marginal maximum likelihood (or MAP with priors) by EM over a list of responses.
public enum Calibrator {
    /// Calibrates the items of `responses`.
    ///
    /// - Parameters:
    ///   - responses: the scored responses.
    ///   - settings: model, quadrature, prior, convergence, tasks.
    ///   - anchors: items held fixed, by identifier (linking). With anchors the mean and variance of the
    ///     ability distribution are estimated; without, they are fixed at N(0, 1) (identification).
    /// - Throws: `CalibrationError` when no item can be estimated or settings are out of range.
    public static func calibrate(
        _ responses: ResponseSet, settings: CalibrationSettings = .init(),
        anchors: [String: AnchorParameters] = [:]
    ) throws -> CalibrationResult {
        guard settings.quadraturePoints >= 5 && settings.quadraturePoints <= 501 else {
            throw CalibrationError(description: "the number of quadrature points must be between 5 and 501")
        }
        guard settings.quadratureRange > 0 && settings.quadratureRange <= 20 else {
            throw CalibrationError(description: "the quadrature range must be in (0, 20] logits")
        }
        for (id, anchor) in anchors
        where
            !(anchor.discrimination > 0 && anchor.discrimination.isFinite
            && anchor.difficulty.isFinite)
        {
            throw CalibrationError(description: "anchor \"\(id)\" needs a finite a > 0 and a finite b")
        }
        // Exclusions, to a fixed point: an item left out can leave a person with one response, and so on.
        var keepItem = [Bool](repeating: true, count: responses.itemIDs.count)
        var keepPerson = [Bool](repeating: true, count: responses.personIDs.count)
        var excluded: [Int: ExclusionReason] = [:]
        var itemN = [Int](repeating: 0, count: keepItem.count)
        while true {
            var right = [Int](repeating: 0, count: keepItem.count)
            itemN = [Int](repeating: 0, count: keepItem.count)
            var changed = false
            for p in responses.personIDs.indices where keepPerson[p] {
                var used = 0
                for r in Int(responses.personStart[p])..<Int(responses.personStart[p + 1]) {
                    let item = Int(responses.codes[r] >> 1)
                    if keepItem[item] { used += 1 }
                }
                if used < 2 {
                    keepPerson[p] = false
                    changed = true
                    continue
                }
                for r in Int(responses.personStart[p])..<Int(responses.personStart[p + 1]) {
                    let item = Int(responses.codes[r] >> 1)
                    itemN[item] += 1
                    right[item] += Int(responses.codes[r] & 1)
                }
            }
            for item in keepItem.indices where keepItem[item] {
                if anchors[responses.itemIDs[item]] != nil { continue }
                var reason: ExclusionReason? = nil
                if itemN[item] < max(1, settings.minResponses) {
                    reason = .tooFewResponses
                } else if right[item] == itemN[item] {
                    reason = .allRight
                } else if right[item] == 0 {
                    reason = .allWrong
                }
                if let reason {
                    keepItem[item] = false
                    excluded[item] = reason
                    changed = true
                }
            }
            if !changed { break }
        }
        let data = responses.filtered(keepItem: keepItem, keepPerson: keepPerson)
        let excludedItems = excluded.keys.sorted().map {
            ExcludedItem(item: responses.itemIDs[$0], responses: itemN[$0], reason: excluded[$0]!)
        }
        let excludedPersons = responses.personIDs.indices.filter { !keepPerson[$0] }.map { responses.personIDs[$0] }
        let isAnchor = data.itemIDs.map { anchors[$0] != nil }
        guard isAnchor.contains(false) else {
            throw CalibrationError(
                description: data.itemIDs.isEmpty
                    ? "no item can be estimated: every item has too few responses or all-right / all-wrong scores"
                    : "every item with responses is an anchor: nothing to estimate")
        }
        var engine = EMEngine(data: data, settings: settings, anchors: data.itemIDs.map { anchors[$0] })
        try engine.run()
        let final = engine.finalPass()
        var items: [CalibratedItem] = []
        let counts = data.itemCounts().responses
        for j in data.itemIDs.indices {
            items.append(
                CalibratedItem(
                    item: data.itemIDs[j], discrimination: engine.a[j], difficulty: engine.b[j],
                    discriminationSE: final.seA[j], difficultySE: final.seB[j], responses: counts[j],
                    infit: final.infit[j], outfit: final.outfit[j], fitP: final.fitP[j], anchor: isAnchor[j]))
        }
        return CalibrationResult(
            items: items, excludedItems: excludedItems, excludedPersons: excludedPersons, model: settings.model,
            prior: settings.prior, cycles: engine.cycles, converged: engine.converged, lastChange: engine.lastChange,
            logLikelihood: final.logLikelihood, populationMean: engine.mean, populationSD: engine.sd,
            persons: data.personIDs.count, responses: data.count, standardErrorMethod: final.seMethod)
    }
}

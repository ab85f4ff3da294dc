import ItemBankFormat
import ItemBankRuntime

/// The IRT pool of a compiled bank: its calibrated items, with their competence, tube and skill
/// indices (the bank's tables) as content keys.
///
/// Items without calibration are left out (the IRT forms cannot use them; `itembank lint` warns
/// about them), and so are items whose calibration is not finite with a > 0 (a lint error; left out
/// here rather than trapping on a bank built without lint). By default only validated items are used.
///
/// The bank's θ tables (THLV, from the framework's `<thetaLevels>`), when it has them, give each
/// competence's level from a θ: ``competenceLevels``.
///
/// When the bank stores a selection index (IRTX, written by `itembank calibrate-exposure`) computed
/// for this very pool, it is used instead of computing one (its order is checked against the items;
/// completeness of the lists is trusted, as the rest of a checksummed bank).
public struct BankItemPool: Sendable {
    public let pool: ItemPool
    /// Bank item index of each pool item (pool order).
    public let bankItems: [Int]
    /// Bank indices of the items left out because they have no calibration.
    public let uncalibrated: [Int]
    /// Bank indices of the items left out because their calibration is not finite, or a ≤ 0.
    public let invalidCalibration: [Int]
    /// Whether the pool's information index was read from the bank (IRTX) rather than computed.
    public let usesStoredIndex: Bool
    /// Each competence's θ table from the bank (THLV), in bank order: the certification's per-competence
    /// levels from the final θ (``CertificationScoring/result(theta:levels:)``). Every table is nil
    /// when the bank stores none.
    public let competenceLevels: CompetenceLevels

    /// - Parameters:
    ///   - statuses: item statuses to include (default: validated only).
    ///   - index: the information index layout.
    ///   - exposureParameters: Sympson–Hetter parameters by bank item index; nil for the bank's own
    ///     (its EXPO section, written by `itembank calibrate-exposure`), if any.
    /// - Throws: ``CATError`` `.invalidSetting` when the index layout or the parameters are refused
    ///   (for example exposure parameters outside [0, 1] in a bank that was not verified), or when a θ
    ///   table of the bank is not finite and strictly increasing (a bank that was not verified).
    public init(
        bank: Bank, statuses: Set<ItemStatus> = [.validated], index: InformationIndex.Layout = .standard,
        exposureParameters: [Double]? = nil
    ) throws(CATError) {
        let levels = CompetenceLevels(bank: bank)
        guard levels.isValid else {
            throw CATError(.invalidSetting, "the bank's θ tables (THLV) are not finite and strictly increasing")
        }
        let exposureParameters = exposureParameters ?? bank.exposureParameters
        var items: [CalibratedItem] = []
        var bankItems: [Int] = []
        var uncalibrated: [Int] = []
        var invalid: [Int] = []
        for item in bank.allItems where statuses.contains(item.status) {
            guard let calibration = item.calibration else {
                uncalibrated.append(item.index)
                continue
            }
            guard calibration.discrimination.isFinite, calibration.discrimination > 0,
                calibration.difficulty.isFinite
            else {
                invalid.append(item.index)
                continue
            }
            let skill = item.skill
            items.append(
                CalibratedItem(
                    discrimination: calibration.discrimination, difficulty: calibration.difficulty,
                    competence: skill?.competence?.index, tube: skill?.tube?.index, skill: skill?.index))
            bankItems.append(item.index)
        }
        let parameters = exposureParameters.map { stored in
            bankItems.map { stored.indices.contains($0) ? stored[$0] : 1 }
        }
        var stored: ItemPool?
        if let data = bank.irtSelectionIndex, data.poolSize == items.count {
            var poolPosition = [Int32](repeating: -1, count: bank.itemCount)
            for (position, item) in bankItems.enumerated() { poolPosition[item] = Int32(position) }
            let mapped = data.items.map { Int($0) < poolPosition.count ? poolPosition[Int($0)] : -1 }
            if !mapped.contains(-1),
                let index = try? InformationIndex(
                    layout: .init(lower: data.lower, upper: data.upper, points: data.points, depth: data.depth),
                    items: mapped)
            {
                stored = try? ItemPool(items: items, storedIndex: index, exposureParameters: parameters)
            }
        }
        if let stored {
            pool = stored
            usesStoredIndex = true
        } else {
            pool = try ItemPool(items: items, index: index, exposureParameters: parameters)
            usesStoredIndex = false
        }
        self.bankItems = bankItems
        self.uncalibrated = uncalibrated
        self.invalidCalibration = invalid
        competenceLevels = levels
    }
}

extension BankItemPool {
    /// The bytes of the bank's IRTX section for this pool's information index (docs/bank-format.md
    /// §6.19): grid, depth and pool size, then the lists as bank item indices.
    /// Encoded by the format's writer, ``BankWriter/irtSelectionIndexPayload(lower:upper:points:depth:poolSize:items:)``.
    public var selectionIndexSection: [UInt8] {
        let layout = pool.index.layout
        return BankWriter.irtSelectionIndexPayload(
            lower: layout.lower, upper: layout.upper, points: layout.points, depth: layout.depth, poolSize: pool.count,
            items: pool.index.items.map { UInt32(bankItems[Int($0)]) })
    }
}

extension BankItemPool {
    /// The bytes of `bank` with this pool's Sympson–Hetter exposure parameters (EXPO) and selection
    /// index (IRTX, ``selectionIndexSection``) added, or replacing those it had; every other section
    /// stays as it is (``Bank/replacingSections(_:)``).
    ///
    /// - Parameters:
    ///   - bank: the bank this pool was made from.
    ///   - exposureParameters: k of each pool item, in pool order (a ``SympsonHetterCalibration``
    ///     result); the bank's items outside the pool get k = 1 (never held back).
    public func bank(_ bank: Bank, withExposureParameters exposureParameters: [Double]) -> [UInt8] {
        var parameters = [Double](repeating: 1, count: bank.itemCount)
        for (position, item) in bankItems.enumerated() where position < exposureParameters.count {
            parameters[item] = exposureParameters[position]
        }
        return bank.replacingSections([
            BankSection(
                id: .exposureParameters, payload: BankWriter.exposureParametersPayload(parameters), recordSize: 8,
                flags: 0),
            BankSection(id: .irtSelectionIndex, payload: selectionIndexSection, recordSize: 0, flags: 0),
        ])
    }
}

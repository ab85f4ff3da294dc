import ItemBankRuntime

/// The IRT pool of a compiled bank: its calibrated items, with their competence, tube and skill
/// indices (the bank's tables) as content keys.
///
/// Items without calibration are left out (the IRT forms cannot use them; `itembank lint` warns
/// about them), and so are items whose calibration is not finite with a > 0 (a lint error; left out
/// here rather than trapping on a bank built without lint). By default only validated items are used.
public struct IRTBankPool: Sendable {
    public let pool: IRTItemPool
    /// Bank item index of each pool item (pool order).
    public let bankItems: [Int]
    /// Bank indices of the items left out because they have no calibration.
    public let uncalibrated: [Int]
    /// Bank indices of the items left out because their calibration is not finite, or a ≤ 0.
    public let invalidCalibration: [Int]

    /// - Parameters:
    ///   - statuses: item statuses to include (default: validated only).
    ///   - index: the information index layout.
    ///   - exposureParameters: Sympson–Hetter parameters by bank item index; nil for the bank's own
    ///     (its EXPO section, written by `itembank calibrate-exposure`), if any.
    /// - Throws: ``IRTError`` `.invalidSetting` when the index layout or the parameters are refused
    ///   (for example exposure parameters outside [0, 1] in a bank that was not verified).
    public init(
        bank: Bank, statuses: Set<ItemStatus> = [.validated], index: IRTInformationIndex.Layout = .standard,
        exposureParameters: [Double]? = nil
    ) throws(IRTError) {
        let exposureParameters = exposureParameters ?? bank.exposureParameters
        var items: [IRTItem] = []
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
                IRTItem(
                    discrimination: calibration.discrimination, difficulty: calibration.difficulty,
                    competence: skill?.competence?.index, tube: skill?.tube?.index, skill: skill?.index))
            bankItems.append(item.index)
        }
        let parameters = exposureParameters.map { stored in
            bankItems.map { stored.indices.contains($0) ? stored[$0] : 1 }
        }
        pool = try IRTItemPool(items: items, index: index, exposureParameters: parameters)
        self.bankItems = bankItems
        self.uncalibrated = uncalibrated
        self.invalidCalibration = invalid
    }
}

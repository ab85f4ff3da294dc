import Foundation

/// Settings of the "smart random" algorithm (positioning and training). Defaults are Pix's
/// (notes/pix-domain.md, "Positioning").
public struct PositioningSettings: Codable, Hashable, Sendable {
    /// Level of the skills asked first (Pix: 2); the lowest level when the competence has none.
    public var firstLevel: Int
    /// A tube is *easy* when its hardest active skill is at most this level (Pix: 3); while an easy tube
    /// has a candidate skill, only easy tubes are asked.
    public var easyTubeMaxLevel: Int
    /// Skills more than this many levels above the predicted level are not asked (Pix: 2).
    public var maxLevelsAbovePrediction: Double
    /// Candidate predicted levels, tried in order; the first of the best is kept (Pix: 0.5, 1, … 7.5).
    public var predictionLevels: [Double]
    /// Level of the virtual answer counted as solved (Pix: 0).
    public var virtualSolvedLevel: Double
    /// Level of the virtual answer counted as failed (Pix: 7).
    public var virtualFailedLevel: Double
    /// Training: an invalidated skill may be asked again once its element is older than this, in
    /// seconds (default: 4 days).
    public var retryDelay: Double

    public init(
        firstLevel: Int = 2, easyTubeMaxLevel: Int = 3, maxLevelsAbovePrediction: Double = 2,
        predictionLevels: [Double] = stride(from: 0.5, through: 7.5, by: 0.5).map { $0 },
        virtualSolvedLevel: Double = 0, virtualFailedLevel: Double = 7, retryDelay: Double = 4 * 86_400
    ) {
        self.firstLevel = firstLevel
        self.easyTubeMaxLevel = easyTubeMaxLevel
        self.maxLevelsAbovePrediction = maxLevelsAbovePrediction
        self.predictionLevels = predictionLevels
        self.virtualSolvedLevel = virtualSolvedLevel
        self.virtualFailedLevel = virtualFailedLevel
        self.retryDelay = retryDelay
    }
}

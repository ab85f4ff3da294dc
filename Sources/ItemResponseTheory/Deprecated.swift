// The names these types had while they lived in AdaptiveTesting with an `IRT` prefix; kept so that
// code written against them still compiles (with a deprecation warning). See CHANGELOG.md.

@available(*, deprecated, renamed: "ItemPool")
public typealias IRTItemPool = ItemPool
@available(*, deprecated, renamed: "CalibratedItem")
public typealias IRTItem = CalibratedItem
@available(*, deprecated, renamed: "CATEngine")
public typealias IRTEngine = CATEngine
@available(*, deprecated, renamed: "CATSession")
public typealias IRTSession = CATSession
@available(*, deprecated, renamed: "CATSettings")
public typealias IRTSettings = CATSettings
@available(*, deprecated, renamed: "CATError")
public typealias IRTError = CATError
@available(*, deprecated, renamed: "AbilityEstimate")
public typealias IRTEstimate = AbilityEstimate
@available(*, deprecated, renamed: "AbilityEstimator")
public typealias IRTEstimator = AbilityEstimator
@available(*, deprecated, renamed: "EstimatorSettings")
public typealias IRTEstimatorSettings = EstimatorSettings
@available(*, deprecated, renamed: "EstimatorState")
public typealias IRTEstimatorState = EstimatorState
@available(*, deprecated, renamed: "AbilityPrior")
public typealias IRTPrior = AbilityPrior
@available(*, deprecated, renamed: "AbilityGrid")
public typealias IRTGrid = AbilityGrid
@available(*, deprecated, renamed: "StopReason")
public typealias IRTStopReason = StopReason
@available(*, deprecated, renamed: "StoppingRule")
public typealias IRTStoppingRule = StoppingRule
@available(*, deprecated, renamed: "ExposureControl")
public typealias IRTExposureControl = ExposureControl
@available(*, deprecated, renamed: "ExposureLedger")
public typealias IRTExposureLedger = ExposureLedger
@available(*, deprecated, renamed: "InformationIndex")
public typealias IRTInformationIndex = InformationIndex
@available(*, deprecated, renamed: "ContentRules")
public typealias IRTContentRules = ContentRules
@available(*, deprecated, renamed: "VariationCap")
public typealias IRTVariationCap = VariationCap
@available(*, deprecated, renamed: "CATSimulation")
public typealias IRTSimulation = CATSimulation
@available(*, deprecated, renamed: "CATSimulationReport")
public typealias IRTSimulationReport = CATSimulationReport
@available(*, deprecated, renamed: "SympsonHetterCalibration")
public typealias IRTSympsonHetterCalibration = SympsonHetterCalibration
@available(*, deprecated, renamed: "SplitMix64")
public typealias IRTRandom = SplitMix64

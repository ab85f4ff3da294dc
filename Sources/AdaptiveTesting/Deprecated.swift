// The names these types had before the split of AdaptiveTesting (an `IRT` prefix that stood for the
// module); kept so that code written against them still compiles (with a deprecation warning).

@available(*, deprecated, renamed: "BankItemPool")
public typealias IRTBankPool = BankItemPool
@available(*, deprecated, renamed: "CompetenceLevels")
public typealias IRTCompetenceLevels = CompetenceLevels
@available(*, deprecated, renamed: "CertificationResult")
public typealias IRTCertificationResult = CertificationResult
@available(*, deprecated, renamed: "CertificationScoring")
public typealias IRTCertificationScoring = CertificationScoring
@available(*, deprecated, renamed: "CompetenceLevelTable")
public typealias IRTCompetenceLevelTable = CompetenceLevelTable

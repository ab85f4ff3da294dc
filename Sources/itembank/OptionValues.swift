import AdaptiveTesting
import ArgumentParser
import ItemBankCalibration
import ItemBankLint

// The closed sets of values the commands take, as swift-argument-parser enums: `--help` lists their
// values, and a value outside the set is refused by the parser (exit status 2, README "Exit status").

extension ReportFormat: ExpressibleByArgument {}

extension CalibrationModel: ExpressibleByArgument {}

/// One `--report` of `itembank lint`: `FORMAT` (standard output) or `FORMAT:FILE`, parsed once here.
struct ReportOutput: ExpressibleByArgument, Hashable, Sendable {
    /// How the diagnostics are rendered.
    var format: ReportFormat
    /// The file to write; nil for standard output. Empty when the colon has no file after it, which
    /// `lint`'s `validate()` refuses with a message saying so.
    var file: String?

    init(format: ReportFormat, file: String? = nil) {
        self.format = format
        self.file = file
    }

    /// `human`, `gnu:lint.txt`, `sarif:out/lint.sarif`: the format before the first colon, the file
    /// after it (which may hold colons); nil for an unknown format.
    init?(argument: String) {
        let name = argument.prefix { $0 != ":" }
        guard let format = ReportFormat(rawValue: String(name)) else { return nil }
        self.init(format: format, file: name.count == argument.count ? nil : String(argument.dropFirst(name.count + 1)))
    }

    static var allValueStrings: [String] { ReportFormat.allValueStrings }

    var defaultValueDescription: String { file.map { "\(format.rawValue):\($0)" } ?? format.rawValue }
}

/// `lint --fail-on`: the lowest severity that makes the run fail (exit status 1).
enum FailureThreshold: String, ExpressibleByArgument, CaseIterable, Sendable {
    case error
    case warning

    /// Whether `report` holds a diagnostic at or above this severity.
    func isReached(by report: LintReport) -> Bool {
        switch self {
        case .error: report.hasErrors
        case .warning: report.hasErrors || report.warningCount > 0
        }
    }
}

/// `simulate --engine`: the adaptive engine simulated.
enum SimulationEngine: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The IRT engine (2PL, ability estimation, selection by information).
    case irt
}

/// `simulate --journey`: the learner journey simulated instead of the IRT engine.
enum SimulatedJourney: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Positioning in every competence by the smart-random engine.
    case positioning
}

/// `simulate --form` and `calibrate-exposure --form`: the IRT engine's settings.
enum CATForm: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The cat-500 reference configuration (default length 20).
    case reference
    /// Pix's campaign form (default length 32).
    case pixCampaign = "pix-campaign"
    /// Pix's certification form (default length 32).
    case pixCertification = "pix-certification"

    /// The settings of the form at `length` items, or at its default length.
    func settings(length: Int?) -> CATSettings {
        switch self {
        case .reference: .reference(length: length ?? 20)
        case .pixCampaign: .pixCampaign(length: length ?? 32)
        case .pixCertification: .pixCertification(length: length ?? 32)
        }
    }
}

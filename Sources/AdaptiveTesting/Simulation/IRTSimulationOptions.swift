/// The settings of `itembank simulate --engine irt`, from its option strings, so that the command
/// line stays a thin shell and the parsing is tested here.
public struct IRTSimulationOptions: Hashable, Sendable {
    /// `reference` (the cat-500 reference configuration), `pix-campaign` or `pix-certification`.
    public var form: String
    /// Fixed length (`--length`), nil for the form's default (20 for reference, 32 for Pix).
    public var length: Int?
    /// `se:0.30` (stop when the standard error is below), `classification:c1,c2,…[@z]`, or nil.
    public var stop: String?
    /// Minimum and maximum lengths with a `stop` rule (default 0 and 40).
    public var minimumLength: Int?
    public var maximumLength: Int?
    /// `none`, `randomesque:K`, `pix` (geometric 5 / 0.51), `geometric:K:P`, `ceiling:R` (rate among the
    /// examinees so far), `quota:R` (rate of the whole population), `sympson-hetter:R`; nil for the
    /// form's own (none for reference, `pix` for the Pix forms).
    public var exposure: String?

    public init(
        form: String = "reference", length: Int? = nil, stop: String? = nil, minimumLength: Int? = nil,
        maximumLength: Int? = nil, exposure: String? = nil
    ) {
        self.form = form
        self.length = length
        self.stop = stop
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.exposure = exposure
    }

    /// The forms `--form` accepts.
    public static let forms = ["reference", "pix-campaign", "pix-certification"]

    /// The settings, and the Sympson–Hetter target when the exposure asks for a calibration.
    /// - Parameter population: the number of simulated examinees (the denominator of `quota:R`).
    /// - Throws: ``IRTError`` `.invalidSetting` with a message naming the option.
    public func settings(population: Int) throws(IRTError) -> (settings: IRTSettings, sympsonHetterTarget: Double?) {
        var settings: IRTSettings
        switch form {
        case "reference": settings = .reference(length: length ?? 20)
        case "pix-campaign": settings = .pixCampaign(length: length ?? 32)
        case "pix-certification": settings = .pixCertification(length: length ?? 32)
        default:
            throw IRTError(.invalidSetting, "--form \(form): expected one of \(Self.forms.joined(separator: ", "))")
        }
        if let stop {
            guard length == nil else { throw IRTError(.invalidSetting, "--length and --stop exclude each other") }
            settings.stopping = IRTStoppingRule(
                minimumLength: minimumLength ?? 0, maximumLength: maximumLength ?? 40)
            let parts = stop.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("se", 2):
                guard let threshold = Double(parts[1]), threshold > 0 else {
                    throw IRTError(.invalidSetting, "--stop \(stop): expected se:THRESHOLD with THRESHOLD > 0")
                }
                settings.stopping.standardError = threshold
            case ("classification", 2):
                let spec = parts[1].split(separator: "@", maxSplits: 1)
                let cuts = spec[0].split(separator: ",").compactMap { Double($0) }
                let z = spec.count == 2 ? Double(spec[1]) : 1.96
                guard !cuts.isEmpty, cuts.count == spec[0].split(separator: ",").count, let z else {
                    throw IRTError(.invalidSetting, "--stop \(stop): expected classification:CUT,CUT…[@Z]")
                }
                settings.stopping.classification = .init(cuts: cuts, z: z)
            default:
                throw IRTError(.invalidSetting, "--stop \(stop): expected se:THRESHOLD or classification:CUTS[@Z]")
            }
        } else if minimumLength != nil || maximumLength != nil {
            throw IRTError(.invalidSetting, "--min and --max go with --stop")
        }
        var target: Double?
        guard let exposure else { return (settings, nil) }
        let parts = exposure.split(separator: ":").map(String.init)
        func number(_ position: Int) throws(IRTError) -> Double {
            guard parts.count > position, let value = Double(parts[position]) else {
                throw IRTError(.invalidSetting, "--exposure \(exposure): a number is missing or malformed")
            }
            return value
        }
        func integer(_ position: Int) throws(IRTError) -> Int {
            guard parts.count > position, let value = Int(parts[position]) else {
                throw IRTError(.invalidSetting, "--exposure \(exposure): a count is missing or malformed")
            }
            return value
        }
        switch (parts.first ?? "", parts.count) {
        case ("none", 1): settings.exposure = .none
        case ("pix", 1): settings.exposure = .pix
        case ("randomesque", 2): settings.exposure = IRTExposureControl(pick: .randomesque(count: try integer(1)))
        case ("geometric", 3):
            settings.exposure = IRTExposureControl(
                pick: .geometric(count: try integer(1), probability: try number(2)))
        case ("ceiling", 2): settings.exposure = IRTExposureControl(ceiling: .init(rate: try number(1)))
        case ("quota", 2):
            settings.exposure = IRTExposureControl(ceiling: .init(rate: try number(1), population: population))
        case ("sympson-hetter", 2):
            settings.exposure = IRTExposureControl(sympsonHetter: true)
            target = try number(1)
        default:
            throw IRTError(
                .invalidSetting,
                "--exposure \(exposure): expected none, pix, randomesque:K, geometric:K:P, ceiling:R, quota:R or sympson-hetter:R"
            )
        }
        return (settings, target)
    }
}

extension IRTExposureControl {
    /// The control in `--exposure` syntax (`none`, `randomesque:5`, `geometric:5:0.51`, `ceiling:0.2`,
    /// `quota:0.2`, `sympson-hetter`, joined by `+` when combined).
    public var specification: String {
        var parts: [String] = []
        switch pick {
        case .best: break
        case .randomesque(let count): parts.append("randomesque:\(count)")
        case .geometric(let count, let probability): parts.append("geometric:\(count):\(probability)")
        }
        if let ceiling {
            parts.append(ceiling.population == nil ? "ceiling:\(ceiling.rate)" : "quota:\(ceiling.rate)")
        }
        if sympsonHetter { parts.append("sympson-hetter") }
        return parts.isEmpty ? "none" : parts.joined(separator: "+")
    }
}

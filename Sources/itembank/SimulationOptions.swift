import AdaptiveTesting
import ArgumentParser
import ItemBankSystem

/// The settings of `itembank simulate --engine irt`, from its option strings, so that the command
/// line stays a thin shell and the parsing is tested here.
struct SimulationOptions: Hashable, Sendable {
    /// The engine's settings: the cat-500 reference configuration or a Pix form.
    var form: CATForm
    /// Fixed length (`--length`), nil for the form's default (20 for reference, 32 for Pix).
    var length: Int?
    /// A variable length (`--stop`), or nil for a fixed length.
    var stop: StopOption?
    /// Minimum and maximum lengths with a `stop` rule (default 0 and 40).
    var minimumLength: Int?
    var maximumLength: Int?
    /// The exposure control (`--exposure`); nil for the form's own (none for reference, `pix` for the
    /// Pix forms).
    var exposure: ExposureOption?

    init(
        form: CATForm = .reference, length: Int? = nil, stop: StopOption? = nil, minimumLength: Int? = nil,
        maximumLength: Int? = nil, exposure: ExposureOption? = nil
    ) {
        self.form = form
        self.length = length
        self.stop = stop
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.exposure = exposure
    }

    /// The settings, and the Sympson–Hetter target when the exposure asks for a calibration.
    ///
    /// Checked here, with messages naming the option and what it needs: `--length` ≥ 1; with `--stop`,
    /// `--min` ≥ 0, `--max` ≥ 1 and `--min` ≤ `--max`. The stopping rule and the exposure were checked
    /// when they were parsed (``StopOption``, ``ExposureOption``).
    /// - Parameter population: the number of simulated examinees (the denominator of `quota:R`).
    /// - Throws: ``CATError`` `.invalidSetting` with a message naming the option.
    func settings(population: Int) throws(CATError) -> (settings: CATSettings, sympsonHetterTarget: Double?) {
        func fail(_ message: String) -> CATError { CATError(.invalidSetting, message) }
        if let length, length < 1 { throw fail("--length must be 1 or more (got \(length))") }
        var settings = form.settings(length: length)
        if let stop {
            guard length == nil else { throw fail("--length and --stop exclude each other") }
            let minimum = minimumLength ?? 0
            let maximum = maximumLength ?? 40
            guard minimum >= 0 else { throw fail("--min must be 0 or more (got \(minimum))") }
            guard maximum >= 1 else { throw fail("--max must be 1 or more (got \(maximum))") }
            guard minimum <= maximum else { throw fail("--min \(minimum) is above --max \(maximum)") }
            settings.stopping = StoppingRule(minimumLength: minimum, maximumLength: maximum)
            switch stop {
            case .standardError(let threshold): settings.stopping.standardError = threshold
            case .classification(let cuts, let z): settings.stopping.classification = .init(cuts: cuts, z: z)
            }
        } else if minimumLength != nil || maximumLength != nil {
            throw fail("--min and --max go with --stop")
        }
        guard let exposure else { return (settings, nil) }
        settings.exposure = exposure.control(population: population)
        return (settings, exposure.sympsonHetterTarget)
    }
}

/// `simulate --stop`: a variable test length, parsed once when the command line is (the option's
/// transform), so that a value the rule cannot take is refused by swift-argument-parser with its usual
/// message and exit status 2.
enum StopOption: Hashable, Sendable {
    /// `se:T`: stop when the standard error of θ is below T (logits).
    case standardError(Double)
    /// `classification:CUT,CUT…[@Z]`: stop when the confidence interval θ ± Z·SE (Z 1.96 by default)
    /// holds no cut.
    case classification(cuts: [Double], z: Double)

    /// Parses `se:T` (T a finite number > 0) or `classification:CUT,CUT…[@Z]` (cuts finite and
    /// increasing, Z finite > 0); numbers are decimal (no hexadecimal floats, `inf`, `nan`).
    /// - Throws: ``CATError`` `.invalidSetting`, its message saying what the value needs.
    init(parsing text: String) throws(CATError) {
        func fail(_ message: String) -> CATError { CATError(.invalidSetting, message) }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        switch (parts[0], parts.count) {
        case ("se", 2):
            guard let threshold = DecimalNumber.parse(parts[1]), threshold > 0, threshold.isFinite else {
                throw fail("se:T needs T, the standard error (logits), a number > 0")
            }
            self = .standardError(threshold)
        case ("classification", 2):
            let spec = parts[1].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let cuts = spec[0].split(separator: ",", omittingEmptySubsequences: false).map {
                DecimalNumber.parse($0)
            }
            let z = spec.count == 2 ? DecimalNumber.parse(spec[1]) : 1.96
            guard let z, z > 0, z.isFinite, !cuts.contains(where: { $0?.isFinite != true }) else {
                throw fail("expected classification:CUT,CUT…[@Z] (numbers, Z > 0)")
            }
            let values = cuts.compactMap { $0 }
            guard zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw fail("the cuts must be increasing")
            }
            self = .classification(cuts: values, z: z)
        default:
            throw fail("expected se:THRESHOLD or classification:CUTS[@Z]")
        }
    }

    /// The option's transform: the parsed value, or a `ValidationError` with the message of
    /// ``init(parsing:)`` (the parser puts the value and the option before it).
    static func argument(_ text: String) throws -> StopOption {
        do throws(CATError) {
            return try StopOption(parsing: text)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// `simulate --exposure`: the exposure control, parsed once when the command line is (the option's
/// transform), so that a value outside the closed set of kinds, or a parameter out of range, is
/// refused by swift-argument-parser with its usual message and exit status 2.
struct ExposureOption: Hashable, Sendable {
    /// The kinds of control, with their parameters checked.
    enum Kind: Hashable, Sendable {
        /// No control: always the most informative item.
        case none
        /// Pix's pick: geometric among the 5 best with p = 0.51.
        case pix
        /// Uniform among the K best.
        case randomesque(count: Int)
        /// Geometric among the K best with probability P.
        case geometric(count: Int, probability: Double)
        /// A ceiling R on each item's exposure among the examinees so far.
        case ceiling(rate: Double)
        /// A ceiling R on each item's exposure in the whole population.
        case quota(rate: Double)
        /// Sympson–Hetter with target R.
        case sympsonHetter(target: Double)
    }

    /// The forms `--exposure` takes, for `--help` and messages.
    static let forms = "none, pix, randomesque:K, geometric:K:P, ceiling:R, quota:R or sympson-hetter:R"

    var kind: Kind
    /// The value as given on the command line (printed back in the simulation's report).
    var text: String

    /// Parses `none`, `pix`, `randomesque:K`, `geometric:K:P`, `ceiling:R`, `quota:R` or
    /// `sympson-hetter:R`: K in 1 ... ``CATEngine/maximumCandidates``, P in [0, 1], R in (0, 1], decimal
    /// numbers only (no hexadecimal floats, `inf`, `nan`).
    /// - Throws: ``CATError`` `.invalidSetting`, its message saying what the value needs (the parser
    ///   prefixes the value and the option).
    init(parsing text: String) throws(CATError) {
        func fail(_ message: String) -> CATError { CATError(.invalidSetting, message) }
        self.text = text
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        /// K of randomesque:K and geometric:K:P.
        func count(_ name: String) throws(CATError) -> Int {
            guard let value = Int(parts[1]), (1...CATEngine.maximumCandidates).contains(value) else {
                throw fail(
                    "\(name) needs K ≥ 1 (and K ≤ \(CATEngine.maximumCandidates)), the number of best items to pick among"
                )
            }
            return value
        }
        /// R of ceiling:R, quota:R and sympson-hetter:R.
        func rate(_ name: String) throws(CATError) -> Double {
            guard let value = DecimalNumber.parse(parts[1]), value > 0, value <= 1 else {
                throw fail("\(name):R needs R, an exposure rate, a number in (0, 1]")
            }
            return value
        }
        switch (parts[0], parts.count) {
        case ("none", 1): kind = .none
        case ("pix", 1): kind = .pix
        case ("randomesque", 2): kind = .randomesque(count: try count("randomesque:K"))
        case ("geometric", 3):
            let k = try count("geometric:K:P")
            guard let probability = DecimalNumber.parse(parts[2]), probability >= 0, probability <= 1 else {
                throw fail("geometric:K:P needs P, a probability, a number in [0, 1]")
            }
            kind = .geometric(count: k, probability: probability)
        case ("ceiling", 2): kind = .ceiling(rate: try rate("ceiling"))
        case ("quota", 2): kind = .quota(rate: try rate("quota"))
        case ("sympson-hetter", 2): kind = .sympsonHetter(target: try rate("sympson-hetter"))
        default: throw fail("expected \(Self.forms)")
        }
    }

    /// The option's transform: the parsed value, or a `ValidationError` with the message of
    /// ``init(parsing:)`` (the parser puts the value and the option before it).
    static func argument(_ text: String) throws -> ExposureOption {
        do throws(CATError) {
            return try ExposureOption(parsing: text)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The engine's exposure control; `population` is the number of simulated examinees (the
    /// denominator of `quota:R`).
    func control(population: Int) -> ExposureControl {
        switch kind {
        case .none: .none
        case .pix: .pix
        case .randomesque(let count): ExposureControl(pick: .randomesque(count: count))
        case .geometric(let count, let probability):
            ExposureControl(pick: .geometric(count: count, probability: probability))
        case .ceiling(let rate): ExposureControl(ceiling: .init(rate: rate))
        case .quota(let rate): ExposureControl(ceiling: .init(rate: rate, population: population))
        case .sympsonHetter: ExposureControl(sympsonHetter: true)
        }
    }

    /// The Sympson–Hetter target R, which asks for a calibration; nil for the other kinds.
    var sympsonHetterTarget: Double? {
        if case .sympsonHetter(let target) = kind { return target }
        return nil
    }
}

extension ExposureControl {
    /// The control in `--exposure` syntax (`none`, `randomesque:5`, `geometric:5:0.51`, `ceiling:0.2`,
    /// `quota:0.2`, `sympson-hetter`, joined by `+` when combined).
    var specification: String {
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

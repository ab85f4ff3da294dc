import ItemBankModel

/// What a rule sees besides the value it checks.
public struct LintContext: Sendable {
    public var manifest: BankManifest
    /// nil when the framework file did not decode (reference rules then stay silent).
    public var framework: Framework?
    /// Skill name -> where it sits in the framework.
    public var skills: [String: Framework.SkillPath]
    /// Media files, relative to the media folder.
    public var mediaFiles: Set<String>
    /// The media folder relative to the manifest (`media`), nil when the bank declares none.
    public var mediaFolder: String?
    /// The bank folder, as given (paths of diagnostics start with it).
    public var root: String
    /// At most this many diagnostics of one rule in one file are kept (``Linter/diagnosticLimit``); a
    /// rule that can find one problem per character collects them in ``Findings`` so that it does not
    /// build the ones left out. nil: no limit.
    public var diagnosticLimit: Int?

    public init(sources: BankSources) {
        manifest = sources.manifest
        framework = sources.framework
        skills = sources.framework?.skillIndex() ?? [:]
        mediaFiles = sources.mediaFiles
        mediaFolder = sources.manifest.mediaPath
        root = sources.root
    }

    /// The value of a rule's parameter for a file: the last `<folder>` setting whose path contains the
    /// file, else the bank-wide setting, else the parameter's default. A value outside the parameter's
    /// range is ignored (`bank.lint-settings` reports it).
    public func value(of parameter: RuleParameter, rule: String, for path: String) -> Double {
        var value = parameter.defaultValue
        for setting in manifest.lint.rules where setting.ruleID == rule {
            if let set = setting.value(of: parameter.name), parameter.range.contains(set) { value = set }
        }
        for folder in manifest.lint.folders where Configuration.contains(folder: folder.path, path: path, root: root) {
            for setting in folder.rules where setting.ruleID == rule {
                if let set = setting.value(of: parameter.name), parameter.range.contains(set) { value = set }
            }
        }
        return value
    }
}

/// A lint rule: one file under `Rules/<Category>/`, a description, and one or more checks.
///
/// Implement the hooks the rule needs; the others default to no finding. Rules return
/// diagnostics at their default severity; the ``Linter`` applies the bank's configuration.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// Checks one item that passed its schema.
    func check(item: Item, context: LintContext) -> [Diagnostic]
    /// Checks one item with its text tokenized (wording and typography rules). `text` is the item's
    /// shared analysis, built once per item and lent to every rule (see ``ItemText``). The default
    /// calls ``check(item:context:)``.
    func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic]
    /// Checks the framework (once per run).
    func check(framework: Framework) -> [Diagnostic]
    /// Checks the bank as a whole (once per run).
    func check(items: [Item], context: LintContext) -> [Diagnostic]
}

extension Rule {
    public func check(item: Item, context: LintContext) -> [Diagnostic] { [] }
    public func check(item: Item, text: ItemText, context: LintContext) -> [Diagnostic] {
        check(item: item, context: context)
    }
    public func check(framework: Framework) -> [Diagnostic] { [] }
    public func check(items: [Item], context: LintContext) -> [Diagnostic] { [] }

    /// A diagnostic of this rule.
    func diagnostic(
        _ location: SourceLocation, _ message: String, help: String? = nil, notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = []
    ) -> Diagnostic {
        var result = Self.description.diagnostic(at: location, message: message, help: help, notes: notes)
        result.fixIts = fixIts
        return result
    }

    /// The value of this rule's parameter `name` for a file (its default when the bank sets none).
    func parameter(_ name: String, for path: String, in context: LintContext) -> Double {
        guard let parameter = Self.description.parameters.first(where: { $0.name == name }) else { return 0 }
        return context.value(of: parameter, rule: Self.description.id, for: path)
    }
}

/// The diagnostics of one rule in one item file, built only up to the context's
/// ``LintContext/diagnosticLimit``: past it, they are counted, not built, and ``diagnostics`` ends
/// with one omission note (`info`, "N more … not shown"). For rules that can report every character
/// of a long text (the typography rules): without it, a stem of 2 million `l'a ` would build
/// 2 million diagnostics before the linter drops all but 100. Append in source order.
struct Findings {
    private let limit: Int?
    private var kept: [Diagnostic] = []
    private var omitted = 0
    private var firstOmitted: Diagnostic?

    init(limit: Int?) { self.limit = limit }

    /// Keeps the diagnostic `make()` builds, or counts it without building it past the limit.
    mutating func append(_ make: @autoclosure () -> Diagnostic) {
        guard let limit, kept.count >= limit else {
            kept.append(make())
            return
        }
        if firstOmitted == nil { firstOmitted = make() }
        omitted += 1
    }

    /// The kept diagnostics, then the omission note if any was left out.
    var diagnostics: [Diagnostic] {
        guard let first = firstOmitted, let limit else { return kept }
        return kept + [
            Linter.omission(
                rule: first.ruleID, count: omitted, limit: limit, at: first.location, fixable: !first.fixIts.isEmpty)
        ]
    }
}

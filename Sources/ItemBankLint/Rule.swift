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

    public init(sources: BankSources) {
        manifest = sources.manifest
        framework = sources.framework
        skills = sources.framework?.skillIndex() ?? [:]
        mediaFiles = sources.mediaFiles
        mediaFolder = sources.manifest.mediaPath
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
    /// Checks the framework (once per run).
    func check(framework: Framework) -> [Diagnostic]
    /// Checks the bank as a whole (once per run).
    func check(items: [Item], context: LintContext) -> [Diagnostic]
}

extension Rule {
    public func check(item: Item, context: LintContext) -> [Diagnostic] { [] }
    public func check(framework: Framework) -> [Diagnostic] { [] }
    public func check(items: [Item], context: LintContext) -> [Diagnostic] { [] }

    /// A diagnostic of this rule.
    func diagnostic(
        _ location: SourceLocation, _ message: String, help: String? = nil, notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Self.description.diagnostic(at: location, message: message, help: help, notes: notes)
    }
}

/// A rule's settings in the bank manifest's `<lint>` section.
public struct RuleSetting: Hashable, Sendable {
    public var ruleID: String
    /// nil keeps the rule's default; `.none` inside means "off".
    public var severity: Severity??
    /// The `threshold` attribute (a rule's single number: a length, a ratio…).
    public var threshold: Double?
    /// The `min` and `max` attributes (a rule's bounds: key.choice-count).
    public var min: Double?
    public var max: Double?
    public var location: SourceLocation

    public init(
        ruleID: String, severity: Severity??, threshold: Double? = nil, min: Double? = nil, max: Double? = nil,
        location: SourceLocation
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.threshold = threshold
        self.min = min
        self.max = max
        self.location = location
    }

    /// The value of attribute `name` (`threshold`, `min`, `max`), nil when not set.
    public func value(of name: String) -> Double? {
        switch name {
        case "threshold": threshold
        case "min": min
        case "max": max
        default: nil
        }
    }
}

/// Lint settings of a bank: rule settings, and per-folder overrides.
public struct LintSettings: Hashable, Sendable {
    public var rules: [RuleSetting]
    /// Folder path relative to the manifest -> settings applying to files under it.
    public var folders: [(path: String, rules: [RuleSetting])]

    public init(rules: [RuleSetting] = [], folders: [(path: String, rules: [RuleSetting])] = []) {
        self.rules = rules
        self.folders = folders
    }

    public static func == (lhs: LintSettings, rhs: LintSettings) -> Bool {
        lhs.rules == rhs.rules && lhs.folders.map(\.path) == rhs.folders.map(\.path)
            && lhs.folders.map(\.rules) == rhs.folders.map(\.rules)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rules)
        for folder in folders {
            hasher.combine(folder.path)
            hasher.combine(folder.rules)
        }
    }
}

/// The bank manifest (`bank.xml`): what the bank is and where its parts are.
public struct BankManifest: Hashable, Sendable {
    public var id: String
    /// Semantic version of the content.
    public var version: String
    public var title: String
    public var description: String?
    public var language: String
    /// Paths relative to the manifest's folder.
    public var frameworkPath: String
    public var itemPaths: [String]
    public var mediaPath: String?
    public var locales: [String]
    public var lint: LintSettings
    public var location: SourceLocation
    /// Where the manifest names the framework (the `src` value), to point diagnostics at.
    public var frameworkLocation: SourceLocation
    /// Where the manifest names each items folder, parallel to ``itemPaths``.
    public var itemLocations: [SourceLocation]
    /// Where the manifest names the media folder.
    public var mediaLocation: SourceLocation?

    public init(
        id: String, version: String, title: String, description: String? = nil, language: String,
        frameworkPath: String, itemPaths: [String], mediaPath: String? = nil, locales: [String] = [],
        lint: LintSettings = LintSettings(), location: SourceLocation, frameworkLocation: SourceLocation? = nil,
        itemLocations: [SourceLocation] = [], mediaLocation: SourceLocation? = nil
    ) {
        self.frameworkLocation = frameworkLocation ?? location
        self.itemLocations = itemLocations
        self.mediaLocation = mediaLocation
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.language = language
        self.frameworkPath = frameworkPath
        self.itemPaths = itemPaths
        self.mediaPath = mediaPath
        self.locales = locales
        self.lint = lint
        self.location = location
    }
}

/// A bank's sources once read: the manifest, the framework and the items that decoded.
public struct BankSources: Sendable {
    public var manifest: BankManifest
    public var framework: Framework?
    /// Items that decoded, in path order.
    public var items: [Item]
    /// Media files found under the media folder, as paths relative to it (sorted).
    public var mediaFiles: Set<String>
    /// The bank folder, as given.
    public var root: String

    public init(manifest: BankManifest, framework: Framework?, items: [Item], mediaFiles: Set<String>, root: String) {
        self.manifest = manifest
        self.framework = framework
        self.items = items
        self.mediaFiles = mediaFiles
        self.root = root
    }
}

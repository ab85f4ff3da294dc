@_exported import ItemBankRules

/// A rule whose diagnostics come from reading files (the `xml.*` rules of this module, one file each
/// under `Rules/`): the bank reader reports them before any model rule runs. Only the description is
/// needed: the reading is the check.
public protocol ReadingRule: Sendable {
    /// Id, category, default severity, summary, rationale and examples.
    static var description: RuleDescription { get }
}

/// The rules whose diagnostics come from reading files: they run before any model rule.
public enum XMLRules {
    /// Every reading rule; `CatalogueCompletenessTests` fails when a type declared `: ReadingRule`
    /// under `Sources/ItemBankXML/Rules/` is missing here or listed twice.
    public static let rules: [any ReadingRule.Type] = [
        XMLUnreadable.self, XMLNotWellFormed.self, XMLDoctype.self, XMLEncoding.self, XMLTooLarge.self,
        XMLWrongRoot.self, XMLSchema.self, XMLStrayFile.self,
    ]

    // The descriptions by name, for the reader's diagnostics (`XMLRules.schema.diagnostic(at:…)`).
    public static var unreadable: RuleDescription { XMLUnreadable.description }
    public static var notWellFormed: RuleDescription { XMLNotWellFormed.description }
    public static var doctype: RuleDescription { XMLDoctype.description }
    public static var encoding: RuleDescription { XMLEncoding.description }
    public static var tooLarge: RuleDescription { XMLTooLarge.description }
    public static var wrongRoot: RuleDescription { XMLWrongRoot.description }
    public static var schema: RuleDescription { XMLSchema.description }
    public static var strayFile: RuleDescription { XMLStrayFile.description }

    /// Rules whose errors mean a file was not read at all: the bank's settings cannot lower or silence
    /// them, so that `build` never drops a file without saying so.
    public static let blocking: Set<String> = [
        unreadable.id, notWellFormed.id, doctype.id, encoding.id, tooLarge.id, wrongRoot.id, schema.id,
    ]

    /// The description of every rule of this module, in ``rules`` order.
    public static let all: [RuleDescription] = rules.map { $0.description }

    /// Source files larger than this (bytes) are refused unread.
    public static let maximumFileSize = 8 << 20
}

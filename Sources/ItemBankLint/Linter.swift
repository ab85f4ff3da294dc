import ItemBankModel
import ItemBankXML

/// Runs the model rules over what ``BankReader`` read, applies the bank's lint settings, and returns
/// every diagnostic, sorted (path, line, column, rule id).
public struct Linter: Sendable {
    public let rules: [any Rule]

    public init(rules: [any Rule] = Catalogue.rules.map { $0.init() }) {
        self.rules = rules
    }

    public func lint(_ result: BankReadResult) -> [Diagnostic] {
        var diagnostics = result.diagnostics
        if let sources = result.sources {
            let context = LintContext(sources: sources)
            if let framework = sources.framework {
                for rule in rules { diagnostics += rule.check(framework: framework) }
            }
            let items = sources.items
            let rules = self.rules
            let perItem = [[Diagnostic]].concurrentMap(count: items.count) { index in
                rules.flatMap { $0.check(item: items[index], context: context) }
            }
            diagnostics += perItem.flatMap { $0 }
            for rule in rules { diagnostics += rule.check(items: items, context: context) }
            diagnostics = Configuration(settings: sources.manifest.lint, root: sources.root).apply(to: diagnostics)
        }
        return diagnostics.sorted()
    }
}

/// The bank's `<lint>` settings applied to diagnostics: severity changes, rules turned off, per folder.
struct Configuration {
    var settings: LintSettings
    var root: String

    func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        if settings.rules.isEmpty && settings.folders.isEmpty { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            if BankLintSettings.protected.contains(diagnostic.ruleID) { return diagnostic }
            var result = diagnostic
            var severity: Severity?? = nil
            for rule in settings.rules where rule.ruleID == diagnostic.ruleID {
                if let value = rule.severity { severity = value }
            }
            for folder in settings.folders where diagnostic.location.path.hasPrefix(root + "/" + folder.path + "/") {
                for rule in folder.rules where rule.ruleID == diagnostic.ruleID {
                    if let value = rule.severity { severity = value }
                }
            }
            switch severity {
            case .none: return result
            case .some(.none): return nil
            case .some(.some(let value)):
                result.severity = value
                return result
            }
        }
    }
}

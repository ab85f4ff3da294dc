import ItemBankModel
import ItemBankSystem
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
            let perItem: [[Diagnostic]] = parallelMap(count: items.count) { index in
                let item = items[index]  // one copy, lent to every rule
                let text = ItemText(item: item)
                var found: [Diagnostic] = []
                for rule in rules { found += rule.check(item: item, text: text, context: context) }
                return found
            }
            diagnostics += perItem.flatMap { $0 }
            for rule in rules { diagnostics += rule.check(items: items, context: context) }
            diagnostics = Configuration(settings: sources.manifest.lint, root: sources.root).apply(to: diagnostics)
            diagnostics = applySuppressions(result.suppressions, to: diagnostics)
        }
        return diagnostics.sorted()
    }
}

extension Linter {
    /// Drops the diagnostics that inline suppressions cover; reports suppressions naming unknown or
    /// protected rules (`bank.lint-settings`) and those that silenced nothing (`bank.unused-suppression`).
    func applySuppressions(_ suppressions: [Suppression], to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        let known = Set(Catalogue.descriptions.map(\.id))
        var used = Set<Int>()
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let covering = suppressions.indices.filter {
                suppressions[$0].covers(diagnostic) && !BankLintSettings.protected.contains(diagnostic.ruleID)
            }
            if covering.isEmpty {
                kept.append(diagnostic)
            } else {
                used.formUnion(covering)
            }
        }
        for suppression in suppressions {
            let unknown = suppression.rules.filter { !known.contains($0) }
            let protected = suppression.rules.filter { BankLintSettings.protected.contains($0) }
            if suppression.rules.isEmpty {
                kept.append(
                    BankLintSettings.description.diagnostic(
                        at: suppression.location, message: "itembank-disable names no rule",
                        help: "write the rule ids to silence, e.g. <?itembank-disable response.missing-blank?>"))
            } else if !unknown.isEmpty {
                kept.append(
                    BankLintSettings.description.diagnostic(
                        at: suppression.location,
                        message: "itembank-disable names unknown rule ids: \(unknown.joined(separator: ", "))",
                        help: "`itembank rules` lists the rule ids"))
            } else if !protected.isEmpty {
                kept.append(
                    BankLintSettings.description.diagnostic(
                        at: suppression.location,
                        message: "rules \(protected.joined(separator: ", ")) cannot be suppressed: fix the file instead"
                    ))
            }
        }
        return kept + unusedSuppressions(suppressions, used: used)
    }

    /// `bank.unused-suppression` diagnostics of the valid suppressions that silenced nothing. They can
    /// themselves be silenced by a suppression naming `bank.unused-suppression` (which is then used).
    private func unusedSuppressions(_ suppressions: [Suppression], used: Set<Int>) -> [Diagnostic] {
        let known = Set(Catalogue.descriptions.map(\.id))
        let unusedID = BankUnusedSuppression.description.id
        var used = used
        func isCandidate(_ index: Int) -> Bool {
            let rules = suppressions[index].rules
            return !used.contains(index) && !rules.isEmpty && rules.allSatisfy { known.contains($0) }
                && !rules.contains { BankLintSettings.protected.contains($0) }
        }
        func diagnostic(_ index: Int) -> Diagnostic {
            BankUnusedSuppression.description.diagnostic(
                at: suppressions[index].location,
                message: "this suppression of \(suppressions[index].rules.joined(separator: ", ")) silences nothing",
                help: "delete it")
        }
        // Until nothing changes: an unused suppression's finding may be silenced by another suppression.
        var changed = true
        while changed {
            changed = false
            for index in suppressions.indices where isCandidate(index) {
                let finding = diagnostic(index)
                for other in suppressions.indices
                where other != index && suppressions[other].rules.contains(unusedID)
                    && suppressions[other].covers(finding) && !used.contains(other)
                {
                    used.insert(other)
                    changed = true
                }
            }
        }
        return suppressions.indices.filter(isCandidate).compactMap { index in
            let finding = diagnostic(index)
            let silenced = suppressions.indices.contains {
                $0 != index && suppressions[$0].rules.contains(unusedID) && suppressions[$0].covers(finding)
            }
            return silenced ? nil : finding
        }
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
            for folder in settings.folders
            where Configuration.contains(folder: folder.path, path: diagnostic.location.path, root: root) {
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

extension Configuration {
    /// Whether `path` (as diagnostics spell it, starting with the bank folder `root`) is under the
    /// bank-relative `folder`.
    static func contains(folder: String, path: String, root: String) -> Bool {
        let prefix = (root.isEmpty || root == "." ? "" : root + "/") + folder + "/"
        return path.hasPrefix(prefix)
    }
}

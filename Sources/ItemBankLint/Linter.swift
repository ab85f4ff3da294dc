import ItemBankModel
import ItemBankSystem
import ItemBankXML

/// Runs the model rules over what ``BankReader`` read, applies the bank's lint settings, and returns
/// every diagnostic, sorted (path, line, column, rule id).
public struct Linter: Sendable {
    public let rules: [any Rule]
    /// At most this many diagnostics of one rule in one file are kept (in source order), then one `info`
    /// diagnostic of the same rule says how many more were not shown; nil keeps them all (`lint --fix`,
    /// which needs every fix-it). A pathological file (a stem of 2 million `l'a `) would otherwise give
    /// millions of diagnostics and the memory to hold them.
    public let diagnosticLimit: Int?

    /// The default ``diagnosticLimit``: 100 diagnostics per rule and file.
    public static let defaultDiagnosticLimit = 100

    public init(rules: [any Rule] = Catalogue.rules.map { $0.init() }, diagnosticLimit: Int? = defaultDiagnosticLimit) {
        self.rules = rules
        self.diagnosticLimit = diagnosticLimit.map { max($0, 1) }
    }

    public func lint(_ result: BankReadResult) -> [Diagnostic] {
        var diagnostics = result.diagnostics
        if let sources = result.sources {
            let context = {
                var context = LintContext(sources: sources)
                context.diagnosticLimit = diagnosticLimit
                return context
            }()
            if let framework = sources.framework {
                for rule in rules { diagnostics += rule.check(framework: framework) }
            }
            let items = sources.items
            let rules = self.rules
            let limit = diagnosticLimit
            let perItem: [[Diagnostic]] = parallelMap(count: items.count) { index in
                let item = items[index]  // one copy, lent to every rule
                let text = ItemText(item: item)
                var found: [Diagnostic] = []
                for rule in rules {
                    found += Linter.limited(rule.check(item: item, text: text, context: context), to: limit)
                }
                return found
            }
            diagnostics += perItem.flatMap { $0 }
            for rule in rules { diagnostics += Linter.limited(rule.check(items: items, context: context), to: limit) }
            diagnostics = Configuration(settings: sources.manifest.lint, root: sources.root).apply(to: diagnostics)
            diagnostics = applySuppressions(result.suppressions, to: diagnostics)
        }
        return diagnostics.sorted()
    }
}

extension Linter {
    /// `diagnostics` with at most `limit` per rule and file: the first ones in source order, then, for
    /// each rule and file over the limit, one ``omission(rule:count:limit:at:fixable:)`` at the first
    /// one left out. The diagnostics of rules within the limit keep their order. Linear in the number
    /// of diagnostics: over the limit, only the `limit + 1` first of each rule and file are held.
    static func limited(_ diagnostics: [Diagnostic], to limit: Int?) -> [Diagnostic] {
        guard let limit, diagnostics.count > limit else { return diagnostics }
        struct Key: Hashable {
            var rule: String
            var path: String
        }
        var counts: [Key: Int] = [:]
        for diagnostic in diagnostics where !isOmission(diagnostic) {
            counts[Key(rule: diagnostic.ruleID, path: diagnostic.location.path), default: 0] += 1
        }
        guard counts.values.contains(where: { $0 > limit }) else { return diagnostics }
        var kept: [Diagnostic] = []
        var first: [Key: [Diagnostic]] = [:]  // sorted, at most limit + 1
        for diagnostic in diagnostics {
            let key = Key(rule: diagnostic.ruleID, path: diagnostic.location.path)
            guard !isOmission(diagnostic), let count = counts[key], count > limit else {
                kept.append(diagnostic)
                continue
            }
            let position = insertionIndex(of: diagnostic, in: first[key] ?? [])
            guard position <= limit else { continue }
            first[key, default: []].insert(diagnostic, at: position)
            if first[key, default: []].count > limit + 1 { first[key, default: []].removeLast() }
        }
        for key in first.keys.sorted(by: { ($0.path, $0.rule) < ($1.path, $1.rule) }) {
            guard let group = first[key], group.count == limit + 1, let count = counts[key] else { continue }
            kept += group.prefix(limit)
            kept.append(
                omission(
                    rule: key.rule, count: count - limit, limit: limit, at: group[limit].location,
                    fixable: !group[limit].fixIts.isEmpty))
        }
        return kept
    }

    /// Where `diagnostic` goes in the sorted `group` (after equal ones).
    private static func insertionIndex(of diagnostic: Diagnostic, in group: [Diagnostic]) -> Int {
        if let last = group.last, !(diagnostic < last) { return group.count }
        var low = 0
        var high = group.count
        while low < high {
            let middle = (low + high) / 2
            if diagnostic < group[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    static let omissionHelpFixable =
        "`itembank lint --fix` applies the fix-its of all of them; or fix the ones shown and lint again"
    static let omissionHelp = "fix the ones shown and lint again"

    /// The `info` diagnostic that stands for the `count` diagnostics of `rule` in a file that were not
    /// shown, at the first of them.
    static func omission(
        rule: String, count: Int, limit: Int, at location: SourceLocation, fixable: Bool
    )
        -> Diagnostic
    {
        Diagnostic(
            ruleID: rule, severity: .info, location: location,
            message:
                "\(count) more \(rule) finding\(count == 1 ? "" : "s") in this file not shown (at most \(limit) per rule and file)",
            help: fixable ? omissionHelpFixable : omissionHelp)
    }

    /// Whether `diagnostic` is an ``omission(rule:count:limit:at:fixable:)``.
    static func isOmission(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .info && (diagnostic.help == omissionHelpFixable || diagnostic.help == omissionHelp)
            && diagnostic.message.hasSuffix(" per rule and file)")
    }

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

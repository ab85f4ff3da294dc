import ItemBankModel
import ItemBankXML

/// `bank.lint-settings`: the manifest's `<lint>` section names existing, configurable rules.
struct BankLintSettings: Rule {
    static let description = RuleDescription(
        id: "bank.lint-settings", category: .bank, defaultSeverity: .error,
        summary:
            "a <lint> setting names an unknown rule or a rule that cannot be configured, or sets a number the rule does not have",
        rationale:
            "A misspelt rule id would silently enforce nothing, and so would a threshold on a rule without one, or out of its range (each rule's numbers are in `itembank explain`). Rules that decide whether a file can be read or a bank compiled (xml.not-well-formed, xml.schema, ref.unknown-skill, ref.duplicate-item-id…) cannot be lowered or turned off: build would otherwise drop files or refuse without the linter saying why.",
        examples: [
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                  <lint>
                    ↓<rule id="response.missing-blnk" severity="off"/>
                  </lint>
                </bank>
                """#),
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                  <lint>
                    ↓<rule id="key.choice-count" threshold="4"/>
                    <folder path="items/1.1">
                      ↓<rule id="a11y.alt-too-long" threshold="10"/>
                    </folder>
                  </lint>
                </bank>
                """#),
            .manifest(
                #"""
                <bank xmlns="urn:itembank:bank:1" id="example" version="1.0.0" xml:lang="fr-FR">
                  <title>Banque d’exemple</title>
                  <framework src="framework.xml"/>
                  <items src="items"/>
                  <media src="media"/>
                  <lint>
                    <rule id="response.missing-blank" severity="off"/>
                  </lint>
                </bank>
                """#),
        ])

    /// Rules whose severity the bank cannot change.
    static let protected: Set<String> = XMLRules.blocking.union([
        "ref.unknown-skill", "ref.duplicate-item-id", "framework.duplicate-skill", "bank.lint-settings",
    ])

    func check(items: [Item], context: LintContext) -> [Diagnostic] {
        let known = Set(Catalogue.descriptions.map(\.id))
        let settings = context.manifest.lint.rules + context.manifest.lint.folders.flatMap(\.rules)
        return settings.compactMap { setting in
            if known.contains(setting.ruleID), let problem = parameterProblem(setting) { return problem }
            if !known.contains(setting.ruleID) {
                let close = known.filter {
                    Suggestions.editDistance(Array($0.unicodeScalars), Array(setting.ruleID.unicodeScalars)) <= 3
                }.sorted()
                return diagnostic(
                    setting.location, "unknown rule id \(setting.ruleID)",
                    help: close.isEmpty
                        ? "`itembank rules` lists the rule ids" : "did you mean \(close.joined(separator: ", "))?")
            }
            if Self.protected.contains(setting.ruleID), setting.severity != nil {
                return diagnostic(
                    setting.location,
                    "rule \(setting.ruleID) cannot be configured: its errors mean a file cannot be read or the bank cannot be built",
                    help: "fix the files it reports instead")
            }
            return nil
        }
    }

    /// A `threshold`, `min` or `max` the rule does not have, out of its range, or min above max.
    private func parameterProblem(_ setting: RuleSetting) -> Diagnostic? {
        guard let rule = Catalogue.description(of: setting.ruleID) else { return nil }
        for name in RuleParameter.names {
            guard let value = setting.value(of: name) else { continue }
            guard let parameter = rule.parameters.first(where: { $0.name == name }) else {
                let has = rule.parameters.map(\.name)
                return diagnostic(
                    setting.location, "rule \(rule.id) has no \(name)",
                    help: has.isEmpty
                        ? "delete the \(name) attribute: this rule has no number to set"
                        : "its numbers are " + has.joined(separator: ", "))
            }
            guard parameter.range.contains(value) else {
                return diagnostic(
                    setting.location,
                    "\(name)=\"\(value)\" of rule \(rule.id) is outside \(parameter.range.lowerBound)…\(parameter.range.upperBound)",
                    help: "\(name) is \(parameter.meaning)")
            }
        }
        if let low = setting.min, let high = setting.max, low > high {
            return diagnostic(setting.location, "min=\"\(low)\" is above max=\"\(high)\" for rule \(rule.id)")
        }
        return nil
    }
}

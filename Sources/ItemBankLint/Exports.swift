// What a rule is (RuleDescription, RuleExample, the example bank) lives in ItemBankRules, below the
// reader; the linter offers it to its clients as before.
@_exported import ItemBankRules

import ArgumentParser
import ItemBankLint

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lint rules: id, default severity and summary (or docs/rules.md with --markdown).")

    @Flag(help: "Print the rule reference as Markdown (the content of docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            Terminal.out(RuleReference.markdown())
            return
        }
        let descriptions = Catalogue.descriptions
        let width = descriptions.map(\.id.count).max() ?? 0
        for rule in descriptions {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            Terminal.out("\(id)  \(severity) \(rule.summary)\(rule.hasFixIts ? " (fix-it)" : "")\n")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a lint rule: what it reports, why, and its default severity.")

    @Argument(help: "A rule id, for example key.qcu-single-key.")
    var rule: String

    func run() throws {
        guard let description = Catalogue.description(of: rule) else {
            let close = Catalogue.descriptions.map(\.id).filter {
                $0.hasPrefix(rule.split(separator: ".").first.map(String.init) ?? "")
            }
            throw CommandError.usage(
                "unknown rule id \(rule)"
                    + (close.isEmpty
                        ? "; `itembank rules` lists them"
                        : "; rules of that category: \(close.joined(separator: ", "))"))
        }
        Terminal.out(RuleReference.explanation(description))
    }
}

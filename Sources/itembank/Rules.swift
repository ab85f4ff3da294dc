import ArgumentParser
import ItemBankLint

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lint rules: id, default severity and summary.")

    func run() throws {
        let descriptions = Catalogue.descriptions
        let width = descriptions.map(\.id.count).max() ?? 0
        for rule in descriptions {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            Terminal.out("\(id)  \(severity) \(rule.summary)\n")
        }
    }
}

import ArgumentParser
import Foundation
import ItemBankRuntime

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two compiled banks: framework entries and items.",
        discussion:
            "Exit status, as diff(1): 0 no difference, 1 differences, 2 a bank cannot be read, 3 a file is not a valid bank."
    )

    @Argument(help: "The older compiled bank.")
    var old: String

    @Argument(help: "The newer compiled bank.")
    var new: String

    @Flag(help: "Print JSON (sorted keys) instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Item fields to leave out, comma-separated (\(BankDiff.itemFields.joined(separator: ", "))).",
            valueName: "fields"))
    var ignore: [String] = []

    private var ignoredFields: Set<String> {
        Set(ignore.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func validate() throws {
        for field in ignoredFields.sorted() where !BankDiff.itemFields.contains(field) {
            throw ValidationError(
                "--ignore \(field) is not an item field: use \(BankDiff.itemFields.joined(separator: ", "))")
        }
    }

    func run() throws {
        let before = try open(old)
        let after = try open(new)
        let diff = BankDiff.between(before, after).ignoringItemFields(ignoredFields)
        Terminal.out(json ? try JSONOutput.encode(diff) : Self.text(diff))
        if !diff.isEmpty { throw CommandError.findings() }
    }

    private func open(_ file: String) throws -> Bank {
        try BankOpening.openVerified(file)
    }

    static func text(_ diff: BankDiff) -> String {
        var out = ""
        let symbols: [BankDiff.Change.Kind: String] = [.added: "+", .removed: "-", .changed: "~"]
        func line(_ change: BankDiff.Change) -> String {
            var text = "  \(symbols[change.kind] ?? "?") \(change.entity) \(change.key)"
            if change.kind == .changed {
                text +=
                    ": "
                    + change.fields.map { field in change.details[field].map { "\(field) \($0)" } ?? field }
                    .joined(separator: "; ")
            }
            return text + "\n"
        }
        out += "framework: " + (diff.framework.isEmpty ? "unchanged\n" : "\(diff.framework.count) changes\n")
        for change in diff.framework { out += line(change) }
        let counts = [BankDiff.Change.Kind.added, .removed, .changed].map { kind in
            diff.items.filter { $0.kind == kind }.count
        }
        out +=
            "items: \(counts[0]) added, \(counts[1]) removed, \(counts[2]) changed, \(diff.unchangedItemCount) unchanged\n"
        for change in diff.items { out += line(change) }
        return out
    }
}

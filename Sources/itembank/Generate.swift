import ArgumentParser
import Foundation
import ItemBankGenerator

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic, valid bank of N items (all five types) for scale tests and benchmarks.",
        discussion: "Deterministic: the same --items and --seed give the same files. Refuses a non-empty folder.")

    @Option(help: "Number of items.")
    var items: Int

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Argument(help: "The folder to create (must not exist or be empty).")
    var directory: String

    func validate() throws {
        guard items >= 0 else { throw ValidationError("--items must be 0 or more") }
    }

    func run() throws {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw CommandError.usage("\(directory) is not empty: generate writes into a new or empty folder")
        }
        do {
            for file in BankGenerator(itemCount: items, seed: seed).files() {
                let path = directory + "/" + file.path
                try manager.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.content.utf8).write(to: URL(fileURLWithPath: path))
            }
        } catch {
            throw CommandError.usage("cannot write \(directory): \(error.localizedDescription)")
        }
        Terminal.note("wrote \(directory): \(items) items, seed \(seed)")
    }
}

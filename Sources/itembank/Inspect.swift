import ArgumentParser
import Foundation
import ItemBankRuntime

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a compiled bank: ids, format version, framework, counts, items per competence and level.")

    @Argument(help: "A compiled bank file.")
    var file: String

    func run() throws {
        let bank: Bank
        do {
            bank = try Bank(contentsOf: file)
        } catch {
            Terminal.error("\(file): \(error)")
            throw ExitCode(error.code == .io ? 2 : 1)
        }
        Terminal.out(BankDescription.text(of: bank, file: file))
    }
}

/// The text `inspect` prints.
enum BankDescription {
    static func text(of bank: Bank, file: String) -> String {
        var out = ""
        out += "bank:        \(bank.id) \(bank.version) — \(bank.title)\n"
        out += "file:        \(file) (\(bank.byteCount) bytes)\n"
        out += "format:      \(bank.formatVersion.major).\(bank.formatVersion.minor)\n"
        out += "content:     sha256 \(bank.contentDigest)\n"
        let version = bank.frameworkVersion.map { " \($0)" } ?? ""
        out +=
            "framework:   \(bank.frameworkID)\(version) — \(bank.frameworkTitle) (open maximum level \(bank.maxLevel))\n"
        out +=
            "counts:      \(bank.areaCount) areas, \(bank.competenceCount) competences, \(bank.thematicCount) thematics, "
        out += "\(bank.tubeCount) tubes, \(bank.skillCount) skills, \(bank.itemCount) items\n"
        var byType: [ItemType: Int] = [:]
        var byStatus: [ItemStatus: Int] = [:]
        var calibrated = 0
        for item in bank.allItems {
            byType[item.type, default: 0] += 1
            byStatus[item.status, default: 0] += 1
            if item.calibration != nil { calibrated += 1 }
        }
        out +=
            "types:       " + ItemType.allCases.map { "\($0.rawValue) \(byType[$0] ?? 0)" }.joined(separator: ", ")
            + "\n"
        out +=
            "statuses:    " + ItemStatus.allCases.map { "\($0.rawValue) \(byStatus[$0] ?? 0)" }.joined(separator: ", ")
            + "\n"
        out += "calibrated:  \(calibrated) of \(bank.itemCount) items\n\n"
        out += "items by competence and level\n"
        let levels = 1...8
        out += "competence" + levels.map { pad("\($0)", 5) }.joined() + pad("total", 7) + "\n"
        var totals = [Int](repeating: 0, count: 9)
        for competence in bank.allCompetences {
            var row = [Int](repeating: 0, count: 9)
            for item in competence.items {
                if let level = item.skill?.level, levels.contains(level) { row[level] += 1 }
            }
            let total = row.reduce(0, +)
            for level in levels { totals[level] += row[level] }
            out += competence.code.padding(toLength: 10, withPad: " ", startingAt: 0)
            out += levels.map { pad(row[$0] == 0 ? "." : "\(row[$0])", 5) }.joined() + pad("\(total)", 7) + "\n"
        }
        out += "total     " + levels.map { pad("\(totals[$0])", 5) }.joined() + pad("\(totals.reduce(0, +))", 7) + "\n"
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

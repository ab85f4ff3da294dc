import ArgumentParser
import Foundation
import ItemBankRuntime
import ItemBankSystem

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a compiled bank: ids, versions, digests, sections, counts per competence and level.",
        discussion: """
            inspect runs the open checks only (header, section table, CRC32C of the sections up to 64 KiB) \
            and says so; itembank verify checks every checksum, digest and reference. Exit status: 0 \
            described, 2 I/O error, 3 the file is not a valid bank.
            """)

    @Argument(help: "A compiled bank file.")
    var file: String

    @Flag(help: "Print JSON (sorted keys) instead of text.")
    var json = false

    func run() throws {
        let bank = try BankOpening.open(file)
        let description = BankDescription(bank: bank, file: file)
        Terminal.out(json ? try JSONOutput.encode(description) : description.text)
    }
}

enum JSONOutput {
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try JSONEncoder.journey.encode(value), as: UTF8.self) + "\n"
    }
}

/// What `inspect` reports, as text or JSON.
struct BankDescription: Encodable {
    struct Framework: Encodable {
        var id: String
        var version: String?
        var title: String
        var language: String
        var maxLevel: Int
    }
    struct Section: Encodable {
        var id: String
        var offset: Int
        var length: Int
        var recordSize: Int
        var records: Int
        var crc32c: String
        var mustUnderstand: Bool
    }
    struct Competence: Encodable {
        var code: String
        var title: String
        var skills: Int
        var items: Int
        /// Level ("1"…"8") -> number of items.
        var itemsByLevel: [String: Int]
        /// θ (logits) from which level 1, 2, … is reached (THLV); absent without a table.
        var thetaLevels: [Double]?
    }

    var file: String
    var bytes: Int
    var formatVersion: String
    var bank: [String: String]
    var locales: [String]
    var contentSHA256: String
    var fileSHA256: String
    var framework: Framework
    var counts: [String: Int]
    var itemsByType: [String: Int]
    var itemsByStatus: [String: Int]
    var competences: [Competence]
    var itemsWithoutCalibration: [String]
    var sections: [Section]
    /// What was checked before describing the bank: the open checks only, never a full verification.
    var verification: String

    init(bank: Bank, file: String) {
        self.file = file
        bytes = bank.byteCount
        formatVersion = "\(bank.formatVersion.major).\(bank.formatVersion.minor)"
        var fields = ["id": bank.id, "version": bank.version, "title": bank.title, "language": bank.language]
        if let description = bank.bankDescription { fields["description"] = description }
        self.bank = fields
        locales = bank.locales
        contentSHA256 = bank.contentDigest
        verification = Self.verification(file: file)
        fileSHA256 = bank.fileDigest
        framework = Framework(
            id: bank.frameworkID, version: bank.frameworkVersion, title: bank.frameworkTitle,
            language: bank.frameworkLanguage, maxLevel: bank.maxLevel)
        counts = [
            "areas": bank.areaCount, "competences": bank.competenceCount, "thematics": bank.thematicCount,
            "tubes": bank.tubeCount, "skills": bank.skillCount, "items": bank.itemCount,
        ]
        var byType = Dictionary(uniqueKeysWithValues: ItemType.allCases.map { ($0.rawValue, 0) })
        var byStatus = Dictionary(uniqueKeysWithValues: ItemStatus.allCases.map { ($0.rawValue, 0) })
        var uncalibrated: [String] = []
        for item in bank.allItems {
            byType[item.type.rawValue, default: 0] += 1
            byStatus[item.status.rawValue, default: 0] += 1
            if item.calibration == nil { uncalibrated.append(item.id) }
        }
        itemsByType = byType
        itemsByStatus = byStatus
        itemsWithoutCalibration = uncalibrated.sorted()
        competences = bank.allCompetences.map { competence in
            var byLevel = Dictionary(uniqueKeysWithValues: (1...8).map { (String($0), 0) })
            for item in competence.items {
                if let level = item.skill?.level { byLevel[String(level), default: 0] += 1 }
            }
            return Competence(
                code: competence.code, title: competence.title, skills: competence.skills.count,
                items: competence.items.count, itemsByLevel: byLevel, thetaLevels: competence.thetaLevels)
        }
        sections = bank.sectionInfo.map {
            Section(
                id: $0.id, offset: $0.offset, length: $0.length, recordSize: $0.recordSize, records: $0.recordCount,
                crc32c: String(format: "%08x", $0.crc32c), mustUnderstand: $0.mustUnderstand)
        }
    }

    /// The `verified:` line: what opening checked, and the command that checks the rest.
    static func verification(file: String) -> String {
        "not in full — the open checks passed (header, section table, CRC32C of the sections up to 64 KiB); "
            + "run itembank verify \(PrintableText.escaped(file)) for every checksum, digest and reference"
    }

    var text: String {
        var out = ""
        out += "bank:        \(bank["id"] ?? "") \(bank["version"] ?? "") — \(bank["title"] ?? "")\n"
        out += "file:        \(file) (\(bytes) bytes)\n"
        out += "format:      \(formatVersion)\n"
        out += "content:     sha256 \(contentSHA256)\n"
        out += "trailer:     sha256 \(fileSHA256) (of the bytes before the trailer; not sha256sum of the file)\n"
        out += "verified:    \(verification)\n"
        let version = framework.version.map { " \($0)" } ?? ""
        out +=
            "framework:   \(framework.id)\(version) — \(framework.title) (open maximum level \(framework.maxLevel))\n"
        out += "counts:      \(counts["areas"] ?? 0) areas, \(counts["competences"] ?? 0) competences, "
        out += "\(counts["thematics"] ?? 0) thematics, \(counts["tubes"] ?? 0) tubes, \(counts["skills"] ?? 0) skills, "
        out += "\(counts["items"] ?? 0) items\n"
        out +=
            "types:       "
            + ItemType.allCases.map { "\($0.rawValue) \(itemsByType[$0.rawValue] ?? 0)" }.joined(separator: ", ") + "\n"
        out +=
            "statuses:    "
            + ItemStatus.allCases.map { "\($0.rawValue) \(itemsByStatus[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            + "\n"
        out +=
            "calibrated:  \((counts["items"] ?? 0) - itemsWithoutCalibration.count) of \(counts["items"] ?? 0) items\n"
        let tables = competences.filter { $0.thetaLevels != nil }.count
        out += "θ tables:    \(tables) of \(competences.count) competences\n\n"
        out += "items by competence and level\n"
        let levels = (1...8).map(String.init)
        out += "competence" + levels.map { pad($0, 5) }.joined() + pad("total", 7) + "\n"
        var totals = Dictionary(uniqueKeysWithValues: levels.map { ($0, 0) })
        for competence in competences {
            for level in levels { totals[level, default: 0] += competence.itemsByLevel[level] ?? 0 }
            out += competence.code.padding(toLength: 10, withPad: " ", startingAt: 0)
            out += levels.map { level in
                let count = competence.itemsByLevel[level] ?? 0
                return pad(count == 0 ? "." : "\(count)", 5)
            }.joined()
            out += pad("\(competence.items)", 7) + "\n"
        }
        out +=
            "total     " + levels.map { pad("\(totals[$0] ?? 0)", 5) }.joined() + pad("\(counts["items"] ?? 0)", 7)
            + "\n"
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

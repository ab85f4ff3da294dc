import ArgumentParser
import Foundation
import ItemBankInterop

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import QTI 2.x / 3.0 items and content packages, Moodle XML and GIFT files as item files.",
        discussion: """
            Writes one item file per imported question under <bank>/items (Moodle and GIFT categories become \
            folders) and its image under <bank>/media, then prints the import report: for each source \
            question what it became, or why it was not imported, and what could not be mapped, with source \
            file:line:column. Items get status "proposed"; without --skill or a --skill-map entry they have \
            no skill (never invented). Exit status: 0 every question imported (files without a question, \
            such as manifests, explained), 1 some not imported because of an error, 2 usage or I/O error.
            """)

    @Argument(help: "Files, folders (walked) or .zip content packages.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The bank folder to write into (created if needed).")
    var output: String

    @Option(help: "A framework.xml to copy into a new bank folder, with a bank.xml that uses it.")
    var framework: String?

    @Option(help: "A skill map: lines `SOURCE-ID-OR-CATEGORY @skill`, # comments.")
    var skillMap: String?

    @Option(help: "The skill of every imported item (@tubeN).")
    var skill: String?

    @Option(help: "The language of items whose source has none.")
    var language = "fr-FR"

    @Option(
        help:
            "Folder of the source XSDs (qti/ and qti3/ with their catalog.xml); default $ITEMBANK_SOURCE_SCHEMAS. Without it sources are not validated."
    )
    var schemas: String?

    @Option(
        help:
            "The folder under <bank>/media for imported images; \"\" for <bank>/media itself (as in an itembank export package)."
    )
    var mediaFolder = "imported"

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if let skill, !SkillMap.isSkillName(skill) {
            throw ValidationError("--skill \(skill) is not a skill name such as @rechercheWeb3")
        }
        if mediaFolder.hasPrefix("/") || mediaFolder.split(separator: "/").contains("..") {
            throw ValidationError("--media-folder \(mediaFolder) must be a relative folder inside <bank>/media")
        }
    }

    func run() throws {
        var map: SkillMap?
        if let skillMap {
            guard let data = FileManager.default.contents(atPath: skillMap) else {
                throw CommandError.usage("\(skillMap): cannot read the skill map")
            }
            do {
                map = try SkillMap(text: String(decoding: data, as: UTF8.self), path: skillMap)
            } catch {
                throw CommandError.usage("\(error)")
            }
        }
        let folder = schemas ?? ProcessInfo.processInfo.environment["ITEMBANK_SOURCE_SCHEMAS"]
        let options = ImportOptions(
            skill: skill, skillMap: map, language: language, schemas: folder.map(SourceSchemas.init(directory:)),
            mediaFolder: mediaFolder.split(separator: "/").joined(separator: "/"))
        let report: ImportReport
        do {
            report = try Importer(options: options).read(inputs)
            try Importer.write(report, to: output)
            if let framework { try writeBank(framework: framework) }
        } catch {
            throw CommandError.usage("\(error)")
        }
        Terminal.out(json ? try report.json() : report.text())
        if report.failedCount > 0 { throw CommandError.findings() }
    }

    /// A bank.xml and a copy of the framework, when the folder has no bank.xml yet.
    private func writeBank(framework: String) throws {
        let manager = FileManager.default
        let bankFile = output + "/bank.xml"
        guard !manager.fileExists(atPath: bankFile) else { return }
        guard let data = manager.contents(atPath: framework) else {
            throw ImportError("\(framework): cannot read the framework")
        }
        try manager.createDirectory(atPath: output + "/media", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: output + "/items", withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: output + "/framework.xml"))
        let name = URL(fileURLWithPath: output).lastPathComponent
        let id = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).trimmingCharacters(
            in: CharacterSet(charactersIn: "-"))
        let lang = language
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bank xmlns="urn:itembank:bank:1" id="\(id.isEmpty ? "imported" : id)" version="0.1.0" xml:lang="\(lang)">
              <title>Imported items</title>
              <framework src="framework.xml"/>
              <items src="items"/>
              <media src="media"/>
            </bank>

            """
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: bankFile))
    }
}

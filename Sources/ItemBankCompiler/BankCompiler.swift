import Foundation
import ItemBankFormat
import ItemBankModel

/// Why a bank cannot be compiled. The linter reports these first; the compiler checks again so that it
/// never writes a bank with dangling references.
public struct CompileError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Compiles decoded sources into the bytes of a compiled bank (format 1.1, docs/bank-format.md).
///
/// Deterministic: the output depends only on the sources' content. Skills follow the framework's
/// document order (sorted by level inside a tube); items are sorted by skill, then by id (NFC bytes);
/// nothing depends on file enumeration order, hashing order, locale, time or machine.
public enum BankCompiler {
    /// - Throws: ``CompileError`` when the framework is missing, an item's skill is unknown, two items
    ///   share an id, a competence's θ table is unusable (`framework.theta-levels`), or a count does not
    ///   fit the format's 32-bit fields.
    public static func compile(_ sources: BankSources) throws -> [UInt8] {
        assemble(try sections(of: sources))
    }

    /// A section to write: id, payload (unpadded), record size (0: not records), flags. The format's type
    /// (ItemBankFormat), kept under this name for callers of ``sections(of:)``.
    public typealias Section = BankSection

    /// The sections of format 1.1 for these sources, in file order.
    /// - Throws: ``CompileError``, as ``compile(_:)``.
    public static func sections(of sources: BankSources) throws -> [Section] {
        guard let framework = sources.framework else { throw CompileError(message: "the framework did not load") }
        let plan = try BankPlan(sources: sources, framework: framework)
        var encoder = SectionEncoder()
        // The string pool is deduplicated in first-use order: the encoders run in a fixed order.
        let frameworkTables = encoder.frameworkTables(framework, plan: plan)
        let competences = encoder.competences(framework, plan: plan)
        let skills = encoder.skills(plan)
        let skillPix = SectionEncoder.skillPix(plan, sources: sources)
        let skillsByLevel = SectionEncoder.skillsByLevel(plan)
        let items = encoder.items(sources, plan: plan)
        let idIndex = SectionEncoder.itemIDIndex(plan)
        let meta = encoder.meta(sources.manifest, framework)

        guard encoder.pool.bytes.count < Int(UInt32.max), plan.keyed.count < Int(BankFormat.none),
            items.answerCount < Int(BankFormat.none)
        else { throw CompileError(message: "the bank is too large for format 1 (32-bit offsets)") }

        var sections = [
            Section(id: .meta, payload: meta, recordSize: 0),
            Section(id: .strings, payload: encoder.pool.bytes, recordSize: 0),
            Section(id: .areas, payload: frameworkTables.areas, recordSize: Layout.Area.size),
            Section(id: .competences, payload: competences, recordSize: Layout.Competence.size),
            Section(id: .thematics, payload: frameworkTables.thematics, recordSize: Layout.Thematic.size),
            Section(id: .tubes, payload: frameworkTables.tubes, recordSize: Layout.Tube.size),
            Section(id: .skills, payload: skills, recordSize: Layout.Skill.size),
            Section(id: .items, payload: items.items, recordSize: Layout.Item.size),
            Section(id: .choices, payload: items.choices, recordSize: Layout.Choice.size),
            Section(id: .responses, payload: items.responses, recordSize: Layout.Response.size),
            Section(id: .answers, payload: items.answers, recordSize: Layout.Answer.size),
            Section(id: .groups, payload: items.groups, recordSize: Layout.Group.size),
            Section(id: .media, payload: items.media, recordSize: Layout.Media.size),
            Section(id: .itemIDIndex, payload: idIndex, recordSize: 4),
            Section(id: .skillsByLevel, payload: skillsByLevel, recordSize: 4),
            Section(id: .discriminations, payload: items.discriminations, recordSize: 8),
            Section(id: .difficulties, payload: items.difficulties, recordSize: 8),
            // Optional (format 1.1): a 1.0 reader skips it.
            Section(id: .skillPix, payload: skillPix, recordSize: 8, flags: 0),
        ]
        if let thetaLevels = try thetaLevelsSection(framework) {
            sections.append(
                Section(id: .thetaLevels, payload: thetaLevels, recordSize: Layout.ThetaLevels.size, flags: 0))
        }
        return sections
    }

    /// The THLV payload (docs/bank-format.md §6.20): per competence (COMP order), the θ of levels 1…8, NaN
    /// past the table's last level or for a competence without a table; nil when no competence has a table.
    /// - Throws: ``CompileError`` when a table is unusable (`framework.theta-levels` reports why).
    static func thetaLevelsSection(_ framework: Framework) throws -> [UInt8]? {
        let competences = framework.competences
        guard competences.contains(where: { $0.thetaLevels != nil }) else { return nil }
        var writer = ByteWriter()
        for competence in competences {
            var thetas: [Double] = []
            if let table = competence.thetaLevels {
                guard let ordered = table.orderedThetas(maxLevel: min(framework.maxLevel, BankFormat.levelCount))
                else {
                    throw CompileError(
                        message:
                            "\(table.location.path): the θ table of competence \(competence.code) is not usable (see framework.theta-levels)"
                    )
                }
                thetas = ordered
            }
            for level in 1...BankFormat.levelCount {
                writer.append(level <= thetas.count ? thetas[level - 1] : Double.nan)
            }
        }
        return writer.bytes
    }

    /// Lays out header, section table, sections (8-aligned, zero-padded) and trailer: the bytes of a bank.
    /// The format's writer, ``BankWriter/assemble(_:)`` (ItemBankFormat).
    public static func assemble(_ sections: [Section]) -> [UInt8] { BankWriter.assemble(sections) }
}

import ItemBankFormat

/// A compiled bank opened for reading: an immutable, `Sendable` handle over the file's bytes (format 1,
/// docs/bank-format.md), held in private memory by default or as a read-only memory mapping on request
/// (``OpenOptions/memoryMapped``). Views (``ItemView``, ``SkillView``…) read from those bytes in place;
/// nothing is copied until a caller asks for a `String`.
///
/// Opening checks the header (magic, version, CRC32C, file size), the trailer's end magic, the section
/// table (in bounds, aligned, non-overlapping, known record sizes, required sections present) and the
/// CRC32C of every section up to 64 KiB, in a fixed order (so the same bad file always gives the
/// same error). ``verify(_:)`` checks everything else.
///
/// Accessors are bounds-checked: a corrupt bank that passed the open checks gives wrong values, never
/// a trap, and each accessor returns at most the size of its table. A hostile bank can still make
/// "read everything" loops cost O(records²) (its ranges may overlap): call `verify(.full)` before
/// walking a bank you did not build; it proves every range partitions its table.
public struct Bank: Sendable {
    let storage: Storage
    let sections: [SectionID: Section]
    let meta: Section
    let strings: Section
    let areas: Section
    let competences: Section
    let thematics: Section
    let tubes: Section
    let skills: Section
    let items: Section
    let choices: Section
    let responses: Section
    let answers: Section
    let groups: Section
    let media: Section
    let idIndex: Section
    let skillsByLevel: Section
    let discriminations: Section
    let difficulties: Section
    /// Optional sections (format 1.1); nil in a 1.0 bank.
    let skillPix: Section?
    /// EXPO (optional): Sympson–Hetter exposure parameters; nil when the bank has none.
    let exposure: Section?
    /// IRTX (optional): the IRT selection index; nil when the bank has none.
    let selectionIndex: Section?
    /// THLV (optional): the competences' θ tables; nil when the bank has none.
    let thetaLevels: Section?

    /// A section's place in the file.
    struct Section: Sendable {
        var id: SectionID
        var flags: UInt32
        var offset: Int
        var length: Int
        var recordSize: Int
        var crc: UInt32
        var count: Int { recordSize > 0 ? length / recordSize : 0 }
        func record(_ index: Int) -> Int { offset + index * recordSize }
        func contains(_ index: Int) -> Bool { index >= 0 && index < count }
        /// File order: by offset, an empty section before a non-empty one at the same offset, then by id.
        static func fileOrder(_ lhs: Section, _ rhs: Section) -> Bool {
            (lhs.offset, lhs.length, lhs.id.raw) < (rhs.offset, rhs.length, rhs.id.raw)
        }
    }

    /// How ``Bank/init(contentsOf:options:)`` holds the file's bytes.
    public struct OpenOptions: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Maps the file read-only (`mmap(PROT_READ, MAP_PRIVATE)`) instead of reading it into private
        /// memory: opening costs no copy and pages are read from disk when first touched.
        ///
        /// - Important: the file must not change while the bank is open. Truncating it or rewriting it
        ///   in place (`truncate`, `cp new.itembank live.itembank`, an editor saving over it) makes the
        ///   next read of a page beyond the new end raise SIGBUS, which kills the process, and makes a
        ///   rewrite visible through the mapping as changed bytes. Use it only for banks that are
        ///   replaced by rename (`itembank build` writes a temporary file and renames it; `mv` within
        ///   one file system), which leaves the open file's bytes untouched.
        public static let memoryMapped = OpenOptions(rawValue: 1 << 0)
    }

    /// Opens the bank file at `path` and runs the open checks.
    ///
    /// By default the whole file is read into private memory (one `read` pass of the file's size),
    /// so nothing done to the file after this returns (truncation, rewriting in place, deletion) can
    /// change or crash the bank. Pass ``OpenOptions/memoryMapped`` to map the file instead, for banks
    /// replaced only by rename (see its caveat).
    /// - Parameters:
    ///   - path: the `.itembank` file (a regular file; a symlink to one is followed).
    ///   - options: how to hold the bytes; `[]` (private memory) by default.
    /// - Throws: ``BankError`` (`.io` when the file cannot be opened, read or mapped, `.truncated` when it
    ///   is empty or shorter than a header and a trailer, other codes when the bytes are not a valid
    ///   bank).
    public init(contentsOf path: String, options: OpenOptions = []) throws(BankError) {
        if options.contains(.memoryMapped) {
            try self.init(storage: Storage(mapping: path))
        } else {
            try self.init(storage: Storage(reading: path))
        }
    }

    /// Opens a bank held in memory (the bytes are copied once into an aligned buffer).
    /// - Throws: ``BankError``.
    public init(bytes: [UInt8]) throws(BankError) {
        try self.init(storage: Storage(copying: bytes))
    }

    private init(storage: Storage) throws(BankError) {
        self.storage = storage
        let size = storage.count
        guard size >= BankFormat.headerSize + BankFormat.trailerSize else {
            throw BankError(.truncated, offset: size, "the file has \(size) bytes, fewer than a header and a trailer")
        }
        for (index, byte) in BankFormat.magic.enumerated() where storage.u8(index) != byte {
            throw BankError(
                .badMagic, offset: index, "not an itembank bank (wrong magic bytes), or mangled by a text-mode transfer"
            )
        }
        let major = storage.u16(BankFormat.Header.majorVersion)
        let minimumMinor = storage.u16(BankFormat.Header.minimumReaderMinor)
        guard major == BankFormat.majorVersion else {
            throw BankError(
                .unsupportedVersion, offset: BankFormat.Header.majorVersion,
                "format major version \(major); this reader reads version \(BankFormat.majorVersion)")
        }
        guard minimumMinor <= BankFormat.minorVersion else {
            throw BankError(
                .unsupportedVersion, offset: BankFormat.Header.minimumReaderMinor,
                "the bank needs a reader of format 1.\(minimumMinor) or later; this reader is 1.\(BankFormat.minorVersion)"
            )
        }
        let headerCRC = CRC32C.checksum(UnsafeRawBufferPointer(start: storage.base, count: BankFormat.Header.headerCRC))
        guard headerCRC == storage.u32(BankFormat.Header.headerCRC) else {
            throw BankError(
                .badHeader, offset: BankFormat.Header.headerCRC, "header checksum mismatch (the header is corrupt)")
        }
        guard storage.u64(BankFormat.Header.flags) == 0 else {
            throw BankError(
                .badHeader, offset: BankFormat.Header.flags, "unknown header flags (format 1.0 defines none)")
        }
        guard Int(storage.u16(BankFormat.Header.headerSize)) == BankFormat.headerSize else {
            throw BankError(.badHeader, offset: BankFormat.Header.headerSize, "unexpected header size")
        }
        let declaredSize = storage.u64(BankFormat.Header.fileSize)
        guard declaredSize == UInt64(size) else {
            let code: BankError.Code = declaredSize > UInt64(size) ? .truncated : .badHeader
            throw BankError(
                code, offset: BankFormat.Header.fileSize, "the header says \(declaredSize) bytes, the file has \(size)")
        }
        let trailerStart = size - BankFormat.trailerSize
        for (index, byte) in BankFormat.endMagic.enumerated() where storage.u8(trailerStart + 32 + index) != byte {
            throw BankError(
                .truncated, offset: trailerStart + 32 + index, "the end marker is missing (truncated or corrupt file)")
        }
        let sectionCount = Int(storage.u32(BankFormat.Header.sectionCount))
        let entrySize = Int(storage.u32(BankFormat.Header.sectionEntrySize))
        let tableOffset = storage.u64(BankFormat.Header.sectionTableOffset)
        guard entrySize == BankFormat.sectionEntrySize, tableOffset == UInt64(BankFormat.headerSize),
            sectionCount <= (trailerStart - BankFormat.headerSize) / BankFormat.sectionEntrySize
        else {
            throw BankError(
                .badSectionTable, offset: BankFormat.Header.sectionCount, "the section table does not fit in the file")
        }
        let tableEnd = BankFormat.headerSize + sectionCount * entrySize
        var found: [SectionID: Section] = [:]
        for index in 0..<sectionCount {
            let entry = BankFormat.headerSize + index * entrySize
            let id = SectionID(raw: storage.u32(entry + BankFormat.SectionEntry.id))
            let offset = storage.u64(entry + BankFormat.SectionEntry.offset)
            let length = storage.u64(entry + BankFormat.SectionEntry.length)
            guard offset >= UInt64(tableEnd), offset <= UInt64(trailerStart), length <= UInt64(trailerStart) - offset,
                offset % UInt64(BankFormat.alignment) == 0
            else {
                throw BankError(
                    .badSectionTable, section: id.description, offset: entry,
                    "section lies outside the file's data area or is not 8-byte aligned")
            }
            let section = Section(
                id: id, flags: storage.u32(entry + BankFormat.SectionEntry.flags), offset: Int(offset),
                length: Int(length), recordSize: Int(storage.u32(entry + BankFormat.SectionEntry.recordSize)),
                crc: storage.u32(entry + BankFormat.SectionEntry.crc))
            guard section.flags & ~BankFormat.SectionEntry.mustUnderstand == 0 else {
                throw BankError(.badSectionTable, section: id.description, offset: entry, "unknown section flags")
            }
            guard found[id] == nil else {
                throw BankError(.badSectionTable, section: id.description, offset: entry, "section appears twice")
            }
            if section.recordSize > 0, section.length % section.recordSize != 0 {
                throw BankError(
                    .badSectionTable, section: id.description, offset: entry,
                    "length \(section.length) is not a multiple of the record size \(section.recordSize)")
            }
            if !Bank.expectedRecordSizes.contains(where: { $0.key == id }),
                !Bank.optionalRecordSizes.contains(where: { $0.key == id }),
                section.flags & BankFormat.SectionEntry.mustUnderstand != 0
            {
                throw BankError(
                    .unknownRequiredSection, section: id.description, offset: entry,
                    "the bank has a section this reader does not know and must understand; use a newer reader")
            }
            found[id] = section
        }
        let ordered = found.values.sorted(by: Section.fileOrder)
        for (previous, next) in zip(ordered, ordered.dropFirst()) where previous.offset + previous.length > next.offset
        {
            throw BankError(
                .badSectionTable, section: next.id.description, offset: next.offset,
                "section overlaps section \(previous.id)")
        }
        for (id, recordSize) in Bank.expectedRecordSizes {
            guard let section = found[id] else {
                throw BankError(.missingSection, section: id.description, "required section is missing")
            }
            guard section.recordSize == recordSize else {
                throw BankError(
                    .badSectionTable, section: id.description, offset: section.offset,
                    "record size \(section.recordSize), expected \(recordSize)")
            }
            if section.length <= 1 << 16 {
                let crc = CRC32C.checksum(
                    UnsafeRawBufferPointer(start: storage.base + section.offset, count: section.length))
                guard crc == section.crc else {
                    throw BankError(
                        .checksumMismatch, section: id.description, offset: section.offset, "section checksum mismatch")
                }
            }
        }
        sections = found
        func section(_ id: SectionID) -> Section {
            found[id] ?? Section(id: id, flags: 0, offset: 0, length: 0, recordSize: 1, crc: 0)
        }
        meta = section(.meta)
        strings = section(.strings)
        areas = section(.areas)
        competences = section(.competences)
        thematics = section(.thematics)
        tubes = section(.tubes)
        skills = section(.skills)
        items = section(.items)
        choices = section(.choices)
        responses = section(.responses)
        answers = section(.answers)
        groups = section(.groups)
        media = section(.media)
        idIndex = section(.itemIDIndex)
        skillsByLevel = section(.skillsByLevel)
        discriminations = section(.discriminations)
        difficulties = section(.difficulties)
        skillPix = found[.skillPix]
        exposure = found[.exposureParameters]
        selectionIndex = found[.irtSelectionIndex]
        thetaLevels = found[.thetaLevels]
        guard meta.length >= Layout.Meta.size else {
            throw BankError(.missingSection, section: "META", offset: meta.offset, "metadata record too short")
        }
        guard idIndex.count == items.count, discriminations.count == items.count, difficulties.count == items.count
        else {
            throw BankError(
                .badReference, section: "IDIX", offset: idIndex.offset, "index lengths do not match the item count")
        }
        // Optional sections (format 1.1): record size and, up to 64 KiB, CRC-32C, as for required ones.
        for (id, recordSize) in Bank.optionalRecordSizes {
            guard let section = found[id] else { continue }
            guard section.recordSize == recordSize else {
                throw BankError(
                    .badSectionTable, section: id.description, offset: section.offset,
                    "record size \(section.recordSize), expected \(recordSize)")
            }
            if section.length <= 1 << 16 {
                let crc = CRC32C.checksum(
                    UnsafeRawBufferPointer(start: storage.base + section.offset, count: section.length))
                guard crc == section.crc else {
                    throw BankError(
                        .checksumMismatch, section: id.description, offset: section.offset, "section checksum mismatch")
                }
            }
        }
        if let skillPix, skillPix.count != skills.count {
            throw BankError(
                .badReference, section: "SKPX", offset: skillPix.offset,
                "skill pix count does not match the skill count")
        }
        if let exposure, exposure.count != items.count {
            throw BankError(
                .badReference, section: "EXPO", offset: exposure.offset,
                "\(exposure.count) exposure parameters for \(items.count) items")
        }
        if let thetaLevels, thetaLevels.count != competences.count {
            throw BankError(
                .badReference, section: "THLV", offset: thetaLevels.offset,
                "\(thetaLevels.count) θ tables for \(competences.count) competences")
        }
        if let index = selectionIndex {
            guard index.length >= IRTIndexLayout.headSize else {
                throw BankError(
                    .badSectionTable, section: "IRTX", offset: index.offset, "selection index head missing")
            }
            let points = UInt64(storage.u32(index.offset + IRTIndexLayout.points))
            let depth = UInt64(storage.u32(index.offset + IRTIndexLayout.depth))
            // u32 × u32 × 4 can exceed 64 bits in a hostile file: compare without overflowing.
            let (entries, overflow) = (points * depth).multipliedReportingOverflow(by: 4)
            guard !overflow, UInt64(index.length) == UInt64(IRTIndexLayout.headSize) + entries else {
                throw BankError(
                    .badReference, section: "IRTX", offset: index.offset,
                    "selection index of \(points) × \(depth) entries does not fill its \(index.length) bytes")
            }
        }
        let expectedLevelOffsets = competences.count * BankFormat.levelCount + 1
        guard skillsByLevel.count >= expectedLevelOffsets else {
            throw BankError(
                .badReference, section: "CLSK", offset: skillsByLevel.offset, "skills-by-level offsets are missing")
        }
    }

    /// Record size of every section this reader knows (0: not made of records).
    static let expectedRecordSizes: KeyValuePairs<SectionID, Int> = [
        .meta: 0, .strings: 0, .areas: Layout.Area.size, .competences: Layout.Competence.size,
        .thematics: Layout.Thematic.size, .tubes: Layout.Tube.size, .skills: Layout.Skill.size,
        .items: Layout.Item.size, .choices: Layout.Choice.size, .responses: Layout.Response.size,
        .answers: Layout.Answer.size, .groups: Layout.Group.size, .media: Layout.Media.size,
        .itemIDIndex: 4, .skillsByLevel: 4, .discriminations: 8, .difficulties: 8,
    ]

    /// Record size of the optional sections this reader knows (format 1.1).
    static let optionalRecordSizes: KeyValuePairs<SectionID, Int> = [
        .skillPix: 8, .exposureParameters: 8, .irtSelectionIndex: 0, .thetaLevels: Layout.ThetaLevels.size,
    ]

    // MARK: Strings

    /// The string at a reference (offset, length) in STRS; nil for "no string", "" when out of range.
    func string(at recordOffset: Int) -> String? {
        let offset = storage.u32(recordOffset)
        if offset == BankFormat.none { return nil }
        let length = Int(storage.u32(recordOffset + 4))
        guard Int(offset) <= strings.length, length <= strings.length - Int(offset) else { return "" }
        let start = storage.base + strings.offset + Int(offset)
        return String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    }

    /// Compares the string at a reference with `key`'s UTF-8 bytes, without allocating.
    func compareString(at recordOffset: Int, with key: UnsafeBufferPointer<UInt8>) -> Int {
        let offset = Int(storage.u32(recordOffset))
        let length = Int(storage.u32(recordOffset + 4))
        guard offset <= strings.length, length <= strings.length - offset else { return -1 }
        let start = (storage.base + strings.offset + offset).assumingMemoryBound(to: UInt8.self)
        let common = min(length, key.count)
        for index in 0..<common where start[index] != key[index] {
            return start[index] < key[index] ? -1 : 1
        }
        return length == key.count ? 0 : (length < key.count ? -1 : 1)
    }

    // MARK: Metadata

    /// Format version of the file, for example (1, 0).
    public var formatVersion: (major: Int, minor: Int) {
        (Int(storage.u16(BankFormat.Header.majorVersion)), Int(storage.u16(BankFormat.Header.minorVersion)))
    }

    /// Bank id from the manifest (`crcn`).
    public var id: String { string(at: meta.offset + Layout.Meta.bankID) ?? "" }
    /// Bank content version from the manifest (`1.0.0`).
    public var version: String { string(at: meta.offset + Layout.Meta.bankVersion) ?? "" }
    public var title: String { string(at: meta.offset + Layout.Meta.bankTitle) ?? "" }
    /// BCP 47 language of the bank.
    public var language: String { string(at: meta.offset + Layout.Meta.language) ?? "" }
    /// Id of the framework (`crcn`).
    public var frameworkID: String { string(at: meta.offset + Layout.Meta.frameworkID) ?? "" }
    public var frameworkVersion: String? { string(at: meta.offset + Layout.Meta.frameworkVersion) }
    public var frameworkTitle: String { string(at: meta.offset + Layout.Meta.frameworkTitle) ?? "" }
    /// BCP 47 language of the framework's titles and descriptions.
    public var frameworkLanguage: String { string(at: meta.offset + Layout.Meta.frameworkLanguage) ?? "" }
    /// The manifest's description, if any.
    public var bankDescription: String? { string(at: meta.offset + Layout.Meta.bankDescription) }
    /// The bank's locales (BCP 47), from the manifest.
    public var locales: [String] {
        (string(at: meta.offset + Layout.Meta.locales) ?? "").split(separator: " ").map(String.init)
    }
    /// The framework's open maximum level (1–8).
    public var maxLevel: Int { Int(storage.u8(meta.offset + Layout.Meta.maxLevel)) }
    /// Size of the file in bytes.
    public var byteCount: Int { storage.count }

    /// SHA-256 of the section table and sections (bytes 128 ..< trailer): identifies the content.
    public var contentDigest: String {
        SHA256Digest.hex((0..<32).map { storage.u8(BankFormat.Header.contentDigest + $0) })
    }

    /// SHA-256 of the whole file before the trailer, as stored in the trailer (hex).
    public var fileDigest: String {
        let start = storage.count - BankFormat.trailerSize
        return SHA256Digest.hex((0..<32).map { storage.u8(start + $0) })
    }

    /// A section of the file, as its table entry describes it.
    public struct SectionInfo: Hashable, Sendable {
        /// Four-character id (`ITEM`).
        public var id: String
        /// Byte offset in the file.
        public var offset: Int
        /// Length in bytes, without padding.
        public var length: Int
        /// Record size in bytes; 0 when the section is not an array of records.
        public var recordSize: Int
        /// Number of records (0 when not records).
        public var recordCount: Int
        /// CRC32C of the section's bytes.
        public var crc32c: UInt32
        /// Whether a reader that does not know the section must refuse the bank.
        public var mustUnderstand: Bool
    }

    /// A section as stored: id, flags, record size and its bytes (without padding), for tools that
    /// rewrite a bank with a section added or replaced (`itembank calibrate-exposure`).
    public struct RawSection: Sendable {
        public var id: SectionID
        public var flags: UInt32
        public var recordSize: Int
        public var payload: [UInt8]
    }

    /// Every section, in file order, with its bytes (copied).
    public var rawSections: [RawSection] {
        sections.values.sorted(by: Section.fileOrder).map {
            RawSection(
                id: $0.id, flags: $0.flags, recordSize: $0.recordSize,
                payload: Array(UnsafeRawBufferPointer(start: storage.base + $0.offset, count: $0.length)))
        }
    }

    /// The section table, in file order.
    public var sectionInfo: [SectionInfo] {
        sections.values.sorted(by: Section.fileOrder).map {
            SectionInfo(
                id: $0.id.description, offset: $0.offset, length: $0.length, recordSize: $0.recordSize,
                recordCount: $0.count, crc32c: $0.crc,
                mustUnderstand: $0.flags & BankFormat.SectionEntry.mustUnderstand != 0)
        }
    }

    // MARK: Tables

    public var areaCount: Int { areas.count }
    public var competenceCount: Int { competences.count }
    public var thematicCount: Int { thematics.count }
    public var tubeCount: Int { tubes.count }
    public var skillCount: Int { skills.count }
    public var itemCount: Int { items.count }

    public var allAreas: [AreaView] { (0..<areas.count).map { AreaView(bank: self, index: $0) } }
    public var allCompetences: [CompetenceView] {
        (0..<competences.count).map { CompetenceView(bank: self, index: $0) }
    }
    public var allTubes: [TubeView] { (0..<tubes.count).map { TubeView(bank: self, index: $0) } }
    public var allSkills: [SkillView] { (0..<skills.count).map { SkillView(bank: self, index: $0) } }
    /// Every item, sorted by skill then id.
    public var allItems: ItemCollection { ItemCollection(bank: self, range: 0..<items.count) }

    public func area(at index: Int) -> AreaView? { areas.contains(index) ? AreaView(bank: self, index: index) : nil }
    public func competence(at index: Int) -> CompetenceView? {
        competences.contains(index) ? CompetenceView(bank: self, index: index) : nil
    }
    public func tube(at index: Int) -> TubeView? { tubes.contains(index) ? TubeView(bank: self, index: index) : nil }
    public func skill(at index: Int) -> SkillView? {
        skills.contains(index) ? SkillView(bank: self, index: index) : nil
    }
    public func item(at index: Int) -> ItemView? { items.contains(index) ? ItemView(bank: self, index: index) : nil }

    /// The Sympson–Hetter exposure parameter k of each item (item order, each in [0, 1] once
    /// ``verify(_:)`` passed), from the optional EXPO section; nil when the bank has none
    /// (`itembank calibrate-exposure` writes it).
    public var exposureParameters: [Double]? {
        guard let exposure else { return nil }
        return (0..<exposure.count).map { storage.f64(exposure.record($0)) }
    }

    /// The IRT selection index stored in the optional IRTX section (docs/bank-format.md §6.19), nil when
    /// the bank has none: the grid, the list depth, the size of the IRT pool it was computed for, and
    /// the lists of bank item indices (`points × depth`, list of point g at `g × depth`).
    public var irtSelectionIndex:
        (lower: Double, upper: Double, points: Int, depth: Int, poolSize: Int, items: [UInt32])?
    {
        guard let index = selectionIndex else { return nil }
        let points = Int(storage.u32(index.offset + IRTIndexLayout.points))
        let depth = Int(storage.u32(index.offset + IRTIndexLayout.depth))
        let base = index.offset + IRTIndexLayout.headSize
        return (
            storage.f64(index.offset + IRTIndexLayout.lower), storage.f64(index.offset + IRTIndexLayout.upper),
            points, depth, Int(storage.u32(index.offset + IRTIndexLayout.poolSize)),
            (0..<(points * depth)).map { storage.u32(base + 4 * $0) }
        )
    }

    /// Whether the bank stores θ tables (its optional THLV section, written when the framework gives at
    /// least one competence a `<thetaLevels>` table); each competence's is ``CompetenceView/thetaLevels``.
    public var hasThetaLevels: Bool { thetaLevels != nil }

    /// The competence with this code (`1.1`), nil when absent.
    public func competence(code: String) -> CompetenceView? {
        allCompetences.first { $0.code == code }
    }

    /// The skill with this name (`@rechercheWeb3`), nil when absent. Linear in the number of skills.
    public func skill(named name: String) -> SkillView? {
        var key = name
        return key.withUTF8 { buffer in
            for index in 0..<skills.count
            where compareString(at: skills.record(index) + Layout.Skill.name, with: buffer) == 0 {
                return SkillView(bank: self, index: index)
            }
            return nil
        }
    }

    /// The item with this id: binary search of the id index, O(log n), no allocation.
    public func item(id: String) -> ItemView? {
        var key = id
        return key.withUTF8 { buffer -> ItemView? in
            var low = 0
            var high = idIndex.count
            while low < high {
                let mid = (low + high) / 2
                let itemIndex = Int(storage.u32(idIndex.record(mid)))
                guard items.contains(itemIndex) else { return nil }
                let order = compareString(at: items.record(itemIndex) + Layout.Item.id, with: buffer)
                if order == 0 { return ItemView(bank: self, index: itemIndex) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return nil
        }
    }

    /// Skills of a competence at a level (1–8), in tube order; empty when out of range. No allocation.
    public func skills(ofCompetence competence: Int, level: Int) -> SkillList {
        guard competences.contains(competence), (1...BankFormat.levelCount).contains(level) else {
            return SkillList(bank: self, positions: 0..<0, base: 0)
        }
        let slot = competence * BankFormat.levelCount + (level - 1)
        let start = Int(storage.u32(skillsByLevel.record(slot)))
        let end = Int(storage.u32(skillsByLevel.record(slot + 1)))
        let base = competences.count * BankFormat.levelCount + 1
        guard start <= end, base + end <= skillsByLevel.count else {
            return SkillList(bank: self, positions: 0..<0, base: 0)
        }
        return SkillList(bank: self, positions: start..<end, base: base)
    }
}

/// Skills listed in the skills-by-level index (CLSK): random access, no allocation.
public struct SkillList: RandomAccessCollection, Sendable {
    let bank: Bank
    let positions: Range<Int>
    let base: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(position: Int) -> SkillView {
        SkillView(
            bank: bank, index: Int(bank.storage.u32(bank.skillsByLevel.record(base + positions.lowerBound + position))))
    }
}

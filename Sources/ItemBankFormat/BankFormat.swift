@_exported import ItemBankVocabulary

/// Constants of the compiled bank format, shared by the writer (ItemBankCompiler) and the reader
/// (ItemBankRuntime). The normative description is docs/bank-format.md; every offset here is in bytes,
/// every integer little-endian.
public enum BankFormat {
    /// First 8 bytes of every bank: `89 49 42 4B 0D 0A 1A 0A` (`\x89IBK\r\n\x1A\n`). The high byte catches
    /// 7-bit transfers, CR LF and LF catch line-ending conversions, 0x1A stops `type` on DOS.
    public static let magic: [UInt8] = [0x89, 0x49, 0x42, 0x4B, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Last 8 bytes of every bank.
    public static let endMagic: [UInt8] = Array("IBANKEND".utf8)
    /// Format major version written by this code; readers refuse any other major.
    public static let majorVersion: UInt16 = 1
    /// Format minor version written by this code.
    public static let minorVersion: UInt16 = 1
    public static let headerSize = 128
    public static let sectionEntrySize = 32
    /// SHA-256 (32 bytes) + end magic (8 bytes).
    public static let trailerSize = 40
    /// Sections start on multiples of this.
    public static let alignment = 8
    /// "No value" for an index or a string offset.
    public static let none: UInt32 = 0xFFFF_FFFF
    /// Highest level of the framework model (CRCN: 1–8).
    public static let levelCount = 8

    /// Byte offsets of the header's fields.
    public enum Header {
        public static let magic = 0
        public static let majorVersion = 8
        public static let minorVersion = 10
        public static let minimumReaderMinor = 12
        public static let headerSize = 14
        public static let flags = 16
        public static let fileSize = 24
        public static let sectionCount = 32
        public static let sectionEntrySize = 36
        public static let sectionTableOffset = 40
        /// SHA-256 of the bytes from the end of the header to the start of the trailer.
        public static let contentDigest = 48
        /// CRC32C of header bytes 0..<124.
        public static let headerCRC = 124
    }

    /// Byte offsets inside a section-table entry.
    public enum SectionEntry {
        public static let id = 0
        public static let flags = 4
        public static let offset = 8
        public static let length = 16
        public static let recordSize = 24
        public static let crc = 28
        /// Flag: a reader that does not know this section must refuse the bank.
        public static let mustUnderstand: UInt32 = 1
    }
}

/// A four-character section id, stored as 4 ASCII bytes.
public struct SectionID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: (UInt8, UInt8, UInt8, UInt8)

    public init(_ text: StaticString) {
        precondition(text.utf8CodeUnitCount == 4, "section ids have 4 characters")
        let p = text.utf8Start
        bytes = (p[0], p[1], p[2], p[3])
    }

    public init(raw: UInt32) {
        bytes = (UInt8(raw & 0xFF), UInt8((raw >> 8) & 0xFF), UInt8((raw >> 16) & 0xFF), UInt8(raw >> 24))
    }

    /// The 4 bytes as a little-endian UInt32 (how they are compared).
    public var raw: UInt32 {
        UInt32(bytes.0) | UInt32(bytes.1) << 8 | UInt32(bytes.2) << 16 | UInt32(bytes.3) << 24
    }

    public var description: String {
        let scalars = [bytes.0, bytes.1, bytes.2, bytes.3].map {
            (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "?"
        }
        return String(scalars)
    }

    public static func == (lhs: SectionID, rhs: SectionID) -> Bool { lhs.raw == rhs.raw }
    public func hash(into hasher: inout Hasher) { hasher.combine(raw) }

    /// Bank metadata: one ``MetaLayout`` record.
    public static let meta = SectionID("META")
    /// String pool: UTF-8 (NFC) bytes, deduplicated; referenced by (offset, length).
    public static let strings = SectionID("STRS")
    public static let areas = SectionID("AREA")
    public static let competences = SectionID("COMP")
    public static let thematics = SectionID("THEM")
    public static let tubes = SectionID("TUBE")
    public static let skills = SectionID("SKIL")
    public static let items = SectionID("ITEM")
    public static let choices = SectionID("CHOI")
    public static let responses = SectionID("RESP")
    /// Accepted answers, answer-group synonyms and drop-down options: one string reference each.
    public static let answers = SectionID("ANSW")
    public static let groups = SectionID("GRUP")
    public static let media = SectionID("MDIA")
    /// Item indices sorted by item id (bytewise).
    public static let itemIDIndex = SectionID("IDIX")
    /// Skills by (competence, level): offsets then skill indices.
    public static let skillsByLevel = SectionID("CLSK")
    /// Discrimination a of each item, Float64, item order (NaN when uncalibrated).
    public static let discriminations = SectionID("CALA")
    /// Difficulty b of each item, Float64, item order (NaN when uncalibrated).
    public static let difficulties = SectionID("CALB")
    /// Pix of each skill, Float64, skill order (format 1.1; optional: readers of 1.0 skip it).
    /// See ``SkillPix``.
    public static let skillPix = SectionID("SKPX")
    /// Optional (format 1.1, must-understand clear): the Sympson–Hetter exposure parameter k of each
    /// item, Float64 in [0, 1], item order; written by `itembank calibrate-exposure`.
    public static let exposureParameters = SectionID("EXPO")
    /// Optional (format 1.1, must-understand clear): the IRT selection index, per-θ lists of the most
    /// informative items (docs/bank-format.md §6.19); written by `itembank calibrate-exposure`.
    public static let irtSelectionIndex = SectionID("IRTX")
    /// Optional (format 1.1, must-understand clear): each competence's θ table, one ``Layout/ThetaLevels``
    /// record per competence (docs/bank-format.md §6.20); written by `itembank build` when at least one
    /// competence of the framework has a `<thetaLevels>` table.
    public static let thetaLevels = SectionID("THLV")
}

/// Layout of the IRTX section: a 32-byte head, then `points × depth` UInt32 item indices.
public enum IRTIndexLayout {
    public static let headSize = 32
    /// Float64: first grid point θ (logits).
    public static let lower = 0
    /// Float64: last grid point θ (logits).
    public static let upper = 8
    /// UInt32: number of grid points (≥ 2).
    public static let points = 16
    /// UInt32: items listed per point.
    public static let depth = 20
    /// UInt32: size of the IRT pool the lists were computed for.
    public static let poolSize = 24
    /// UInt32: reserved, zero.
    public static let reserved = 28
}

/// Record sizes and field offsets of the fixed-size records (docs/bank-format.md, "Records").
/// A string reference (`StrRef`) is 8 bytes: UInt32 offset into STRS, UInt32 length; offset
/// 0xFFFFFFFF means "no string".
public enum Layout {
    public enum Meta {
        public static let size = 96
        public static let bankID = 0
        public static let bankVersion = 8
        public static let bankTitle = 16
        public static let language = 24
        public static let frameworkID = 32
        public static let frameworkVersion = 40
        public static let frameworkTitle = 48
        public static let maxLevel = 56
        public static let frameworkLanguage = 64
        public static let bankDescription = 72
        /// Space-separated BCP 47 locales of the bank.
        public static let locales = 80
    }

    public enum Area {
        public static let size = 24
        public static let code = 0
        public static let title = 8
        public static let firstCompetence = 16
        public static let competenceCount = 20
    }

    public enum Competence {
        public static let size = 56
        public static let code = 0
        public static let title = 8
        public static let description = 16
        public static let area = 24
        public static let firstThematic = 28
        public static let thematicCount = 32
        public static let firstSkill = 36
        public static let skillCount = 40
        public static let firstItem = 44
        public static let itemCount = 48
    }

    public enum Thematic {
        public static let size = 32
        public static let id = 0
        public static let title = 8
        public static let competence = 16
        public static let firstTube = 20
        public static let tubeCount = 24
    }

    public enum Tube {
        public static let size = 40
        public static let name = 0
        public static let title = 8
        public static let description = 16
        public static let thematic = 24
        public static let competence = 28
        public static let firstSkill = 32
        public static let skillCount = 36
    }

    public enum Skill {
        public static let size = 48
        public static let name = 0
        public static let description = 8
        public static let externalID = 16
        public static let tube = 24
        public static let competence = 28
        public static let level = 32
        public static let status = 33
        public static let firstItem = 36
        public static let itemCount = 40
    }

    public enum Item {
        public static let size = 136
        public static let id = 0
        public static let language = 8
        public static let stem = 16
        public static let stemPlain = 24
        public static let solution = 32
        public static let prototype = 40
        public static let skill = 48
        public static let type = 52
        public static let status = 53
        public static let genealogy = 54
        public static let flags = 55
        public static let timer = 56
        public static let version = 60
        public static let firstChoice = 64
        public static let choiceCount = 68
        public static let firstResponse = 72
        public static let responseCount = 76
        public static let firstGroup = 80
        public static let groupCount = 84
        public static let groupTolerances = 88
        public static let requiredCount = 92
        public static let firstMedia = 96
        public static let mediaCount = 100
        public static let embedURL = 104
        public static let embedTitle = 112
        public static let embedHeight = 120
        public static let locales = 128

        public static let flagFocusable: UInt8 = 1
        public static let flagShuffle: UInt8 = 2
        public static let flagCalibrated: UInt8 = 4
    }

    public enum Choice {
        public static let size = 24
        public static let text = 0
        public static let id = 8
        public static let flags = 16
        public static let flagKey: UInt8 = 1
    }

    public enum Response {
        public static let size = 48
        public static let id = 0
        public static let label = 8
        public static let placeholder = 16
        public static let item = 24
        public static let kind = 28
        public static let format = 29
        public static let tolerances = 30
        public static let firstAnswer = 32
        public static let answerCount = 36
        public static let firstOption = 40
        public static let optionCount = 44
    }

    public enum Answer {
        public static let size = 8
        public static let text = 0
    }

    public enum Group {
        public static let size = 8
        public static let firstAnswer = 0
        public static let answerCount = 4
    }

    /// A THLV record: the θ thresholds (Float64, logits) of levels 1 to 8 of one competence, COMP order.
    /// Levels 1…k hold finite, strictly increasing values, the others NaN (k = 0: the competence has no
    /// table).
    public enum ThetaLevels {
        public static let size = 64
        /// Offset of the threshold of `level` (1–8).
        public static func threshold(level: Int) -> Int { 8 * (level - 1) }
    }

    public enum Media {
        public static let size = 24
        public static let path = 0
        public static let text = 8
        public static let kind = 16
        public static let flags = 17
        public static let flagDecorative: UInt8 = 1
    }
}

/// Stable numeric codes of enumerations: the code of each case is its position in the table. Values
/// are never reused: a new case takes a new number. The field's enumerations own their codes
/// (``StableCode``, ItemBankVocabulary); these tables are derived from them.
public enum Codes {
    /// Item type: qcu 0, qcm 1, qroc 2, qrocm-ind 3, qrocm-dep 4 (``ItemType``).
    public static let itemTypes = ItemType.codeTable
    /// Item status: proposed 0, validated 1, archived 2, obsolete 3 (``ItemStatus``).
    public static let itemStatuses = ItemStatus.codeTable
    /// Genealogy: prototype 0, variant 1 (``Genealogy``).
    public static let genealogies = Genealogy.codeTable
    /// Skill status: active 0, in-construction 1, archived 2, obsolete 3 (``SkillStatus``).
    public static let skillStatuses = SkillStatus.codeTable
    /// Response kind: text 0, dropdown 1.
    public static let responseKinds = ["text", "dropdown"]
    /// Response format: short 0, words 1, sentence 2, paragraph 3, number 4 (``ResponseFormat``).
    public static let responseFormats = ResponseFormat.codeTable
    /// Media kind: illustration 0, attachment 1.
    public static let mediaKinds = ["illustration", "attachment"]
}

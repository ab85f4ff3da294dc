/// An enumeration of the field with a stable one-byte code in compiled banks (docs/bank-format.md,
/// "Enumeration codes").
///
/// The raw value is the name written in the XML sources and in JSON (`qrocm-dep`); the code is what a
/// compiled bank stores. Codes are never reused: a new case takes a new number, so a reader can tell an
/// unknown code from a known one.
public protocol StableCode: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    /// The code stored in a compiled bank.
    var code: UInt8 { get }
}

extension StableCode {
    /// The case whose code is `code`, nil for a code this version does not know.
    public init?(code: UInt8) {
        guard let match = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    /// The raw values indexed by code (`codeTable[Int(code)] == rawValue`): the string table
    /// docs/bank-format.md prints. Codes are dense from 0.
    public static var codeTable: [String] {
        Self.allCases.sorted { $0.code < $1.code }.map(\.rawValue)
    }
}

/// The five Pix item types.
public enum ItemType: String, StableCode, Codable {
    /// Single choice: exactly one key among the choices. Code 0.
    case qcu
    /// Multiple choice: all and only the keys, no partial credit. Code 1.
    case qcm
    /// One open response with its accepted answers. Code 2.
    case qroc
    /// Several independent responses; right only if each one is right. Code 3.
    case qrocmInd = "qrocm-ind"
    /// Several responses matched, as an unordered set, to distinct answer groups. Code 4.
    case qrocmDep = "qrocm-dep"

    /// Whether the item is answered by picking choices (qcu, qcm) rather than typing responses.
    public var hasChoices: Bool { self == .qcu || self == .qcm }

    public var code: UInt8 {
        switch self {
        case .qcu: 0
        case .qcm: 1
        case .qroc: 2
        case .qrocmInd: 3
        case .qrocmDep: 4
        }
    }
}

/// Lifecycle of an item. "Operative" items are validated or archived.
public enum ItemStatus: String, StableCode, Codable {
    /// Written, not yet reviewed. Code 0.
    case proposed
    /// Reviewed: served to learners. Code 1.
    case validated
    /// No longer served in new tests; past answers still count. Code 2.
    case archived
    /// Withdrawn: never served, past answers do not count. Code 3.
    case obsolete

    public var code: UInt8 {
        switch self {
        case .proposed: 0
        case .validated: 1
        case .archived: 2
        case .obsolete: 3
        }
    }
}

/// Lifecycle of a skill. Only `active` skills are used by tests.
public enum SkillStatus: String, StableCode, Codable {
    /// Code 0.
    case active
    /// Code 1.
    case inConstruction = "in-construction"
    /// Code 2.
    case archived
    /// Code 3.
    case obsolete

    public var code: UInt8 {
        switch self {
        case .active: 0
        case .inConstruction: 1
        case .archived: 2
        case .obsolete: 3
        }
    }
}

/// Prototype (the reference item of a skill) or variant (déclinaison) of a prototype.
public enum Genealogy: String, StableCode, Codable {
    /// Code 0.
    case prototype
    /// Code 1.
    case variant

    public var code: UInt8 {
        switch self {
        case .prototype: 0
        case .variant: 1
        }
    }
}

/// Size and kind of a typed response's input field.
public enum ResponseFormat: String, StableCode, Codable {
    /// Code 0.
    case short
    /// Code 1.
    case words
    /// Code 2.
    case sentence
    /// Code 3.
    case paragraph
    /// Answers are compared as numbers (``AnswerNumber``): "7" = "7,0" = "07". Code 4.
    case number

    public var code: UInt8 {
        switch self {
        case .short: 0
        case .words: 1
        case .sentence: 2
        case .paragraph: 3
        case .number: 4
        }
    }
}

/// Answer-comparison tolerances (Pix's t1, t2, t3), applied by ``Tolerance``.
///
/// - t1: lower case, no diacritics, no whitespace at all (``Tolerance/t1(_:)``).
/// - t2: no punctuation: every character that is not a letter, digit or space goes (``Tolerance/t2(_:)``).
/// - t3: a typo is forgiven: edit distance at most 25 % of the answer's length
///   (``Tolerance/isWithinTypoTolerance(_:of:)``).
///
/// The raw value is the byte a compiled bank stores: bit 0 t1, bit 1 t2, bit 2 t3.
public struct Tolerances: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let t1 = Tolerances(rawValue: 1 << 0)
    public static let t2 = Tolerances(rawValue: 1 << 1)
    public static let t3 = Tolerances(rawValue: 1 << 2)
    /// t1, t2 and t3: the default of a typed response.
    public static let all: Tolerances = [.t1, .t2, .t3]

    /// Reads the byte of a compiled bank; bits other than the three tolerances are ignored.
    public init(code: UInt8) { self.init(rawValue: code & Tolerances.all.rawValue) }

    /// Parses the space-separated form of the XML (`"t1 t3"`); nil on an unknown token.
    public init?(list: String) {
        var value: Tolerances = []
        for token in list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            switch token {
            case "t1": value.insert(.t1)
            case "t2": value.insert(.t2)
            case "t3": value.insert(.t3)
            default: return nil
            }
        }
        self = value
    }

    /// The space-separated form, `"t1 t2 t3"`.
    public var list: String {
        [(Tolerances.t1, "t1"), (.t2, "t2"), (.t3, "t3")].filter { contains($0.0) }.map(\.1).joined(separator: " ")
    }
}

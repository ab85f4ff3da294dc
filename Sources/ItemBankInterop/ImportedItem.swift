import Foundation
import ItemBankModel

/// A question read from a foreign format, in the project's terms, ready to be written as an item file.
///
/// Text fields hold markup of the item format's subset (`p`, `ul`, `ol`, `li`, `em`, `strong`, `code`,
/// `a`, `br`, `blank`), already XML-escaped: see ``FlowText``.
public struct ImportedItem: Hashable, Sendable {
    /// The item id (pattern `[A-Za-z0-9][A-Za-z0-9_.-]*`), unique in the import.
    public var id: String
    /// The question's identifier in its source (QTI `identifier`, Moodle name, GIFT title), for the report
    /// and the skill map.
    public var sourceIdentifier: String
    public var type: ItemType
    /// The skill (`@tube3`), nil when neither the skill map nor `--skill` gives one: never invented.
    public var skill: String?
    public var status: ItemStatus
    /// `xml:lang` of the item (one of the item format's locales).
    public var language: String
    /// The item's version (`version`), from a content package's LOM `lifeCycle/version` when it is a
    /// positive integer; nil otherwise.
    public var version: Int?
    public var stem: FlowText
    public var illustration: ImportedIllustration?
    public var choices: [ImportedChoice]
    public var shuffle: Bool
    public var responses: [ImportedResponse]
    /// The answer groups of a qrocm-dep (its responses have no accepted answers of their own).
    public var answerGroups: ImportedAnswerGroups?
    public var solution: FlowText?
    /// Folder under the bank's items folder (Moodle / GIFT categories), "" for none.
    public var folder: String
    /// Where the question starts in its source file.
    public var source: SourceLocation

    public init(
        id: String, sourceIdentifier: String, type: ItemType, skill: String? = nil, status: ItemStatus = .proposed,
        language: String, stem: FlowText, illustration: ImportedIllustration? = nil, choices: [ImportedChoice] = [],
        shuffle: Bool = false, responses: [ImportedResponse] = [], answerGroups: ImportedAnswerGroups? = nil,
        solution: FlowText? = nil, folder: String = "", source: SourceLocation
    ) {
        self.answerGroups = answerGroups
        self.id = id
        self.sourceIdentifier = sourceIdentifier
        self.type = type
        self.skill = skill
        self.status = status
        self.language = language
        self.stem = stem
        self.illustration = illustration
        self.choices = choices
        self.shuffle = shuffle
        self.responses = responses
        self.solution = solution
        self.folder = folder
        self.source = source
    }
}

/// An image of an imported item: where it is in the source and where it goes in the bank's media folder.
public struct ImportedIllustration: Hashable, Sendable {
    /// Absolute path (or path inside a zip, after extraction) of the source file; for an image
    /// written as a `data:` URL, the path of the source document.
    public var sourcePath: String
    /// Path relative to the bank's media folder: the reader gives the file name, the importer puts it
    /// under ``ImportOptions/mediaFolder``.
    public var mediaPath: String
    public var alternative: String
    /// The image's bytes once read (from a `data:` URL, or from a zip package while it is extracted), so
    /// that no temporary copy outlives ``Importer/read(_:)``; nil: read from ``sourcePath`` when written.
    public var data: Data?

    public init(sourcePath: String, mediaPath: String, alternative: String, data: Data? = nil) {
        self.sourcePath = sourcePath
        self.mediaPath = mediaPath
        self.alternative = alternative
        self.data = data
    }
}

/// A choice of an imported qcu / qcm; `text` is inline markup.
public struct ImportedChoice: Hashable, Sendable {
    public var id: String?
    public var isKey: Bool
    public var text: String

    public init(id: String?, isKey: Bool, text: String) {
        self.id = id
        self.isKey = isKey
        self.text = text
    }
}

/// The answer groups of an imported qrocm-dep: the responses are right when they reach `count` distinct
/// groups, each answer compared under `tolerances`.
public struct ImportedAnswerGroups: Hashable, Sendable {
    /// Accepted answers of each group, plain text.
    public var groups: [[String]]
    /// Number of groups to reach.
    public var count: Int
    public var tolerances: Tolerances

    public init(groups: [[String]], count: Int, tolerances: Tolerances) {
        self.groups = groups
        self.count = count
        self.tolerances = tolerances
    }
}

/// A response of an imported qroc / qrocm-ind: a typed field or a drop-down.
public struct ImportedResponse: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text(format: ResponseFormat, tolerances: Tolerances)
        case dropdown(options: [String])
    }

    public var id: String
    public var kind: Kind
    /// Accepted answers, plain text.
    public var acceptedAnswers: [String]

    public init(id: String, kind: Kind, acceptedAnswers: [String]) {
        self.id = id
        self.kind = kind
        self.acceptedAnswers = acceptedAnswers
    }
}

/// Flow content of the item format: a sequence of blocks, each a paragraph of inline markup or a list.
public struct FlowText: Hashable, Sendable {
    public enum Block: Hashable, Sendable {
        /// Inline markup (text escaped, `em`, `strong`, `code`, `a`, `br`, `blank`).
        case paragraph(String)
        case list(ordered: Bool, items: [String])
    }

    public var blocks: [Block]

    public init(blocks: [Block]) { self.blocks = blocks }

    /// One paragraph of plain text (escaped here).
    public init(plain: String) {
        let text = FlowText.collapse(plain)
        blocks = text.isEmpty ? [] : [.paragraph(RichText.escape(text))]
    }

    public var isEmpty: Bool { blocks.isEmpty }

    /// The text without markup, whitespace collapsed (for ids and the report).
    public var plain: String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let markup): parts.append(FlowText.strip(markup))
            case .list(_, let items): parts += items.map(FlowText.strip)
            }
        }
        return FlowText.collapse(parts.joined(separator: " "))
    }

    /// Collapses runs of XML whitespace (space, tab, CR, LF) to one space and trims; no-break spaces
    /// (U+00A0, U+202F: French typography) are kept.
    public static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    /// The text of inline markup: tags removed, as the item model reads it (`<br/>` a space, a blank
    /// ` … `), entities decoded.
    static func strip(_ markup: String) -> String {
        var out = ""
        var tag = ""
        var inTag = false
        for character in markup {
            if character == "<" {
                inTag = true
                tag = ""
            } else if character == ">" {
                inTag = false
                if tag.hasPrefix("br") { out += " " } else if tag.hasPrefix("blank") { out += " … " }
            } else if inTag {
                tag.append(character)
            } else {
                out.append(character)
            }
        }
        return
            out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

@_exported import ItemBankVocabulary

// The field's enumerations (`ItemType`, `ItemStatus`, `Genealogy`, `ResponseFormat`, `Tolerances`) live in
// ItemBankVocabulary, re-exported here so that `import ItemBankModel` keeps offering them.

/// Text with the inline markup subset of the item format.
public struct RichText: Hashable, Sendable {
    /// The text as a learner reads it, markup removed, whitespace collapsed.
    public var plain: String
    /// The text with its markup, as an XHTML fragment without namespace
    /// (`<p>Quelle valeur affiche <code>=SOMME(A1:A3)</code> ?</p>`); blanks are `<blank response="id"/>`.
    public var markup: String

    /// Ids of the responses placed by `<blank response="id"/>`, in order.
    public var blanks: [String]

    public init(plain: String, markup: String, blanks: [String] = []) {
        self.plain = plain
        self.markup = markup
        self.blanks = blanks
    }

    /// Plain text without markup (markup = the text, XML-escaped).
    public init(_ plain: String) {
        self.plain = plain
        self.markup = RichText.escape(plain)
        self.blanks = []
    }

    /// Escapes `&`, `<` and `>` for XML text content.
    public static func escape(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Escapes `&`, `<`, `>` and `"` for an XML attribute value (between double quotes).
    public static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// One choice of a qcu / qcm.
public struct Choice: Hashable, Sendable {
    /// Optional id, unique in the item.
    public var id: String?
    /// Whether this choice is a key (a correct choice); otherwise it is a distractor.
    public var isKey: Bool
    public var text: RichText
    public var location: SourceLocation

    public init(id: String? = nil, isKey: Bool, text: RichText, location: SourceLocation) {
        self.id = id
        self.isKey = isKey
        self.text = text
        self.location = location
    }
}

/// An accepted answer (or a drop-down option) and where it is written.
public struct AcceptedAnswer: Hashable, Sendable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// A response of a qroc / qrocm: an input field or a drop-down.
public struct Response: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A typed answer, compared with the given tolerances.
        case text(format: ResponseFormat, tolerances: Tolerances)
        /// A drop-down with its options; no tolerance applies.
        case dropdown(options: [AcceptedAnswer])
    }

    /// Id, unique in the item; the stem's `<blank response="id"/>` names it.
    public var id: String
    public var kind: Kind
    /// Accepted answers (empty for a qrocm-dep response: its answers are in the groups).
    public var acceptedAnswers: [AcceptedAnswer]
    public var label: String?
    public var placeholder: String?
    public var location: SourceLocation

    public init(
        id: String, kind: Kind, acceptedAnswers: [AcceptedAnswer], label: String? = nil, placeholder: String? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.kind = kind
        self.acceptedAnswers = acceptedAnswers
        self.label = label
        self.placeholder = placeholder
        self.location = location
    }

    public var isDropdown: Bool {
        if case .dropdown = kind { return true }
        return false
    }
}

/// An answer group of a qrocm-dep: synonyms that count as one right answer.
public struct AnswerGroup: Hashable, Sendable {
    public var acceptedAnswers: [AcceptedAnswer]
    public var location: SourceLocation

    public init(acceptedAnswers: [AcceptedAnswer], location: SourceLocation) {
        self.acceptedAnswers = acceptedAnswers
        self.location = location
    }
}

/// The answer groups of a qrocm-dep.
public struct AnswerGroups: Hashable, Sendable {
    public var groups: [AnswerGroup]
    /// Number of right answers required; nil means "as many as there are responses".
    public var count: Int?
    public var tolerances: Tolerances
    public var location: SourceLocation

    public init(groups: [AnswerGroup], count: Int?, tolerances: Tolerances, location: SourceLocation) {
        self.groups = groups
        self.count = count
        self.tolerances = tolerances
        self.location = location
    }
}

/// 2PL IRT parameters: P(θ) = 1 / (1 + exp(a·(b − θ))), θ in logits.
public struct Calibration: Hashable, Sendable, Codable {
    /// Discrimination a (slope), > 0.
    public var discrimination: Double
    /// Difficulty b, in logits.
    public var difficulty: Double
    /// Number of responses of the calibration that produced the values (`n`), when recorded.
    public var responses: Int?
    /// Date of that calibration (`date`, YYYY-MM-DD), when recorded.
    public var date: String?
    /// Item fit of that calibration (`fit`, infit mean square), when recorded.
    public var fit: Double?
    /// p-value of the fit (`p`), when recorded.
    public var fitP: Double?
    /// True when the item is an anchor (`anchor="true"`): held fixed by later calibrations.
    public var isAnchor: Bool

    public init(
        discrimination: Double, difficulty: Double, responses: Int? = nil, date: String? = nil, fit: Double? = nil,
        fitP: Double? = nil, isAnchor: Bool = false
    ) {
        self.discrimination = discrimination
        self.difficulty = difficulty
        self.responses = responses
        self.date = date
        self.fit = fit
        self.fitP = fitP
        self.isAnchor = isAnchor
    }
}

/// An image shown with the stem.
public struct Illustration: Hashable, Sendable {
    /// Path relative to the bank's media folder.
    public var source: String
    /// Text alternative (WCAG 1.1.1); empty only for a decorative image.
    public var alternative: String
    public var isDecorative: Bool
    public var location: SourceLocation

    public init(source: String, alternative: String, isDecorative: Bool = false, location: SourceLocation) {
        self.source = source
        self.alternative = alternative
        self.isDecorative = isDecorative
        self.location = location
    }
}

/// A file the learner downloads to answer.
public struct Attachment: Hashable, Sendable {
    /// Path relative to the bank's media folder.
    public var source: String
    public var title: String?
    public var location: SourceLocation

    public init(source: String, title: String? = nil, location: SourceLocation) {
        self.source = source
        self.title = title
        self.location = location
    }
}

/// An interactive page shown in a frame.
public struct Embed: Hashable, Sendable {
    /// Absolute https URL.
    public var url: String
    /// Frame title for assistive technologies.
    public var title: String
    /// Height in CSS pixels.
    public var height: Int?
    public var location: SourceLocation

    public init(url: String, title: String, height: Int? = nil, location: SourceLocation) {
        self.url = url
        self.title = title
        self.height = height
        self.location = location
    }
}

/// An item (épreuve): one question measuring one skill.
public struct Item: Hashable, Sendable {
    public var id: String
    /// Skill name, `@tube` + level digit.
    public var skill: String
    public var type: ItemType
    public var status: ItemStatus
    /// BCP 47 language of the content (`xml:lang`).
    public var language: String
    public var genealogy: Genealogy
    /// For a variant: the id of its prototype.
    public var prototype: String?
    public var version: Int?
    /// Time allowed, in seconds.
    public var timer: Int?
    public var isFocusable: Bool
    /// Locales the item is served in; empty means its `language`.
    public var locales: [String]
    public var stem: RichText
    public var illustration: Illustration?
    public var attachments: [Attachment]
    public var embed: Embed?
    /// Choices of a qcu / qcm, in document order (numbered from 1).
    public var choices: [Choice]
    /// Whether choices are shown in a random order.
    public var shufflesChoices: Bool
    /// Responses of a qroc / qrocm, in document order.
    public var responses: [Response]
    /// Answer groups of a qrocm-dep.
    public var answerGroups: AnswerGroups?
    public var calibration: Calibration?
    /// Explanation shown after answering.
    public var solution: RichText?
    /// Location of the root element.
    public var location: SourceLocation
    /// Location of the `skill` attribute's value.
    public var skillLocation: SourceLocation
    /// Location of the `id` attribute's value.
    public var idLocation: SourceLocation
    /// Whether the file had a `<choices>` element (even an invalid one).
    public var hasChoicesElement: Bool
    /// Whether the file had a `<responses>` element.
    public var hasResponsesElement: Bool
    /// Where `<calibration>` is written, when present.
    public var calibrationLocation: SourceLocation?
    /// Where the `prototype` attribute's value is written, when present.
    public var prototypeLocation: SourceLocation?
    /// Links (`<a href>`) anywhere in the item, in document order.
    public var links: [Link]
    /// The file's text as written, run by run (empty for an item not read from a file): what the
    /// typography and wording rules check, with exact byte offsets for their fix-its.
    public var textRuns: [TextRun]
    /// The file's line table (unknown for an item not read from a file): the text rules keep byte
    /// offsets and turn them into `line:column` with it when they make a diagnostic
    /// (``sourceLocation(ofOffset:)``).
    public var lines: LineTable
    /// Where `<choices>` is written, when present (a missing key is reported there).
    public var choicesLocation: SourceLocation?

    public init(
        id: String, skill: String, type: ItemType, status: ItemStatus, language: String,
        genealogy: Genealogy = .prototype, prototype: String? = nil, version: Int? = nil, timer: Int? = nil,
        isFocusable: Bool = false, locales: [String] = [], stem: RichText, illustration: Illustration? = nil,
        attachments: [Attachment] = [], embed: Embed? = nil, choices: [Choice] = [], shufflesChoices: Bool = false,
        responses: [Response] = [], answerGroups: AnswerGroups? = nil, calibration: Calibration? = nil,
        solution: RichText? = nil, location: SourceLocation, skillLocation: SourceLocation? = nil,
        idLocation: SourceLocation? = nil, hasChoicesElement: Bool? = nil, hasResponsesElement: Bool? = nil,
        calibrationLocation: SourceLocation? = nil, prototypeLocation: SourceLocation? = nil, links: [Link] = [],
        textRuns: [TextRun] = [], lines: LineTable = LineTable(), choicesLocation: SourceLocation? = nil
    ) {
        self.id = id
        self.skill = skill
        self.type = type
        self.status = status
        self.language = language
        self.genealogy = genealogy
        self.prototype = prototype
        self.version = version
        self.timer = timer
        self.isFocusable = isFocusable
        self.locales = locales
        self.stem = stem
        self.illustration = illustration
        self.attachments = attachments
        self.embed = embed
        self.choices = choices
        self.shufflesChoices = shufflesChoices
        self.responses = responses
        self.answerGroups = answerGroups
        self.calibration = calibration
        self.solution = solution
        self.location = location
        self.skillLocation = skillLocation ?? location
        self.idLocation = idLocation ?? location
        self.hasChoicesElement = hasChoicesElement ?? !choices.isEmpty
        self.hasResponsesElement = hasResponsesElement ?? !responses.isEmpty
        self.calibrationLocation = calibrationLocation
        self.choicesLocation = choicesLocation
        self.prototypeLocation = prototypeLocation
        self.links = links
        self.textRuns = textRuns
        self.lines = lines
    }

    /// 1-based positions of the keys among the choices.
    public var keyPositions: [Int] { choices.indices.filter { choices[$0].isKey }.map { $0 + 1 } }
}

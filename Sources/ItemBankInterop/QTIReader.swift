import Foundation
import ItemBankModel
import ItemBankXML

/// The QTI versions the importer reads, named by their XML namespace.
public enum QTIVersion: String, Hashable, Sendable, CaseIterable, Codable {
    case v2p0 = "2.0"
    case v2p1 = "2.1"
    case v2p2 = "2.2"
    case v3p0 = "3.0"

    /// The version whose item namespace is `namespace`, nil for another.
    public init?(namespace: String?) {
        switch namespace {
        case "http://www.imsglobal.org/xsd/imsqti_v2p0": self = .v2p0
        case "http://www.imsglobal.org/xsd/imsqti_v2p1": self = .v2p1
        case "http://www.imsglobal.org/xsd/imsqti_v2p2": self = .v2p2
        case "http://www.imsglobal.org/xsd/imsqtiasi_v3p0": self = .v3p0
        default: return nil
        }
    }

    /// `maxChoices` of a `choiceInteraction` when the attribute is absent: 0 (no limit) in the 2.0 and
    /// 2.1 XSDs, 1 in 2.2 and 3.0.
    public var defaultMaxChoices: Int {
        switch self {
        case .v2p0, .v2p1: 0
        case .v2p2, .v3p0: 1
        }
    }
}

/// Reads one QTI 2.x / 3.0 `assessmentItem` into an ``ImportedItem``.
///
/// QTI 3.0's names (`qti-choice-interaction`, `max-choices`) are read as their 2.x equivalents
/// (`choiceInteraction`, `maxChoices`): the two versions share one reader.
///
/// Mapping: `choiceInteraction` → qcu (cardinality single, or `maxChoices` 1) / qcm; one
/// `textEntryInteraction` → qroc, several (with `inlineChoiceInteraction`s) → qrocm-ind;
/// `correctResponse` values and positive `mapping` entries → accepted answers; `caseSensitive="false"` →
/// tolerance t1. Every other interaction is reported as unsupported with its location.
public enum QTIReader {
    static let supported: Set<String> = ["choiceInteraction", "textEntryInteraction", "inlineChoiceInteraction"]

    /// QTI 3.0 kebab-case names (`qti-choice-interaction`, `response-identifier`) to 2.x camel case.
    static func normalized(_ element: SourceElement) -> SourceElement {
        var copy = element
        copy.name = camel(element.name, dropPrefix: true)
        copy.attributes = element.attributes.map {
            var attribute = $0
            if attribute.namespace == nil { attribute.name = camel(attribute.name, dropPrefix: false) }
            return attribute
        }
        copy.children = element.children.map {
            if case .element(let child) = $0 { return .element(normalized(child)) }
            return $0
        }
        return copy
    }

    private static func camel(_ name: String, dropPrefix: Bool) -> String {
        guard name.contains("-") else { return name }
        var parts = name.split(separator: "-").map(String.init)
        if dropPrefix, parts.first == "qti" { parts.removeFirst() }
        guard let first = parts.first else { return name }
        return first + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Reads an item whose root is `assessmentItem` (already normalised for 3.0).
    /// - Parameters:
    ///   - mediaFolder: folder under the bank's media folder where the item's images go.
    ///   - defaultLanguage: the item language when the source has no `xml:lang`.
    public static func item(
        _ root: SourceElement, version: QTIVersion, path: String, defaultLanguage: String
    ) -> (ImportedItem?, [Diagnostic], reason: String?) {
        var diagnostics: [Diagnostic] = []
        let identifier = root.attribute("identifier") ?? baseName(path)
        let declarations = Dictionary(
            root.elements(named: "responseDeclaration").compactMap { element in
                element.attribute("identifier").map { ($0, element) }
            }, uniquingKeysWith: { first, _ in first })
        if let template = root.element(named: "templateDeclaration") {
            diagnostics.append(
                unsupported(template, "template variables (cloned items) are not supported by the item format"))
            return (nil, diagnostics, "template processing")
        }
        guard let body = root.element(named: "itemBody") else {
            diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .error, location: root.location,
                    message: "the item has no itemBody", help: "nothing to import"))
            return (nil, diagnostics, "no itemBody")
        }
        let interactions = body.descendants.filter { $0.name.hasSuffix("Interaction") }
        let unsupportedOnes = interactions.filter { !supported.contains($0.name) }
        for interaction in unsupportedOnes {
            diagnostics.append(
                unsupported(
                    interaction,
                    "\(interaction.name) is not supported: the item format has choices (qcu, qcm), typed responses and drop-downs"
                ))
        }
        if !unsupportedOnes.isEmpty {
            return (
                nil, diagnostics, "unsupported " + Set(unsupportedOnes.map(\.name)).sorted().joined(separator: ", ")
            )
        }
        let choiceInteractions = interactions.filter { $0.name == "choiceInteraction" }
        let openInteractions = interactions.filter { $0.name != "choiceInteraction" }
        if interactions.isEmpty {
            diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .error, location: body.location,
                    message: "the item body has no interaction", help: "an item needs a question to answer"))
            return (nil, diagnostics, "no interaction")
        }
        if choiceInteractions.count > 1 || (!choiceInteractions.isEmpty && !openInteractions.isEmpty) {
            let second = choiceInteractions.count > 1 ? choiceInteractions[1] : openInteractions[0]
            diagnostics.append(
                unsupported(
                    second,
                    "the item combines \(choiceInteractions.count) choice interaction(s) with \(openInteractions.count) other(s): an item of the format is one qcu/qcm or one set of responses"
                ))
            return (nil, diagnostics, "composite item")
        }
        // Feedback and custom response processing: reported, the item is imported without them.
        for element in root.descendants
        where ["modalFeedback", "feedbackInline", "feedbackBlock"].contains(element.name) {
            diagnostics.append(
                notMapped(element, "\(element.name) is not imported (the item format's feedback is per outcome)"))
        }
        var answerGroups = Self.answerGroups(root.element(named: "responseProcessing"))
        if let processing = root.element(named: "responseProcessing"), answerGroups == nil {
            let template = processing.attribute("template") ?? ""
            // All-or-nothing scoring of the declared answers (what itembank export writes: every
            // response's mapping reaches 1, or matches its correct response) loses nothing.
            let allOrNothing: Set<String> = [
                "responseCondition", "responseIf", "responseElse", "and", "gte", "mapResponse", "match", "variable",
                "correct", "baseValue", "setOutcomeValue",
            ]
            let values = processing.descendants.filter { $0.name == "baseValue" }.map { DOMText.trim($0.text) }
            let isAllOrNothing =
                processing.descendants.allSatisfy { allOrNothing.contains($0.name) }
                && values.allSatisfy { $0 == "0" || $0 == "1" }
            if template.isEmpty, !processing.elements.isEmpty, !isAllOrNothing {
                diagnostics.append(
                    notMapped(
                        processing,
                        "custom responseProcessing is not imported: the key is read from correctResponse and mapping"))
            }
        }
        var language = root.language ?? ""
        if let mapped = Locales.map(language) {
            if mapped != language {
                diagnostics.append(
                    notMapped(
                        root,
                        "xml:lang \"\(language)\" is written as \"\(mapped)\", the nearest locale of the item format"))
            }
            language = mapped
        } else {
            diagnostics.append(
                Diagnostic(
                    ruleID: "import.language", severity: .info, location: root.location,
                    message: language.isEmpty
                        ? "no xml:lang: the item is written in \(defaultLanguage) (--language)"
                        : "xml:lang \"\(language)\" is not a locale of the item format: written as \(defaultLanguage) (--language)"
                ))
            language = defaultLanguage
        }

        var responses: [ImportedResponse] = []
        var blanks: [String: String] = [:]
        var responseIDs = Identifiers()
        for interaction in openInteractions {
            let reference = interaction.attribute("responseIdentifier") ?? ""
            let id = responseIDs.localName(from: reference, fallback: "reponse")
            blanks[reference] = id
            let declaration = declarations[reference]
            if declaration == nil {
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.unsupported", severity: .error, location: interaction.location,
                        message: "responseIdentifier \"\(reference)\" has no responseDeclaration"))
            }
            if interaction.name == "textEntryInteraction" {
                let (answers, caseInsensitive, answerDiagnostics) = acceptedAnswers(
                    declaration, interaction: interaction)
                diagnostics += answerDiagnostics
                let baseType = declaration?.attribute("baseType") ?? "string"
                let format: ResponseFormat =
                    (baseType == "integer" || baseType == "float")
                    ? .number : format(expectedLength: interaction.attribute("expectedLength").flatMap { Int($0) })
                // t2 / t3 as itembank export writes them: class tokens itembank-t2, itembank-t3.
                var tolerances: Tolerances = caseInsensitive ? [.t1] : []
                let classes = (interaction.attribute("class") ?? "").split(separator: " ")
                if classes.contains("itembank-t2") { tolerances.insert(.t2) }
                if classes.contains("itembank-t3") { tolerances.insert(.t3) }
                responses.append(
                    ImportedResponse(
                        id: id, kind: .text(format: format, tolerances: tolerances),
                        acceptedAnswers: format == .number
                            ? answers.map { localNumber($0, language: language) } : answers))
            } else {
                let choices = interaction.elements(named: "inlineChoice")
                let keys = Set(correctValues(declaration))
                let options = choices.map { FlowText.collapse($0.text) }
                let accepted = choices.filter { keys.contains($0.attribute("identifier") ?? "") }.map {
                    FlowText.collapse($0.text)
                }
                if accepted.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            ruleID: "import.no-key", severity: .warning, location: interaction.location,
                            message: "inlineChoiceInteraction \"\(reference)\" has no correctResponse among its choices"
                        ))
                }
                responses.append(ImportedResponse(id: id, kind: .dropdown(options: options), acceptedAnswers: accepted))
            }
        }

        var builder = FlowBuilder { element in
            switch element.name {
            case "textEntryInteraction", "inlineChoiceInteraction":
                let id = blanks[element.attribute("responseIdentifier") ?? ""] ?? "reponse"
                return .inline("<blank response=\"\(id)\"/>")
            case "choiceInteraction": return .inline("")
            case "prompt": return .content
            default: return .normal
            }
        }
        builder.addContent(of: body)
        // The choice interaction's prompt is part of the stem.
        var choices: [ImportedChoice] = []
        var type: ItemType
        var shuffle = false
        if let interaction = choiceInteractions.first {
            if let prompt = interaction.element(named: "prompt") { builder.addContent(of: prompt) }
            let reference = interaction.attribute("responseIdentifier") ?? ""
            let declaration = declarations[reference]
            let keys = Set(correctValues(declaration))
            var choiceIDs = Identifiers()
            for choice in interaction.elements(named: "simpleChoice") {
                var text = FlowBuilder()
                text.addContent(of: choice)
                let flow = text.result()
                diagnostics += text.diagnostics
                let markup = flow.blocks.map {
                    if case .paragraph(let markup) = $0 { return markup }
                    return FlowText(blocks: [$0]).plain
                }.joined(separator: " ")
                let source = choice.attribute("identifier") ?? ""
                choices.append(
                    ImportedChoice(
                        id: choiceIDs.localName(from: source, fallback: "choix"), isKey: keys.contains(source),
                        text: markup))
            }
            shuffle = interaction.attribute("shuffle") == "true"
            let cardinality = declaration?.attribute("cardinality") ?? "single"
            let explicitMax = interaction.attribute("maxChoices").flatMap { Int($0) }
            let maxChoices = explicitMax ?? version.defaultMaxChoices
            if cardinality == "single" {
                type = .qcu
            } else if maxChoices == 1 {
                type = .qcu
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.implicit-default",
                        severity: explicitMax == nil ? .warning : .info, location: interaction.location,
                        message: explicitMax == nil
                            ? "maxChoices is absent: QTI \(version.rawValue)'s default 1 lets the learner pick one choice, so the item is a qcu"
                            : "cardinality multiple with maxChoices 1: imported as a qcu",
                        help: "set maxChoices in the source if more than one choice was meant"))
            } else {
                type = .qcm
                if explicitMax == nil {
                    diagnostics.append(
                        Diagnostic(
                            ruleID: "import.implicit-default", severity: .info, location: interaction.location,
                            message:
                                "maxChoices is absent: QTI \(version.rawValue)'s default \(version.defaultMaxChoices) (no limit) applies, so the item is a qcm"
                        ))
                }
            }
            if keys.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.no-key", severity: .warning, location: interaction.location,
                        message: "response \"\(reference)\" has no correctResponse: no choice is a key",
                        help: "mark the keys in the imported item"))
            }
        } else if var groups = answerGroups,
            responses.allSatisfy({ if case .text = $0.kind { return $0.acceptedAnswers.isEmpty } else { return false } }
            )
        {
            type = .qrocmDep
            // The responses' accepted answers are the groups': no key is missing. t2 / t3 ride on a
            // text entry's class.
            diagnostics.removeAll { $0.ruleID == "import.no-key" }
            for (index, response) in responses.enumerated() {
                guard case .text(let format, let tolerances) = response.kind else { continue }
                groups.tolerances.formUnion(tolerances)
                responses[index].kind = .text(format: format, tolerances: [])
            }
            answerGroups = groups
        } else {
            type = responses.count == 1 ? .qroc : .qrocmInd
        }
        var stem = builder.result()
        diagnostics += builder.diagnostics
        if stem.isEmpty, let title = root.attribute("title") {
            stem = FlowText(plain: title)
            diagnostics.append(
                notMapped(body, "the item body has no question text: the item's title \"\(title)\" is the stem"))
        }
        var illustration: ImportedIllustration?
        let images = builder.images
        if let image = images.first, let src = image.attribute("src") {
            if src.hasPrefix("data:") {
                if let (data, name) = DataURL.decode(src, name: identifier) {
                    illustration = ImportedIllustration(
                        sourcePath: path, mediaPath: name, alternative: image.attribute("alt") ?? "", data: data)
                } else {
                    diagnostics.append(notMapped(image, "the image's data: URL cannot be decoded: not imported"))
                }
            } else {
                illustration = ImportedIllustration(
                    sourcePath: resolve(src, relativeTo: path), mediaPath: mediaName(src),
                    alternative: image.attribute("alt") ?? "")
            }
            if image.attribute("alt") == nil {
                diagnostics.append(
                    notMapped(image, "the image has no alt: the illustration is written with an empty alt"))
            }
        }
        for image in images.dropFirst() {
            diagnostics.append(notMapped(image, "only one illustration per item: this image is not imported"))
        }
        let item = ImportedItem(
            id: identifier, sourceIdentifier: identifier, type: type, language: language, stem: stem,
            illustration: illustration, choices: choices, shuffle: shuffle, responses: responses,
            answerGroups: type == .qrocmDep ? answerGroups : nil, source: root.location)
        return (item, diagnostics, nil)
    }

    /// A qrocm-dep's answer groups from response processing shaped as `itembank export` writes it
    /// (``QTI3Exporter/answerGroupProcessing(_:_:)``): conditions that add 1 to `ANSWER_GROUPS` when a
    /// `stringMatch` of a group's answers holds, then `gte(ANSWER_GROUPS, count)`. `caseSensitive="false"`
    /// is t1; class tokens `itembank-t2` / `itembank-t3` on a text entry add t2 / t3. Nil for any other
    /// processing.
    static func answerGroups(_ processing: SourceElement?) -> ImportedAnswerGroups? {
        guard let processing else { return nil }
        let outcome = QTI3Exporter.answerGroupsIdentifier
        var groups: [[String]] = []
        var caseInsensitive = false
        var count: Int?
        for condition in processing.elements(named: "responseCondition") {
            guard let branch = condition.element(named: "responseIf") else { continue }
            if branch.elements(named: "setOutcomeValue").contains(where: { $0.attribute("identifier") == outcome }) {
                var answers: [String] = []
                for match in branch.descendants where match.name == "stringMatch" {
                    if match.attribute("caseSensitive") == "false" { caseInsensitive = true }
                    if let value = match.element(named: "baseValue").map({ DOMText.trim($0.text) }),
                        !value.isEmpty, !answers.contains(value)
                    {
                        answers.append(value)
                    }
                }
                if answers.isEmpty { return nil }
                groups.append(answers)
            } else if let test = branch.element(named: "gte"),
                test.element(named: "variable")?.attribute("identifier") == outcome
            {
                count = test.element(named: "baseValue").flatMap { Int(DOMText.trim($0.text)) }
            }
        }
        guard !groups.isEmpty, let count, count > 0 else { return nil }
        return ImportedAnswerGroups(groups: groups, count: count, tolerances: caseInsensitive ? [.t1] : [])
    }

    static func correctValues(_ declaration: SourceElement?) -> [String] {
        guard let correct = declaration?.element(named: "correctResponse") else { return [] }
        return correct.elements(named: "value").map { DOMText.trim($0.text) }
    }

    static func acceptedAnswers(
        _ declaration: SourceElement?, interaction: SourceElement
    ) -> (
        [String], Bool, [Diagnostic]
    ) {
        var answers: [String] = []
        var diagnostics: [Diagnostic] = []
        var caseInsensitive = false
        for value in correctValues(declaration) where !value.isEmpty && !answers.contains(value) {
            answers.append(value)
        }
        if let mapping = declaration?.element(named: "mapping") {
            let entries = mapping.elements(named: "mapEntry")
            let best = entries.compactMap { Double($0.attribute("mappedValue") ?? "") }.max() ?? 0
            for entry in entries {
                guard let key = entry.attribute("mapKey"), let value = Double(entry.attribute("mappedValue") ?? "")
                else { continue }
                if value <= 0 { continue }
                if value < best {
                    diagnostics.append(
                        notMapped(
                            entry, "partial credit (\(value) of \(best)) for \"\(key)\" is not kept: accepted as right")
                    )
                }
                if entry.attribute("caseSensitive") == "false" { caseInsensitive = true }
                if !answers.contains(key) { answers.append(key) }
            }
        }
        if answers.isEmpty {
            diagnostics.append(
                Diagnostic(
                    ruleID: "import.no-key", severity: .warning, location: interaction.location,
                    message:
                        "text entry \"\(interaction.attribute("responseIdentifier") ?? "")\" has no correctResponse and no positive mapping",
                    help: "add the accepted answers to the imported item"))
        }
        return (answers, caseInsensitive, diagnostics)
    }

    /// The response format of a text entry from its `expectedLength` (characters): up to 10 `short`,
    /// up to 30 `words`, up to 60 `sentence`, more `paragraph`; absent: `words`.
    static func format(expectedLength: Int?) -> ResponseFormat {
        guard let length = expectedLength else { return .words }
        switch length {
        case ...10: return .short
        case ...30: return .words
        case ...60: return .sentence
        default: return .paragraph
        }
    }

    /// A QTI number (decimal point) as the item's language writes it: a decimal comma in French
    /// (`4.5` → `4,5`); text that is not a number is kept as it is.
    static func localNumber(_ value: String, language: String) -> String {
        guard language.hasPrefix("fr"), AnswerNumber(value) != nil else { return value }
        return value.replacingOccurrences(of: ".", with: ",")
    }

    static func unsupported(_ element: SourceElement, _ message: String) -> Diagnostic {
        Diagnostic(ruleID: "import.unsupported", severity: .error, location: element.location, message: message)
    }

    static func notMapped(_ element: SourceElement, _ message: String) -> Diagnostic {
        Diagnostic(ruleID: "import.not-mapped", severity: .warning, location: element.location, message: message)
    }
}

/// Small text helpers.
enum DOMText {
    static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

/// The base name of a path without extension.
func baseName(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
    return name
}

/// `src` resolved against the folder of `path`.
func resolve(_ src: String, relativeTo path: String) -> String {
    if src.hasPrefix("/") { return src }
    var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
    for part in src.split(separator: "/") {
        if part == ".." {
            if !parts.isEmpty { parts.removeLast() }
        } else if part != "." {
            parts.append(String(part))
        }
    }
    return parts.joined(separator: "/")
}

/// A media file name of the item format for an image source name (its last path component, with
/// characters other than ASCII letters, digits, `_`, `.` and `-` replaced by `-`).
func mediaName(_ src: String) -> String {
    let name = src.split(separator: "/").last.map(String.init) ?? src
    var out = ""
    for character in name {
        if character.isASCII, character.isLetter || character.isNumber || "_.-".contains(character) {
            out.append(character)
        } else {
            out.append("-")
        }
    }
    while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
    return out.isEmpty ? "image" : out
}

/// The locales of the item format.
enum Locales {
    static let all = ["fr", "fr-FR", "fr-BE", "en", "es", "nl", "nl-BE", "it", "de", "pt"]

    /// The locale for a BCP 47 tag: itself, or its language (`en-GB` → `en`); nil when none fits.
    static func map(_ tag: String) -> String? {
        if let exact = all.first(where: { $0.lowercased() == tag.lowercased() }) { return exact }
        let language = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return all.first { $0 == language }
    }
}

/// Makes identifiers of the item format (item ids, choice and response ids) unique.
struct Identifiers {
    private var used: Set<String> = []

    /// A LocalName (`[A-Za-z][A-Za-z0-9_-]{0,63}`) from `source`, unique among those made here.
    mutating func localName(from source: String, fallback: String) -> String {
        var name = ""
        for character in source {
            if character.isASCII, character.isLetter || character.isNumber || character == "_" || character == "-" {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
        }
        while name.last == "-" { name.removeLast() }
        if let first = name.first, !first.isLetter { name = fallback + "-" + name }
        if name.isEmpty { name = fallback }
        name = String(name.prefix(60))
        return unique(name)
    }

    /// An ItemId (`[A-Za-z0-9][A-Za-z0-9_.-]{0,127}`), lower-case, accents removed, unique.
    mutating func itemID(from source: String, fallback: String) -> String {
        let folded = source.applyingTransformLatin().lowercased()
        var name = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber || character == "_" || character == "." {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
        }
        while name.last == "-" || name.last == "." { name.removeLast() }
        while name.first == "_" || name.first == "." || name.first == "-" { name.removeFirst() }
        if name.isEmpty { name = fallback }
        name = String(name.prefix(100))
        while name.last == "-" { name.removeLast() }
        return unique(name)
    }

    private mutating func unique(_ name: String) -> String {
        var candidate = name
        var counter = 2
        while used.contains(candidate) {
            candidate = name + "-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}

extension String {
    /// Accents removed (é → e) by canonical decomposition, combining marks dropped.
    func applyingTransformLatin() -> String {
        var out = String.UnicodeScalarView()
        for scalar in self.decomposedScalars where !(0x300...0x36F).contains(scalar.value) {
            out.append(scalar)
        }
        return String(out)
    }

    private var decomposedScalars: [Unicode.Scalar] {
        // Canonical decomposition of the common Latin letters with diacritics.
        var result: [Unicode.Scalar] = []
        for character in self {
            let lowered = String(character)
            if let base = Self.latinBase[lowered] {
                result += base.unicodeScalars
            } else {
                result += character.unicodeScalars
            }
        }
        return result
    }

    private static let latinBase: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, String)] = [
            ("a", "àáâãäåā"), ("c", "çćč"), ("e", "èéêëēę"), ("i", "ìíîïī"), ("n", "ñń"), ("o", "òóôõöø"),
            ("u", "ùúûüū"), ("y", "ýÿ"), ("A", "ÀÁÂÃÄÅ"), ("C", "ÇČ"), ("E", "ÈÉÊË"), ("I", "ÌÍÎÏ"), ("N", "Ñ"),
            ("O", "ÒÓÔÕÖØ"), ("U", "ÙÚÛÜ"), ("Y", "Ý"), ("oe", "œ"), ("ae", "æ"), ("OE", "Œ"), ("AE", "Æ"),
        ]
        for (base, letters) in groups {
            for letter in letters { table[String(letter)] = base }
        }
        return table
    }()
}

/// Images written inline as `data:` URLs (RFC 2397), decoded in memory.
enum DataURL {
    static let extensions = [
        "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg", "image/webp": "webp",
    ]

    /// Decodes `url` (base64 or percent-encoded); returns the bytes and a media file name from `name`
    /// and the MIME type; nil when it is not an image data URL.
    static func decode(_ url: String, name: String) -> (Data, String)? {
        guard let comma = url.firstIndex(of: ",") else { return nil }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
        let payload = String(url[url.index(after: comma)...])
        let parts = header.split(separator: ";").map(String.init)
        guard let type = parts.first, let fileExtension = extensions[type.lowercased()] else { return nil }
        let data: Data?
        if parts.contains("base64") {
            data = Data(base64Encoded: payload.removingPercentEncoding ?? payload, options: .ignoreUnknownCharacters)
        } else {
            data = payload.removingPercentEncoding.map { Data($0.utf8) }
        }
        guard let data, !data.isEmpty else { return nil }
        var identifiers = Identifiers()
        return (data, identifiers.itemID(from: name, fallback: "image") + "." + fileExtension)
    }
}

import Foundation
import ItemBankModel
import ZIPFoundation

/// One line of the export report: what QTI 3.0 could not carry for an item.
public struct ExportNote: Hashable, Sendable {
    public var itemID: String
    /// Where the item is written from.
    public var location: SourceLocation
    /// Whether the item was left out of the package (it cannot be expressed at all).
    public var isOmitted: Bool
    public var message: String

    /// The export report: one line per note (`file:line:col: id: not carried: …`), then the count.
    public static func report(_ notes: [ExportNote], exported: Int, format: String) -> String {
        var out = ""
        for note in notes {
            out +=
                "\(note.location): \(note.itemID): \(note.isOmitted ? "not exported" : "not carried"): \(note.message)\n"
        }
        out += "\(exported) item(s) exported to \(format), \(notes.filter(\.isOmitted).count) not exported\n"
        return out
    }
}

/// A QTI 3.0 content package built from a bank's items.
public struct QTI3Package: Sendable {
    /// Files of the package: path inside the package → bytes.
    public var files: [(path: String, data: Data)]
    public var notes: [ExportNote]
    public var exportedCount: Int

    /// The export report, one line per note, then the count.
    public func reportText() -> String { ExportNote.report(notes, exported: exportedCount, format: "QTI 3.0") }

    /// Writes the package into a folder (created) or, when `path` ends in `.zip`, a zip file.
    /// - Throws: ``ImportError`` when a file cannot be written.
    public func write(to path: String) throws {
        let manager = FileManager.default
        let zipped = path.lowercased().hasSuffix(".zip")
        let folder =
            zipped
            ? manager.temporaryDirectory.appendingPathComponent("itembank-export-" + UUID().uuidString).path : path
        defer { if zipped { try? manager.removeItem(atPath: folder) } }
        do {
            for file in files {
                let target = URL(fileURLWithPath: folder + "/" + file.path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: target, options: .atomic)
            }
            if zipped {
                if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
                try manager.zipItem(
                    at: URL(fileURLWithPath: folder), to: URL(fileURLWithPath: path), shouldKeepParent: false)
            }
        } catch {
            throw ImportError("cannot write \(path): \(error)")
        }
    }
}

/// Writes items as QTI 3.0 (`qti-assessment-item`, namespace `http://www.imsglobal.org/xsd/imsqtiasi_v3p0`)
/// in an IMS content package (`imsmanifest.xml`), one item per file under `items/`, media under `media/`.
///
/// qcu / qcm → `qti-choice-interaction` (max-choices 1 / 0) with `match_correct`; qroc / qrocm-ind →
/// `qti-text-entry-interaction` or `qti-inline-choice-interaction` in place of each blank, accepted
/// answers as a `qti-mapping` (case-insensitive when t1 applies; `base-type="float"` for numbers), scored
/// by a response processing that needs every response right; qrocm-dep → text entries and response
/// processing that counts the answer groups reached (``answerGroupProcessing(_:_:)``). The response
/// format rides on `expected-length`, t2 / t3 on class tokens. What QTI cannot express (t2 and t3 as
/// scoring, calibration, solution, status, attachments, embeds) is listed in the report; the skills go
/// to `skills.txt`, a skill map that `itembank import --skill-map` reads back.
public enum QTI3Exporter {
    public static let namespace = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"

    /// Builds the package for `items`; `mediaFolder` is the bank's media folder (absolute), nil for none.
    public static func package(items: [Item], mediaFolder: String?, bankID: String) -> QTI3Package {
        var files: [(String, Data)] = []
        var notes: [ExportNote] = []
        var resources = ""
        var skills = "# itembank export: source identifier → skill (read back with itembank import --skill-map)\n"
        var exported = 0
        for item in items.sorted(by: { $0.id < $1.id }) {
            var itemNotes: [String] = []
            let xml = itemXML(item, notes: &itemNotes)
            notes += itemNotes.map {
                ExportNote(itemID: item.id, location: item.location, isOmitted: false, message: $0)
            }
            let path = "items/\(item.id).xml"
            files.append((path, Data(xml.utf8)))
            var fileEntries = "      <file href=\"\(path)\"/>\n"
            if let illustration = item.illustration, let mediaFolder {
                let mediaPath = "media/" + illustration.source
                if let data = FileManager.default.contents(atPath: mediaFolder + "/" + illustration.source) {
                    files.append((mediaPath, data))
                    fileEntries += "      <file href=\"\(attr(mediaPath))\"/>\n"
                } else {
                    notes.append(
                        ExportNote(
                            itemID: item.id, location: item.location, isOmitted: false,
                            message: "media file \(illustration.source) not found: not packaged"))
                }
            }
            resources +=
                "    <resource identifier=\"\(attr(resourceID(item.id)))\" type=\"imsqti_item_xmlv3p0\" href=\"\(path)\">\n"
                + fileEntries + "    </resource>\n"
            skills += "\(item.id) \(item.skill)\n"
            exported += 1
        }
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="\(attr(resourceID(bankID)))">
              <metadata>
                <schema>QTI Package</schema>
                <schemaversion>3.0.0</schemaversion>
              </metadata>
              <organizations/>
              <resources>
            \(resources)  </resources>
            </manifest>

            """
        files.insert(("imsmanifest.xml", Data(manifest.utf8)), at: 0)
        files.append(("skills.txt", Data(skills.utf8)))
        return QTI3Package(files: files, notes: notes, exportedCount: exported)
    }

    /// A manifest identifier: an XML ID (`[A-Za-z_][A-Za-z0-9_.-]*`).
    static func resourceID(_ id: String) -> String {
        guard let first = id.first, first.isLetter || first == "_" else { return "I" + id }
        return id
    }

    /// The QTI 3.0 item document.
    static func itemXML(_ item: Item, notes: inout [String]) -> String {
        var declarations = ""
        var processing = ""
        var interactions: [String: String] = [:]
        if item.type.hasChoices {
            let keys = item.choices.indices.filter { item.choices[$0].isKey }.map { choiceID(item, $0) }
            declarations +=
                "  <qti-response-declaration identifier=\"RESPONSE\" cardinality=\"\(item.type == .qcu ? "single" : "multiple")\" base-type=\"identifier\">\n"
                + "    <qti-correct-response>\n"
                + keys.map { "      <qti-value>\(text($0))</qti-value>\n" }.joined()
                + "    </qti-correct-response>\n  </qti-response-declaration>\n"
            processing =
                "  <qti-response-processing template=\"https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml\"/>\n"
        } else {
            var conditions: [String] = []
            for response in item.responses {
                switch response.kind {
                case .text(let format, let tolerances):
                    // A number response whose accepted answers are all numbers is a float response: QTI
                    // compares it as a number (7 = 7.0), written with a decimal point.
                    let numbers = response.acceptedAnswers.map { AnswerNumber($0.text) }
                    let isFloat = format == .number && !numbers.isEmpty && numbers.allSatisfy { $0 != nil }
                    var answers = response.acceptedAnswers.map(\.text)
                    if isFloat {
                        var seen: Set<String> = []
                        answers = numbers.compactMap { $0?.description }.filter { seen.insert($0).inserted }
                    } else if format == .number {
                        notes.append(
                            "response \(response.id): number comparison (7 = 7,0) is compared as text in QTI (an accepted answer is not a number)"
                        )
                    }
                    // qrocm-dep: the tolerances are the answer groups'.
                    let groups = item.type == .qrocmDep ? item.answerGroups : nil
                    let tolerances = groups?.tolerances ?? tolerances
                    let lost = tolerances.subtracting(.t1)
                    if !lost.isEmpty {
                        notes.append(
                            "response \(response.id): tolerances \(lost.list) have no QTI equivalent (t1 is written as case-sensitive=\"false\"; \(lost.list) as class \(toleranceClasses(lost)), which QTI players do not apply)"
                        )
                    }
                    let caseSensitive = !tolerances.contains(.t1)
                    if item.type == .qrocmDep {
                        // Answers are the groups', matched in the response processing below.
                        declarations +=
                            "  <qti-response-declaration identifier=\"\(attr(response.id))\" cardinality=\"single\" base-type=\"string\"/>\n"
                        var interaction =
                            "<qti-text-entry-interaction response-identifier=\"\(attr(response.id))\""
                        if let length = expectedLength[format] { interaction += " expected-length=\"\(length)\"" }
                        if !lost.isEmpty, response.id == item.responses.first?.id {
                            interaction += " class=\"\(toleranceClasses(lost))\""
                        }
                        interactions[response.id] = interaction + "/>"
                        continue
                    }
                    declarations +=
                        "  <qti-response-declaration identifier=\"\(attr(response.id))\" cardinality=\"single\" base-type=\"\(isFloat ? "float" : "string")\">\n"
                    if let first = answers.first {
                        declarations +=
                            "    <qti-correct-response>\n      <qti-value>\(text(first))</qti-value>\n    </qti-correct-response>\n"
                    }
                    declarations += "    <qti-mapping default-value=\"0\" upper-bound=\"1\">\n"
                    for answer in answers {
                        declarations +=
                            "      <qti-map-entry map-key=\"\(attr(answer))\" mapped-value=\"1\" case-sensitive=\"\(caseSensitive)\"/>\n"
                    }
                    declarations += "    </qti-mapping>\n  </qti-response-declaration>\n"
                    var interaction = "<qti-text-entry-interaction response-identifier=\"\(attr(response.id))\""
                    if let length = expectedLength[format] { interaction += " expected-length=\"\(length)\"" }
                    if !lost.isEmpty { interaction += " class=\"\(toleranceClasses(lost))\"" }
                    interactions[response.id] = interaction + "/>"
                    conditions.append(
                        "<qti-gte><qti-map-response identifier=\"\(attr(response.id))\"/><qti-base-value base-type=\"float\">1</qti-base-value></qti-gte>"
                    )
                case .dropdown(let options):
                    let keys = Set(response.acceptedAnswers.map(\.text))
                    let ids = options.indices.map { "\(response.id)_\($0 + 1)" }
                    declarations +=
                        "  <qti-response-declaration identifier=\"\(attr(response.id))\" cardinality=\"single\" base-type=\"identifier\">\n"
                        + "    <qti-correct-response>\n"
                        + options.indices.filter { keys.contains(options[$0].text) }.map {
                            "      <qti-value>\(text(ids[$0]))</qti-value>\n"
                        }.joined()
                        + "    </qti-correct-response>\n  </qti-response-declaration>\n"
                    if keys.count > 1 {
                        notes.append("drop-down \(response.id): only one accepted option is kept by single cardinality")
                    }
                    var interaction = "<qti-inline-choice-interaction response-identifier=\"\(attr(response.id))\">"
                    for (index, option) in options.enumerated() {
                        interaction +=
                            "<qti-inline-choice identifier=\"\(attr(ids[index]))\">\(text(option.text))</qti-inline-choice>"
                    }
                    interactions[response.id] = interaction + "</qti-inline-choice-interaction>"
                    conditions.append(
                        "<qti-match><qti-variable identifier=\"\(attr(response.id))\"/><qti-correct identifier=\"\(attr(response.id))\"/></qti-match>"
                    )
                }
            }
            var test = conditions.count == 1 ? conditions[0] : "<qti-and>" + conditions.joined() + "</qti-and>"
            var groupConditions = ""
            if item.type == .qrocmDep, let groups = item.answerGroups {
                (test, groupConditions) = answerGroupProcessing(item, groups)
                declarations += answerGroupsOutcome
            }
            processing = """
                  <qti-response-processing>
                \(groupConditions)    <qti-response-condition>
                      <qti-response-if>
                        \(test)
                        <qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">1</qti-base-value></qti-set-outcome-value>
                      </qti-response-if>
                      <qti-response-else>
                        <qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0</qti-base-value></qti-set-outcome-value>
                      </qti-response-else>
                    </qti-response-condition>
                  </qti-response-processing>

                """
        }
        if item.calibration != nil { notes.append("calibration (a, b) is not carried (no QTI item field)") }
        if !item.attachments.isEmpty { notes.append("\(item.attachments.count) attachment(s) not packaged") }
        if item.embed != nil { notes.append("the embed is not carried") }
        if item.solution != nil { notes.append("the solution is not carried") }
        var body = "  <qti-item-body>\n"
        body += "    " + flow(item.stem.markup, interactions: interactions) + "\n"
        if let illustration = item.illustration {
            body +=
                "    <p><img src=\"../media/\(attr(illustration.source))\" alt=\"\(attr(illustration.alternative))\"/></p>\n"
        }
        if item.type.hasChoices {
            body +=
                "    <qti-choice-interaction response-identifier=\"RESPONSE\" shuffle=\"\(item.shufflesChoices)\" max-choices=\"\(item.type == .qcu ? 1 : 0)\">\n"
            for (index, choice) in item.choices.enumerated() {
                body +=
                    "      <qti-simple-choice identifier=\"\(attr(choiceID(item, index)))\">\(inline(choice.text.markup))</qti-simple-choice>\n"
            }
            body += "    </qti-choice-interaction>\n"
        }
        body += "  </qti-item-body>\n"
        let title = String(item.stem.plain.prefix(80))
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <qti-assessment-item xmlns="\(namespace)" identifier="\(attr(resourceID(item.id)))" title="\(attr(title))" adaptive="false" time-dependent="false" xml:lang="\(attr(item.language))">
            \(declarations)  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
            \(body)\(processing)</qti-assessment-item>

            """
    }

    /// The outcome that counts the answer groups a qrocm-dep's responses reach.
    static let answerGroupsIdentifier = "ANSWER_GROUPS"

    static let answerGroupsOutcome =
        "  <qti-outcome-declaration identifier=\"\(answerGroupsIdentifier)\" cardinality=\"single\" base-type=\"integer\">"
        + "<qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>\n"

    /// A qrocm-dep's answer groups as response processing: one condition per group adds 1 to
    /// `ANSWER_GROUPS` when a response matches one of the group's accepted answers (`qti-string-match`,
    /// case-insensitive under t1); the item is right when `ANSWER_GROUPS` reaches the groups' count (all
    /// responses when none is given). Returns the final test and the group conditions. A response that
    /// matches answers of two groups counts for both (the bank's checker gives each response one group):
    /// groups of the item format do not share answers, so the two agree.
    static func answerGroupProcessing(_ item: Item, _ groups: AnswerGroups) -> (String, String) {
        let caseSensitive = !groups.tolerances.contains(.t1)
        var conditions = ""
        for group in groups.groups {
            var matches: [String] = []
            for response in item.responses {
                for answer in group.acceptedAnswers {
                    matches.append(
                        "<qti-string-match case-sensitive=\"\(caseSensitive)\"><qti-variable identifier=\"\(attr(response.id))\"/><qti-base-value base-type=\"string\">\(text(answer.text))</qti-base-value></qti-string-match>"
                    )
                }
            }
            conditions +=
                "    <qti-response-condition>\n      <qti-response-if>\n        <qti-or>"
                + matches.joined()
                + "</qti-or>\n        <qti-set-outcome-value identifier=\"\(answerGroupsIdentifier)\"><qti-sum><qti-variable identifier=\"\(answerGroupsIdentifier)\"/><qti-base-value base-type=\"integer\">1</qti-base-value></qti-sum></qti-set-outcome-value>\n      </qti-response-if>\n    </qti-response-condition>\n"
        }
        let count = groups.count ?? item.responses.count
        let test =
            "<qti-gte><qti-variable identifier=\"\(answerGroupsIdentifier)\"/><qti-base-value base-type=\"integer\">\(count)</qti-base-value></qti-gte>"
        return (test, conditions)
    }

    /// `expected-length` of a text entry by response format (QTI's size hint); the importer reads it
    /// back with ``QTIReader/format(expectedLength:)``.
    static let expectedLength: [ResponseFormat: Int] = [.short: 10, .words: 30, .sentence: 60, .paragraph: 200]

    /// The class tokens that carry tolerances t2 / t3 (`itembank-t2 itembank-t3`).
    static func toleranceClasses(_ tolerances: Tolerances) -> String {
        tolerances.list.split(separator: " ").map { "itembank-" + $0 }.joined(separator: " ")
    }

    static func choiceID(_ item: Item, _ index: Int) -> String {
        if let id = item.choices[index].id { return id }
        return "choice\(index + 1)"
    }

    /// The stem's markup as QTI body content: blocks kept, blanks replaced by interactions, loose
    /// inline content wrapped in a paragraph.
    static func flow(_ markup: String, interactions: [String: String]) -> String {
        var out = inline(markup)
        for (id, interaction) in interactions {
            out = out.replacingOccurrences(
                of: "<blank response=\"\(RichText.escapeAttribute(id))\"/>", with: interaction)
        }
        if !(out.hasPrefix("<p>") || out.hasPrefix("<ul>") || out.hasPrefix("<ol>")) { out = "<p>" + out + "</p>" }
        return out
    }

    /// The item format's inline markup is XHTML: the same element names in the QTI namespace.
    static func inline(_ markup: String) -> String { markup }

    static func text(_ value: String) -> String { RichText.escape(value) }
    static func attr(_ value: String) -> String { RichText.escapeAttribute(value) }
}

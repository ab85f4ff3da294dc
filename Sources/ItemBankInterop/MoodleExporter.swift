import Foundation
import ItemBankModel

/// Writes items as a Moodle XML quiz (`<quiz>`), the format of Moodle's question bank import.
///
/// qcu → `multichoice` with `<single>true</single>` (the key at fraction 100); qcm → `multichoice`
/// with `<single>false</single>` (each key at 100 / keys, rounded as Moodle's fraction list, distractors
/// at 0); qroc with a typed response → `shortanswer` (`usecase` 0 under t1, 1 otherwise) or, for
/// `format="number"` whose accepted answers are numbers, `numerical` (tolerance 0); the solution →
/// `generalfeedback`. Questions are filed under one category per competence and tube
/// (`$course$/top/1.1 Mener une recherche/@rechercheWeb`) when the framework is given. qrocm-ind,
/// qrocm-dep, drop-downs, illustrations, attachments, embeds, tolerances t2 / t3 and calibration have
/// no place in these four question types: listed in the notes (an item that cannot be written at all
/// is omitted).
public enum MoodleExporter {
    /// The quiz document (UTF-8 text) and the notes of what is not carried.
    public static func quiz(items: [Item], framework: Framework?) -> (xml: String, notes: [ExportNote], exported: Int) {
        let index = framework?.skillIndex() ?? [:]
        var notes: [ExportNote] = []
        var exported = 0
        var byCategory: [(category: String, questions: [String])] = []
        for item in items.sorted(by: { $0.id < $1.id }) {
            func note(_ message: String, omitted: Bool = false) {
                notes.append(ExportNote(itemID: item.id, location: item.location, isOmitted: omitted, message: message))
            }
            guard let question = question(item, note: note) else { continue }
            exported += 1
            let category: String
            if let path = index[item.skill] {
                category =
                    "$course$/top/\(path.competence.code) \(path.competence.title)/\(path.tube.name)"
            } else {
                category = "$course$/top/" + item.skill.trimmingCharacters(in: .decimalDigits)
            }
            if let position = byCategory.firstIndex(where: { $0.category == category }) {
                byCategory[position].questions.append(question)
            } else {
                byCategory.append((category, [question]))
            }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
        for (category, questions) in byCategory.sorted(by: { $0.category < $1.category }) {
            xml +=
                "  <question type=\"category\">\n    <category><text>\(text(category))</text></category>\n  </question>\n"
            xml += questions.joined()
        }
        xml += "</quiz>\n"
        return (xml, notes, exported)
    }

    /// One `<question>`, nil (with a note) when the item has no Moodle question type here.
    static func question(_ item: Item, note: (String, Bool) -> Void) -> String? {
        var body = ""
        var type: String
        switch item.type {
        case .qcu, .qcm:
            type = "multichoice"
            let keys = item.choices.filter(\.isKey).count
            let fraction = keys == 0 ? "0" : moodleFraction(100 / Double(keys))
            body += "    <single>\(item.type == .qcu)</single>\n"
            body += "    <shuffleanswers>\(item.shufflesChoices ? 1 : 0)</shuffleanswers>\n"
            body += "    <answernumbering>abc</answernumbering>\n"
            for choice in item.choices {
                body +=
                    "    <answer fraction=\"\(choice.isKey ? fraction : "0")\" format=\"html\"><text>\(text(choice.text.markup))</text></answer>\n"
            }
        case .qroc:
            guard let response = item.responses.first, case .text(let format, let tolerances) = response.kind else {
                note("a drop-down has no Moodle question type here (cloze is not written)", true)
                return nil
            }
            let numbers = response.acceptedAnswers.map { AnswerNumber($0.text) }
            if format == .number, !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) {
                type = "numerical"
                for number in numbers.compactMap({ $0 }) {
                    body +=
                        "    <answer fraction=\"100\"><text>\(number.description)</text><tolerance>0</tolerance></answer>\n"
                }
            } else {
                type = "shortanswer"
                body += "    <usecase>\(tolerances.contains(.t1) ? 0 : 1)</usecase>\n"
                for answer in response.acceptedAnswers {
                    body += "    <answer fraction=\"100\"><text>\(text(answer.text))</text></answer>\n"
                }
            }
            let lost = tolerances.subtracting(.t1)
            if !lost.isEmpty { note("tolerances \(lost.list) have no Moodle equivalent", false) }
        case .qrocmInd, .qrocmDep:
            note(
                "\(item.type.rawValue): several responses have no Moodle question type here (cloze is not written)",
                true)
            return nil
        }
        if item.illustration != nil { note("the illustration is not carried", false) }
        if !item.attachments.isEmpty { note("\(item.attachments.count) attachment(s) not carried", false) }
        if item.embed != nil { note("the embed is not carried", false) }
        if item.calibration != nil { note("calibration (a, b) is not carried", false) }
        // The blank of a qroc is where the learner types: Moodle shows the field after the text.
        let stem = item.stem.markup.replacingOccurrences(
            of: #"<blank response="[^"]*"/>"#, with: "", options: .regularExpression)
        var out = "  <question type=\"\(type)\">\n"
        out += "    <name><text>\(text(item.id))</text></name>\n"
        out += "    <questiontext format=\"html\"><text>\(text(stem))</text></questiontext>\n"
        if let solution = item.solution {
            out += "    <generalfeedback format=\"html\"><text>\(text(solution.markup))</text></generalfeedback>\n"
        }
        out += "    <defaultgrade>1</defaultgrade>\n"
        return out + body + "  </question>\n"
    }

    /// `100 / k` as Moodle writes its grade fractions (5 decimals, trailing zeros dropped): 50,
    /// 33.33333, 25.
    static func moodleFraction(_ value: Double) -> String {
        var text = String(format: "%.5f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func text(_ value: String) -> String { RichText.escape(value) }
}

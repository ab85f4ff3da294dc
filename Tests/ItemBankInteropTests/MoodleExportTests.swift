import Foundation
import ItemBankModel
import ItemBankXML
import Testing

@testable import ItemBankInterop

/// Moodle XML export of Banks/crcn, read back by the Moodle importer (no ../shared needed).
@Suite("Moodle XML export of Banks/crcn")
struct MoodleExportTests {
    @Test("round trip: qcu, qcm, shortanswer and numerical questions come back with their keys and answers")
    func roundTrip() throws {
        let result = try BankReader(schemas: try SchemaSet.builtIn()).read(root: Paths.root + "/Banks/crcn")
        let sources = try #require(result.sources)
        let quiz = MoodleExporter.quiz(items: sources.items, framework: sources.framework)
        // qrocm-ind, qrocm-dep and drop-down qroc items have no Moodle question type here: listed.
        let omitted = sources.items.filter {
            $0.type == .qrocmInd || $0.type == .qrocmDep || ($0.type == .qroc && $0.responses.first?.isDropdown == true)
        }
        #expect(quiz.exported == 227)
        #expect(quiz.notes.filter(\.isOmitted).map(\.itemID).sorted() == omitted.map(\.id).sorted())
        let entries = Importer(options: ImportOptions()).entries(bytes: Array(quiz.xml.utf8), path: "crcn.xml")
        #expect(entries.count == 227)
        let imported = Dictionary(
            entries.compactMap { entry in entry.item.map { ($0.sourceIdentifier, $0) } },
            uniquingKeysWith: { first, _ in first })
        let index = try #require(sources.framework).skillIndex()
        var differences: [String] = []
        for item in sources.items where !omitted.contains(where: { $0.id == item.id }) {
            guard let back = imported[item.id] else {
                differences.append("\(item.id): not imported back")
                continue
            }
            if back.type != item.type { differences.append("\(item.id): type \(back.type)") }
            if back.choices.map(\.isKey) != item.choices.map(\.isKey) { differences.append("\(item.id): keys") }
            if back.choices.map(\.text) != item.choices.map(\.text.markup) { differences.append("\(item.id): choices") }
            // A qroc's blank is left out of the question text (Moodle shows the field after it).
            if item.type.hasChoices, back.stem.plain != FlowText.collapse(item.stem.plain) {
                differences.append("\(item.id): stem")
            }
            let answers = item.responses.map { response in
                response.acceptedAnswers.map { answer in
                    // numerical answers are written with a decimal point
                    if case .text(.number, _) = response.kind, let number = AnswerNumber(answer.text) {
                        return number.description
                    }
                    return answer.text
                }
            }
            if back.responses.map(\.acceptedAnswers) != answers { differences.append("\(item.id): accepted answers") }
            if back.solution?.plain != item.solution.map({ FlowText.collapse($0.plain) }) {
                differences.append("\(item.id): solution")
            }
            // The category is the competence and the tube: `1.1-mener-…/fiabilitesource`-like folders.
            let path = try #require(index[item.skill])
            let folder = MoodleReader.folderPath(
                "$course$/top/\(path.competence.code) \(path.competence.title)/\(path.tube.name)")
            if back.folder != folder { differences.append("\(item.id): folder \(back.folder) ≠ \(folder)") }
        }
        #expect(differences == [])
        #expect(
            imported["fiabilite-source-archive-page"]?.folder
                == "1.1-mener-une-recherche-et-une-veille-d-information/fiabilitesource")
    }
}

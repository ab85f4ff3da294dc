import ItemBankModel
import ItemBankXML

/// Reads Moodle XML (`<quiz>` of `<question type="…">`) and GIFT questions into ``ImportedItem``s.
///
/// Mapping: multichoice single → qcu, multiple → qcm (keys: answers with a positive fraction);
/// truefalse → qcu with two choices; shortanswer → qroc (`usecase` 0 → tolerance t1); numerical → qroc
/// with a number response (a tolerance other than 0 cannot be expressed: reported); categories →
/// folders. matching, cloze, essay and every other type are reported as unsupported.
enum MoodleReader {
    struct Question {
        var item: ImportedItem?
        var sourceIdentifier: String
        var kind: String
        var location: SourceLocation
        var diagnostics: [Diagnostic]
        var reason: String?
    }

    static func read(_ quiz: SourceElement, path: String, language: String) -> [Question] {
        var folder = ""
        var result: [Question] = []
        for question in quiz.elements(named: "question") {
            let type = question.attribute("type") ?? ""
            if type == "category" {
                folder = folderPath(question.element(named: "category")?.element(named: "text")?.text ?? "")
                continue
            }
            let name = FlowText.collapse(question.element(named: "name")?.element(named: "text")?.text ?? "")
            var entry = Question(
                item: nil, sourceIdentifier: name.isEmpty ? baseName(path) : name, kind: type,
                location: question.location, diagnostics: [], reason: nil)
            convert(question, type: type, into: &entry, folder: folder, language: language)
            result.append(entry)
        }
        return result
    }

    /// `$course$/top/Chapitre 1/Réseaux` → `chapitre-1/reseaux`.
    static func folderPath(_ category: String) -> String {
        var parts = category.split(separator: "/").map { DOMText.trim(String($0)) }.filter { !$0.isEmpty }
        if let first = parts.first, first.hasPrefix("$"), first.hasSuffix("$") { parts.removeFirst() }
        if parts.first == "top" { parts.removeFirst() }
        return parts.map { part in
            var identifiers = Identifiers()
            return identifiers.itemID(from: part, fallback: "categorie")
        }.joined(separator: "/")
    }

    static func html(_ element: SourceElement?) -> (FlowText, [Diagnostic], [SourceElement]) {
        guard let element, let text = element.element(named: "text") else { return (FlowText(blocks: []), [], []) }
        let format = element.attribute("format") ?? "html"
        if format == "html" || format == "moodle_auto_format" || format == "markdown" {
            let body = SourceTreeReader.readHTMLFragment(text.text, location: text.location)
            var builder = FlowBuilder()
            builder.addContent(of: body)
            let flow = builder.result()
            return (flow, builder.diagnostics, builder.images)
        }
        var builder = FlowBuilder()
        for paragraph in text.text.components(separatedBy: "\n\n") { builder.addParagraph(plain: paragraph) }
        return (builder.result(), [], [])
    }

    static func inlineMarkup(_ flow: FlowText) -> String {
        flow.blocks.map {
            if case .paragraph(let markup) = $0 { return markup }
            return RichText.escape(FlowText(blocks: [$0]).plain)
        }.joined(separator: " ")
    }

    static func convert(
        _ question: SourceElement, type: String, into entry: inout Question, folder: String, language: String
    ) {
        let (stem, stemDiagnostics, images) = html(question.element(named: "questiontext"))
        entry.diagnostics += stemDiagnostics
        for image in images {
            entry.diagnostics.append(
                QTIReader.notMapped(image, "images embedded in Moodle XML (@@PLUGINFILE@@) are not imported"))
        }
        let (solution, solutionDiagnostics, _) = html(question.element(named: "generalfeedback"))
        entry.diagnostics += solutionDiagnostics
        let answers = question.elements(named: "answer")
        func fraction(_ answer: SourceElement) -> Double { Double(answer.attribute("fraction") ?? "0") ?? 0 }
        func answerText(_ answer: SourceElement) -> String {
            FlowText.collapse(answer.element(named: "text")?.text ?? "")
        }
        var item = ImportedItem(
            id: entry.sourceIdentifier, sourceIdentifier: entry.sourceIdentifier, type: .qcu, language: language,
            stem: stem, solution: solution.isEmpty ? nil : solution, folder: folder, source: question.location)
        for answer in answers where answer.element(named: "feedback").map({ !DOMText.trim($0.text).isEmpty }) ?? false {
            entry.diagnostics.append(
                QTIReader.notMapped(
                    answer, "per-answer feedback is not imported (the item format's feedback is per outcome)"))
            break
        }
        switch type {
        case "multichoice":
            let single = DOMText.trim(question.element(named: "single")?.text ?? "true") != "false"
            item.type = single ? .qcu : .qcm
            item.shuffle = ["1", "true"].contains(DOMText.trim(question.element(named: "shuffleanswers")?.text ?? "1"))
            var ids = Identifiers()
            item.choices = answers.map { answer in
                let (flow, diagnostics, _) = html(answer)
                entry.diagnostics += diagnostics
                return ImportedChoice(
                    id: nil, isKey: fraction(answer) > 0, text: inlineMarkup(flow).isEmpty ? "…" : inlineMarkup(flow))
            }
            _ = ids.localName(from: "", fallback: "c")
            let partial = answers.filter { fraction($0) > 0 && fraction($0) < 100 }
            if !single, !partial.isEmpty || answers.contains(where: { fraction($0) < 0 }) {
                entry.diagnostics.append(
                    Diagnostic(
                        ruleID: "import.not-mapped", severity: .info, location: question.location,
                        message:
                            "partial fractions are scored all-or-nothing: a qcm is right with all and only its keys"))
            }
        case "truefalse":
            item.type = .qcu
            let isTrue = answers.first { answerText($0).lowercased() == "true" }.map { fraction($0) > 0 } ?? true
            let labels = language.hasPrefix("fr") ? ("Vrai", "Faux") : ("True", "False")
            item.choices = [
                ImportedChoice(id: "vrai", isKey: isTrue, text: labels.0),
                ImportedChoice(id: "faux", isKey: !isTrue, text: labels.1),
            ]
        case "shortanswer":
            item.type = .qroc
            let caseSensitive = DOMText.trim(question.element(named: "usecase")?.text ?? "0") == "1"
            var accepted: [String] = []
            for answer in answers where fraction(answer) > 0 {
                let text = answerText(answer)
                if text.contains("*") {
                    entry.diagnostics.append(
                        QTIReader.notMapped(answer, "the wildcard * in \"\(text)\" is kept as a literal character"))
                }
                if fraction(answer) < 100 {
                    entry.diagnostics.append(
                        QTIReader.notMapped(
                            answer, "partial credit (\(fraction(answer)) %) for \"\(text)\": accepted as right"))
                }
                if !text.isEmpty, !accepted.contains(text) { accepted.append(text) }
            }
            item.responses = [
                ImportedResponse(
                    id: "reponse", kind: .text(format: .words, tolerances: caseSensitive ? [] : [.t1]),
                    acceptedAnswers: accepted)
            ]
            item.stem.blocks.append(.paragraph("<blank response=\"reponse\"/>"))
        case "numerical":
            item.type = .qroc
            var accepted: [String] = []
            for answer in answers where fraction(answer) > 0 {
                let text = answerText(answer)
                let tolerance = Double(DOMText.trim(answer.element(named: "tolerance")?.text ?? "0")) ?? 0
                if tolerance != 0 {
                    entry.diagnostics.append(
                        QTIReader.notMapped(
                            answer,
                            "the tolerance ±\(DOMText.trim(answer.element(named: "tolerance")?.text ?? "")) of \(text) cannot be expressed: only \(text) itself is accepted"
                        ))
                }
                if fraction(answer) < 100 {
                    entry.diagnostics.append(
                        QTIReader.notMapped(
                            answer, "partial credit (\(fraction(answer)) %) for \(text): accepted as right"))
                }
                if !text.isEmpty, !accepted.contains(text) { accepted.append(text) }
            }
            if let units = question.element(named: "units"), !units.elements.isEmpty {
                entry.diagnostics.append(QTIReader.notMapped(units, "units are not imported"))
            }
            item.responses = [
                ImportedResponse(id: "reponse", kind: .text(format: .number, tolerances: []), acceptedAnswers: accepted)
            ]
            item.stem.blocks.append(.paragraph("<blank response=\"reponse\"/>"))
        case "description":
            entry.reason = "description (not a question)"
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .info, location: question.location,
                    message: "a description is text without a question: nothing to import"))
            return
        default:
            entry.reason = "unsupported type \(type)"
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .error, location: question.location,
                    message:
                        "Moodle question type \"\(type)\" is not supported: the item format has qcu, qcm and typed responses"
                ))
            return
        }
        entry.item = item
    }

    /// A GIFT question as an imported item (or the reason it is not one).
    static func convert(_ question: GIFTQuestion, path: String, language: String) -> Question {
        let identifier = question.title ?? String(FlowText.collapse(question.stem).prefix(60))
        var entry = Question(
            item: nil, sourceIdentifier: identifier.isEmpty ? baseName(path) : identifier,
            kind: question.kind.rawValue, location: question.location, diagnostics: [], reason: nil)
        var builder = FlowBuilder()
        let isHTML = question.format == "html" || (question.format == nil && question.stem.contains("</"))
        func add(_ text: String) {
            if isHTML {
                builder.addContent(of: SourceTreeReader.readHTMLFragment(text, location: question.location))
            } else {
                for paragraph in text.components(separatedBy: "\n\n") { builder.addParagraph(plain: paragraph) }
            }
        }
        add(question.stem)
        var stem = builder.result()
        entry.diagnostics += builder.diagnostics
        for image in builder.images {
            entry.diagnostics.append(QTIReader.notMapped(image, "images of GIFT questions are not imported"))
        }
        if question.format == "markdown" {
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.not-mapped", severity: .warning, location: question.location,
                    message: "[markdown] text is imported as plain text"))
        }
        func appendAfter(blank: String?) {
            let after = RichText.escape(FlowText.collapse(question.stemAfter))
            guard blank != nil || !after.isEmpty else { return }
            let markup = [blank ?? "…", after].filter { !$0.isEmpty }.joined(separator: " ")
            if case .paragraph(let last)? = stem.blocks.last, !question.stemAfter.isEmpty {
                stem.blocks[stem.blocks.count - 1] = .paragraph(last + " " + markup)
            } else if !question.stemAfter.isEmpty || blank != nil {
                stem.blocks.append(.paragraph(markup))
            }
        }
        var item = ImportedItem(
            id: entry.sourceIdentifier, sourceIdentifier: entry.sourceIdentifier, type: .qcu, language: language,
            stem: stem, folder: MoodleReader.folderPath(question.category), source: question.location)
        if question.answers.contains(where: { $0.feedback != nil }) {
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.not-mapped", severity: .warning, location: question.location,
                    message: "per-answer feedback (#…) is not imported"))
        }
        switch question.kind {
        case .multipleChoice:
            let weighted = question.answers.contains { $0.weight != nil }
            let keys = question.answers.filter { $0.isCorrect || ($0.weight ?? 0) > 0 }
            item.type = keys.count == 1 && !weighted ? .qcu : .qcm
            if weighted {
                entry.diagnostics.append(
                    Diagnostic(
                        ruleID: "import.not-mapped", severity: .info, location: question.location,
                        message: "%weights% are scored all-or-nothing: the answers with a positive weight are the keys")
                )
            }
            item.choices = question.answers.map {
                ImportedChoice(id: nil, isKey: $0.isCorrect || ($0.weight ?? 0) > 0, text: RichText.escape($0.text))
            }
            appendAfter(blank: nil)
            item.stem = stem
        case .trueFalse:
            let labels = language.hasPrefix("fr") ? ("Vrai", "Faux") : ("True", "False")
            item.choices = [
                ImportedChoice(id: "vrai", isKey: question.truth == true, text: labels.0),
                ImportedChoice(id: "faux", isKey: question.truth == false, text: labels.1),
            ]
            appendAfter(blank: nil)
            item.stem = stem
        case .shortAnswer:
            item.type = .qroc
            var accepted: [String] = []
            for answer in question.answers where !accepted.contains(answer.text) && (answer.weight ?? 100) > 0 {
                if let weight = answer.weight, weight < 100 {
                    entry.diagnostics.append(
                        Diagnostic(
                            ruleID: "import.not-mapped", severity: .warning, location: question.location,
                            message: "partial credit (\(weight) %) for \"\(answer.text)\": accepted as right"))
                }
                accepted.append(answer.text)
            }
            item.responses = [
                ImportedResponse(
                    id: "reponse", kind: .text(format: .words, tolerances: [.t1]), acceptedAnswers: accepted)
            ]
            appendAfter(blank: "<blank response=\"reponse\"/>")
            item.stem = stem
        case .numerical:
            item.type = .qroc
            var accepted: [String] = []
            for answer in question.numericalAnswers where (answer.weight ?? 100) > 0 {
                if answer.isRange {
                    entry.reason = "numerical range"
                    entry.diagnostics.append(
                        Diagnostic(
                            ruleID: "import.unsupported", severity: .error, location: question.location,
                            message: "the numerical range \(answer.text) cannot be expressed by accepted answers"))
                    return entry
                }
                if answer.margin != 0 {
                    entry.diagnostics.append(
                        Diagnostic(
                            ruleID: "import.not-mapped", severity: .warning, location: question.location,
                            message:
                                "the margin ±\(answer.margin) of \(answer.text) cannot be expressed: only \(answer.text) is accepted"
                        ))
                }
                if let weight = answer.weight, weight < 100 {
                    entry.diagnostics.append(
                        Diagnostic(
                            ruleID: "import.not-mapped", severity: .warning, location: question.location,
                            message: "partial credit (\(weight) %) for \(answer.text): accepted as right"))
                }
                if !accepted.contains(answer.text) { accepted.append(answer.text) }
            }
            item.responses = [
                ImportedResponse(id: "reponse", kind: .text(format: .number, tolerances: []), acceptedAnswers: accepted)
            ]
            appendAfter(blank: "<blank response=\"reponse\"/>")
            item.stem = stem
        case .matching, .essay:
            entry.reason = "unsupported \(question.kind == .matching ? "matching" : "essay")"
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .error, location: question.location,
                    message:
                        "GIFT \(question.kind == .matching ? "matching" : "essay") questions are not supported: the item format has qcu, qcm and typed responses"
                ))
            return entry
        case .description:
            entry.reason = "description (not a question)"
            entry.diagnostics.append(
                Diagnostic(
                    ruleID: "import.unsupported", severity: .info, location: question.location,
                    message: "text without an answer block is a description: nothing to import"))
            return entry
        }
        entry.item = item
        return entry
    }
}

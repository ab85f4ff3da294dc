import Foundation
import ItemBankLint
import ItemBankModel
import ItemBankXML

// MARK: - Code actions

extension LanguageServer {

    func textEdits(_ edits: [FixIt.Edit], in document: TextDocument) -> [TextEdit]? {
        var result: [TextEdit] = []
        for edit in edits {
            let end = edit.offset + edit.length
            guard edit.offset >= 0, end <= document.bytes.count,
                Array(document.bytes[edit.offset..<end]) == Array(edit.original.utf8)
            else { return nil }  // the text changed since it was checked
            result.append(
                TextEdit(
                    range: Range(
                        start: document.position(byteOffset: edit.offset), end: document.position(byteOffset: end)),
                    newText: edit.replacement))
        }
        return result
    }

    /// Fix-its of the diagnostics in the range, "disable this rule for this element / this file", and
    /// "fix all typography in this file".
    mutating func codeActions(_ params: CodeActionParams) -> [CodeAction] {
        guard let path = Self.path(of: params.textDocument.uri), let open = documents[path],
            let root = open.bankRoot, let found = banks[root]?.diagnostics(for: [path])
        else { return [] }
        let diagnostics = found[path] ?? []
        let document = open.document
        let uri = open.uri
        var actions: [CodeAction] = []
        for diagnostic in diagnostics {
            let converted = convert(diagnostic)
            guard converted.range.start.line <= params.range.end.line,
                converted.range.end.line >= params.range.start.line
            else { continue }
            for fixIt in diagnostic.fixIts {
                guard let edits = textEdits(fixIt.edits, in: document) else { continue }
                actions.append(
                    CodeAction(
                        title: fixIt.message, kind: "quickfix", diagnostics: [converted], isPreferred: true,
                        edit: WorkspaceEdit(changes: [uri: edits])))
            }
            guard diagnostic.location.line >= 1, !Catalogue.protectedRuleIDs.contains(diagnostic.ruleID),
                !XMLRules.all.contains(where: { $0.id == diagnostic.ruleID })
            else { continue }
            let lineStart = document.lineStarts[min(diagnostic.location.line - 1, document.lineStarts.count - 1)]
            let offset = document.byteOffset(of: converted.range.start)
            // The element the diagnostic is in (its start tag when the diagnostic points into one).
            let probe = offset < document.bytes.count && document.bytes[offset] == 60 ? offset + 1 : offset
            if let element = MarkupContext.enclosingElement(document.bytes, before: max(probe, lineStart)) {
                let tagLine = document.position(byteOffset: element.offset).line
                let indentation = document.lineBytes(tagLine).prefix { $0 == 32 || $0 == 9 }
                let newText =
                    "<?itembank-disable \(diagnostic.ruleID)?>\n" + String(decoding: indentation, as: UTF8.self)
                let position = document.position(byteOffset: element.offset)
                actions.append(
                    CodeAction(
                        title: "Disable \(diagnostic.ruleID) for this <\(element.name)> element", kind: "quickfix",
                        diagnostics: [converted], isPreferred: nil,
                        edit: WorkspaceEdit(changes: [
                            uri: [TextEdit(range: Range(start: position, end: position), newText: newText)]
                        ])))
            }
            // The whole file: after the XML declaration.
            let firstLine = String(decoding: document.lineBytes(0), as: UTF8.self)
            let fileLine = firstLine.hasPrefix("<?xml") ? 1 : 0
            let filePosition = Position(line: fileLine, character: 0)
            actions.append(
                CodeAction(
                    title: "Disable \(diagnostic.ruleID) for this file", kind: "quickfix", diagnostics: [converted],
                    isPreferred: nil,
                    edit: WorkspaceEdit(changes: [
                        uri: [
                            TextEdit(
                                range: Range(start: filePosition, end: filePosition),
                                newText: "<?itembank-disable-file \(diagnostic.ruleID)?>\n")
                        ]
                    ])))
        }
        let typography = diagnostics.filter { $0.ruleID.hasPrefix("typo.") && !$0.fixIts.isEmpty }
        let plan = FixPlan(diagnostics: typography)
        if let file = plan.files.first, let edits = textEdits(file.edits, in: document), !edits.isEmpty {
            actions.append(
                CodeAction(
                    title: "Fix all typography in this file (\(file.fixCount) fixes)", kind: "source.fixAll.itembank",
                    diagnostics: nil, isPreferred: nil, edit: WorkspaceEdit(changes: [uri: edits])))
        }
        return actions
    }
}

// MARK: - Completion

extension LanguageServer {
    mutating func completion(_ params: PositionParams) -> CompletionList {
        guard let path = Self.path(of: params.textDocument.uri), let open = documents[path] else {
            return CompletionList(isIncomplete: false, items: [])
        }
        let bank = open.bankRoot.flatMap { banks[$0] }
        let document = open.document
        let offset = document.byteOffset(of: params.position)
        let context = MarkupContext(bytes: document.bytes, offset: offset)
        let replaced = Range(start: document.position(byteOffset: context.prefixStart), end: params.position)
        func item(
            _ label: String, kind: Int, detail: String? = nil, documentation: String? = nil, sort: Int? = nil
        )
            -> CompletionItem
        {
            CompletionItem(
                label: label, kind: kind, detail: detail,
                documentation: documentation.map { MarkupContent(kind: "markdown", value: $0) },
                textEdit: TextEdit(range: replaced, newText: label),
                sortText: sort.map { String(format: "%05d", $0) }, filterText: nil)
        }
        var items: [CompletionItem] = []
        switch context.place {
        case .elementName(let parent):
            let names =
                parent.flatMap { ItemSchemaVocabulary.elements[$0]?.children }
                ?? (parent == nil ? ["item"] : ItemSchemaVocabulary.elements.keys.sorted())
            items = names.enumerated().map { item($1, kind: 10, detail: "element", sort: $0) }
        case .attributeName(let element):
            let attributes = ItemSchemaVocabulary.elements[element]?.attributes ?? []
            items = attributes.enumerated().map {
                item($1.name, kind: 5, detail: $1.required ? "required attribute" : "attribute", sort: $0)
            }
        case .attributeValue(let element, let attribute):
            switch (element, attribute) {
            case ("item", "skill"):
                items = skillCompletions(bank).enumerated().map {
                    item($1.label, kind: 12, detail: $1.detail, documentation: $1.documentation, sort: $0)
                }
            case ("item", "prototype"):
                let prototypes = (bank?.allItems ?? []).filter { $0.genealogy == .prototype }
                    .sorted { $0.id < $1.id }
                items = prototypes.enumerated().map {
                    item(
                        $1.id, kind: 18, detail: "prototype · \($1.skill) · \($1.type.rawValue)",
                        documentation: relativePath($1.location.path, bank), sort: $0)
                }
            case ("illustration", "src"), ("attachment", "src"):
                let files = (bank?.mediaFiles ?? []).sorted()
                items = files.enumerated().map {
                    item($1, kind: 17, detail: "media/" + $1, sort: $0)
                }
            default:
                let values =
                    ItemSchemaVocabulary.elements[element]?.attributes.first { $0.name == attribute }?.values ?? []
                items = values.enumerated().map { item($1, kind: 12, detail: "\(attribute) value", sort: $0) }
            }
        case .suppression:
            items = Catalogue.descriptions.enumerated().map {
                item($1.id, kind: 14, detail: $1.summary, documentation: RuleReference.explanation($1), sort: $0)
            }
        case .text:
            items = []
        }
        return CompletionList(isIncomplete: false, items: items)
    }

    func relativePath(_ path: String, _ bank: IndexedBank?) -> String {
        guard let root = bank?.root, path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    /// Skill ids in framework order: detail "tube title · level N", documentation with the competence,
    /// tube and description.
    func skillCompletions(_ bank: IndexedBank?) -> [(label: String, detail: String, documentation: String)] {
        guard let framework = bank?.framework else { return [] }
        var result: [(String, String, String)] = []
        for competence in framework.competences {
            for tube in competence.tubes {
                for skill in tube.skills {
                    result.append(
                        (
                            skill.name, "\(tube.title) · level \(skill.level)",
                            skillDocumentation(competence: competence, tube: tube, skill: skill)
                        ))
                }
            }
        }
        return result
    }

    func skillDocumentation(competence: Competence, tube: Tube, skill: Skill) -> String {
        var text = "**\(skill.name)** (level \(skill.level), \(skill.status.rawValue))\n\n"
        text += "- competence \(competence.code): \(competence.title)\n"
        text += "- tube \(tube.name): \(tube.title)\n"
        if let description = skill.description { text += "\n\(description)\n" }
        return text
    }
}

// MARK: - Hover, definition, symbols

extension LanguageServer {
    func skillPath(_ name: String, _ bank: IndexedBank?) -> Framework.SkillPath? {
        bank?.framework?.skillIndex()[name]
    }

    mutating func hover(_ params: PositionParams) -> Hover? {
        guard let path = Self.path(of: params.textDocument.uri), let open = documents[path] else { return nil }
        let bank = open.bankRoot.flatMap { banks[$0] }
        let document = open.document
        guard let (word, span) = MarkupContext.word(document.bytes, at: document.byteOffset(of: params.position))
        else { return nil }
        let range = Range(
            start: document.position(byteOffset: span.lowerBound), end: document.position(byteOffset: span.upperBound))
        if let found = skillPath(word, bank) {
            return Hover(
                contents: MarkupContent(
                    kind: "markdown",
                    value: skillDocumentation(competence: found.competence, tube: found.tube, skill: found.skill)),
                range: range)
        }
        if let rule = Catalogue.description(of: word) {
            return Hover(
                contents: MarkupContent(
                    kind: "markdown", value: "```text\n" + RuleReference.explanation(rule) + "```\n"),
                range: range)
        }
        return nil
    }

    mutating func definition(_ params: PositionParams) -> Location? {
        guard let path = Self.path(of: params.textDocument.uri), let open = documents[path] else { return nil }
        let bank = open.bankRoot.flatMap { banks[$0] }
        let document = open.document
        let offset = document.byteOffset(of: params.position)
        guard let (word, _) = MarkupContext.word(document.bytes, at: offset) else { return nil }
        if let found = skillPath(word, bank), let frameworkPath = bank?.frameworkPath {
            let location = found.skill.location
            return Location(
                uri: uri(of: frameworkPath),
                range: range(of: SourceLocation(path: frameworkPath, line: location.line, column: location.column)))
        }
        if case .attributeValue(_, "prototype") = MarkupContext(bytes: document.bytes, offset: offset).place,
            let prototype = bank?.allItems.first(where: { $0.id == word && $0.genealogy == .prototype })
                ?? bank?.allItems.first(where: { $0.id == word })
        {
            return Location(uri: uri(of: prototype.location.path), range: range(of: prototype.idLocation))
        }
        return nil
    }

    /// The item's parts: stem, illustration, choices (each choice), responses (each response or
    /// dropdown), groups, calibration, solution, feedback. Found in the text, so that a document that
    /// does not pass its schema still has its outline.
    func documentSymbols(_ params: DocumentParams) -> [DocumentSymbol] {
        guard let path = Self.path(of: params.textDocument.uri), let open = documents[path] else { return [] }
        let document = open.document
        let bytes = document.bytes
        let outline: [String: Int] = [
            "item": 5, "stem": 15, "illustration": 17, "attachment": 17, "embed": 17, "choices": 10, "choice": 22,
            "responses": 10, "response": 8, "dropdown": 8, "groups": 10, "group": 8, "calibration": 14,
            "solution": 15, "feedback": 15,
        ]
        struct Open {
            var tag: String
            var name: String
            var start: Int
            var selectionEnd: Int
            var detail: String?
            var children: [DocumentSymbol]
        }
        var stack: [Open] = []
        var roots: [DocumentSymbol] = []
        var choiceNumber = 0
        var index = 0
        func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> String? {
            let text = String(decoding: tag, as: UTF8.self)
            guard let found = text.range(of: " \(name)=\"") ?? text.range(of: "\n\(name)=\"") else { return nil }
            return String(text[found.upperBound...].prefix { $0 != "\"" })
        }
        func textContent(_ from: Int, _ to: Int) -> String {
            var result = ""
            var inTag = false
            for scalar in String(decoding: bytes[from..<to], as: UTF8.self).unicodeScalars {
                if scalar == "<" {
                    inTag = true
                } else if scalar == ">" {
                    inTag = false
                } else if !inTag {
                    result.unicodeScalars.append(scalar)
                }
            }
            let words = result.split { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.joined(separator: " ")
            return words.count > 60 ? String(words.prefix(59)) + "…" : words
        }
        func finish(_ element: Open, end: Int) {
            var symbol = DocumentSymbol(
                name: element.name, detail: element.detail, kind: outline[element.tag] ?? 13,
                range: Range(
                    start: document.position(byteOffset: element.start), end: document.position(byteOffset: end)),
                selectionRange: Range(
                    start: document.position(byteOffset: element.start),
                    end: document.position(byteOffset: element.selectionEnd)),
                children: element.children.isEmpty ? nil : element.children)
            if element.tag == "choice" {
                symbol.detail = (element.detail ?? "") + textContent(element.selectionEnd, end)
            } else if ["stem", "solution", "feedback"].contains(element.tag) {
                symbol.detail = textContent(element.selectionEnd, end)
            }
            if stack.isEmpty { roots.append(symbol) } else { stack[stack.count - 1].children.append(symbol) }
        }
        while index < bytes.count {
            guard bytes[index] == 60 else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != 62 { end += 1 }
            let tagEnd = min(end + 1, bytes.count)
            let closing = index + 1 < bytes.count && bytes[index + 1] == 47
            var nameStart = index + (closing ? 2 : 1)
            if nameStart > bytes.count { nameStart = bytes.count }
            var nameEnd = nameStart
            while nameEnd < bytes.count, MarkupContext.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            let selfClosing = end > index && end < bytes.count && bytes[end - 1] == 47
            if outline[name] != nil {
                if closing {
                    if let last = stack.last, last.tag == name {
                        stack.removeLast()
                        finish(last, end: tagEnd)
                    }
                } else {
                    var display = name
                    var detail: String?
                    let tag = bytes[index..<tagEnd]
                    switch name {
                    case "item":
                        display = attribute("id", in: tag) ?? "item"
                        detail = [attribute("type", in: tag), attribute("skill", in: tag)].compactMap { $0 }
                            .joined(separator: " · ")
                    case "choices": choiceNumber = 0
                    case "choice":
                        choiceNumber += 1
                        display = "choice \(choiceNumber)"
                        detail = attribute("key", in: tag) == "true" ? "key: " : ""
                    case "response", "dropdown":
                        display = name + " " + (attribute("id", in: tag) ?? "")
                        detail = attribute("format", in: tag)
                    case "illustration", "attachment": detail = attribute("src", in: tag)
                    case "feedback": detail = attribute("outcome", in: tag)
                    default: break
                    }
                    let element = Open(
                        tag: name, name: display, start: index, selectionEnd: tagEnd, detail: detail, children: [])
                    if selfClosing {
                        finish(element, end: tagEnd)
                    } else {
                        stack.append(element)
                    }
                }
            }
            index = tagEnd
        }
        // Elements left open (a half-typed document) end at the end of the text.
        while let last = stack.popLast() { finish(last, end: bytes.count) }
        return roots
    }
}

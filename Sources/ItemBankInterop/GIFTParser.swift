import ItemBankModel

/// A question of a GIFT file (Moodle's "General Import Format Technology"), as written.
public struct GIFTQuestion: Hashable, Sendable {
    /// The kinds of question the GIFT grammar has.
    public enum Kind: String, Hashable, Sendable, Codable {
        case multipleChoice = "MC"
        case trueFalse = "TF"
        case shortAnswer = "Short"
        case numerical = "Numerical"
        case matching = "Matching"
        case essay = "Essay"
        /// Text without an answer block.
        case description = "Description"
    }

    /// One answer of the answer block.
    public struct Answer: Hashable, Sendable {
        /// Written with `=` (right) rather than `~` (wrong).
        public var isCorrect: Bool
        /// The `%n%` weight, nil when absent.
        public var weight: Double?
        /// The text, unescaped (for matching: the left side).
        public var text: String
        /// For matching: the right side of `->`.
        public var match: String?
        public var feedback: String?
    }

    /// A numerical answer: a value with a margin, or a range.
    public struct NumericalAnswer: Hashable, Sendable {
        public var value: Double
        /// The `:margin` (0 when absent), or half the range.
        public var margin: Double
        /// Written as `min..max`.
        public var isRange: Bool
        public var weight: Double?
        public var text: String
    }

    public var kind: Kind
    public var title: String?
    /// `[html]`, `[moodle]`, `[plain]`, `[markdown]`, nil when absent.
    public var format: String?
    /// The question text, unescaped; for the missing-word form, the text before the answer block.
    public var stem: String
    /// The text after the answer block (the missing-word form), unescaped, trimmed; "" when none.
    public var stemAfter: String
    public var answers: [Answer]
    public var numericalAnswers: [NumericalAnswer]
    /// For true/false: the right answer.
    public var truth: Bool?
    /// `$CATEGORY:` in force, "" for none.
    public var category: String
    /// Where the question starts.
    public var location: SourceLocation
}

/// A parser for GIFT, the grammar of Moodle's `format/gift/format.php`: comments (`//`), blank-line
/// separated questions, `$CATEGORY:`, `::title::`, `[format]`, the answer block `{…}` with `=`, `~`,
/// `%weight%`, `#feedback`, `->` (matching), `#` (numerical: `value:margin`, `min..max`), `T`/`F`, and
/// the escapes `\~ \= \# \{ \} \: \\ \n`.
public enum GIFTParser {
    /// Parses a whole file. Malformed questions become `import.gift-syntax` errors with their line and
    /// column; the others are returned.
    public static func parse(_ text: String, path: String) -> ([GIFTQuestion], [Diagnostic]) {
        var questions: [GIFTQuestion] = []
        var diagnostics: [Diagnostic] = []
        var category = ""
        for block in blocks(text) {
            let trimmed = DOMText.trim(block.text)
            let location = SourceLocation(path: path, line: block.line, column: 1)
            if trimmed.hasPrefix("$CATEGORY:") {
                category = DOMText.trim(String(trimmed.dropFirst("$CATEGORY:".count)))
                continue
            }
            switch question(trimmed, category: category, location: location) {
            case .success(let value): questions.append(value)
            case .failure(let error):
                diagnostics.append(
                    Diagnostic(
                        ruleID: "import.gift-syntax", severity: .error,
                        location: SourceLocation(path: path, line: block.line + error.lineOffset, column: 1),
                        message: error.message, help: "fix the GIFT source (escape a literal ~ = # { } : with \\)"))
            }
        }
        return (questions, diagnostics)
    }

    struct SyntaxError: Error {
        var message: String
        var lineOffset: Int
    }

    struct Block {
        var text: String
        var line: Int
    }

    /// Splits the file into question blocks: blank lines separate questions (not inside `{…}`), `//`
    /// lines are comments, `$CATEGORY:` lines are blocks of their own.
    static func blocks(_ text: String) -> [Block] {
        var result: [Block] = []
        var current: [Substring] = []
        var start = 0
        var depth = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        func close() {
            let joined = current.joined(separator: "\n")
            if !DOMText.trim(joined).isEmpty { result.append(Block(text: joined, line: start)) }
            current = []
        }
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            let stripped = line.drop(while: { $0 == " " || $0 == "\t" })
            if stripped.hasPrefix("//") { continue }
            if depth == 0, stripped.isEmpty {
                close()
                continue
            }
            if depth == 0, stripped.hasPrefix("$CATEGORY:") {
                close()
                result.append(Block(text: String(stripped), line: lineNumber))
                continue
            }
            if current.isEmpty {
                start = lineNumber
                if index == 0, line.hasPrefix("\u{FEFF}") {
                    current.append(line.dropFirst())
                } else {
                    current.append(line)
                }
            } else {
                current.append(line)
            }
            depth = max(0, depth + braceBalance(line))
        }
        close()
        return result
    }

    private static func braceBalance(_ line: Substring) -> Int {
        var balance = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "{": balance += 1
            case "}": balance -= 1
            default: break
            }
        }
        return balance
    }

    /// Positions of unescaped occurrences of `target` in `characters` from `start`.
    private static func find(_ target: Character, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            if characters[index] == target { return index }
            index += 1
        }
        return nil
    }

    static func question(
        _ text: String, category: String, location: SourceLocation
    ) -> Result<
        GIFTQuestion, SyntaxError
    > {
        var characters = Array(text)
        var title: String?
        if characters.starts(with: [":", ":"]) {
            var index = 2
            var end: Int?
            while index + 1 < characters.count {
                if characters[index] == "\\" {
                    index += 2
                    continue
                }
                if characters[index] == ":", characters[index + 1] == ":" {
                    end = index
                    break
                }
                index += 1
            }
            guard let end else {
                return .failure(SyntaxError(message: "the title (::title::) is not closed", lineOffset: 0))
            }
            title = DOMText.trim(unescape(String(characters[2..<end])))
            characters = Array(characters[(end + 2)...])
        }
        var before: String
        var answerText: String?
        var after = ""
        if let open = find("{", in: characters, from: 0) {
            guard let close = find("}", in: characters, from: open + 1) else {
                let line = characters[..<open].filter { $0 == "\n" }.count
                return .failure(SyntaxError(message: "the answer block ({…}) is not closed", lineOffset: line))
            }
            before = String(characters[..<open])
            answerText = String(characters[(open + 1)..<close])
            after = String(characters[(close + 1)...])
            if find("{", in: characters, from: close + 1) != nil {
                let line = characters[..<close].filter { $0 == "\n" }.count
                return .failure(
                    SyntaxError(message: "a question has one answer block; a second { follows", lineOffset: line))
            }
        } else {
            before = String(characters)
        }
        var format: String?
        let leading = DOMText.trim(before)
        if leading.hasPrefix("["), let close = leading.firstIndex(of: "]") {
            let name = String(leading[leading.index(after: leading.startIndex)..<close]).lowercased()
            if ["html", "moodle", "plain", "markdown"].contains(name) {
                format = name
                before = String(leading[leading.index(after: close)...])
            }
        }
        var question = GIFTQuestion(
            kind: .description, title: title, format: format, stem: DOMText.trim(unescape(before)),
            stemAfter: DOMText.trim(unescape(after)), answers: [], numericalAnswers: [], truth: nil, category: category,
            location: location)
        guard let answerText else { return .success(question) }
        let body = DOMText.trim(answerText)
        if body.isEmpty {
            question.kind = .essay
            return .success(question)
        }
        let head = body.prefix(while: { $0 != "#" }).trimmingCharacters(in: " \t\n\r")
        if ["T", "TRUE", "F", "FALSE"].contains(head.uppercased()), !body.hasPrefix("#") {
            question.kind = .trueFalse
            question.truth = head.uppercased().hasPrefix("T")
            return .success(question)
        }
        if body.hasPrefix("#") {
            question.kind = .numerical
            do {
                question.numericalAnswers = try numerical(String(body.dropFirst()))
            } catch let error as SyntaxError {
                return .failure(error)
            } catch {}
            return .success(question)
        }
        var answers = splitAnswers(Array(body))
        if answers.isEmpty {
            // `{One}`: a single right short answer may be written without `=`.
            answers = splitAnswers(Array("=" + body))
        }
        question.answers = answers
        if answers.allSatisfy({ $0.isCorrect && $0.text.contains("->") }) {
            // Matching: every answer is `=left -> right` (a `~` answer makes it a multiple choice).
            question.kind = .matching
            question.answers = answers.map { answer in
                var pair = answer
                if let arrow = answer.text.range(of: "->") {
                    pair.text = DOMText.trim(String(answer.text[..<arrow.lowerBound]))
                    pair.match = DOMText.trim(String(answer.text[arrow.upperBound...]))
                }
                return pair
            }
        } else if answers.allSatisfy(\.isCorrect) {
            question.kind = .shortAnswer
        } else {
            question.kind = .multipleChoice
        }
        return .success(question)
    }

    /// Splits `=a ~b ~%50%c#feedback` into answers.
    static func splitAnswers(_ characters: [Character]) -> [GIFTQuestion.Answer] {
        var raw: [(Bool, String)] = []
        var index = 0
        var current: (Bool, [Character])?
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                current?.1 += [character, characters[index + 1]]
                index += 2
                continue
            }
            if character == "=" || character == "~" {
                // "->" inside a matching answer is not a separator; "=" only starts an answer.
                if let open = current { raw.append((open.0, String(open.1))) }
                current = (character == "=", [])
                index += 1
                continue
            }
            current?.1.append(character)
            index += 1
        }
        if let open = current { raw.append((open.0, String(open.1))) }
        return raw.map { isCorrect, text in
            var body = Array(text)
            var weight: Double?
            let trimmedStart = body.firstIndex(where: { !$0.isWhitespace }) ?? body.count
            body = Array(body[trimmedStart...])
            if body.first == "%", let end = body.dropFirst().firstIndex(of: "%") {
                weight = Double(String(body[1..<end]))
                body = Array(body[(end + 1)...])
            }
            var feedback: String?
            if let hash = find("#", in: body, from: 0) {
                feedback = DOMText.trim(unescape(String(body[(hash + 1)...])))
                body = Array(body[..<hash])
            }
            var answer = String(body)
            // An answer may start with its own [format] (Moodle writes `[markdown]…`): not part of the text.
            let lead = answer.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })
            for format in ["[html]", "[moodle]", "[plain]", "[markdown]"] where lead.lowercased().hasPrefix(format) {
                answer = String(lead.dropFirst(format.count))
            }
            return GIFTQuestion.Answer(
                isCorrect: isCorrect, weight: weight, text: DOMText.trim(unescape(answer)), match: nil,
                feedback: feedback)
        }
    }

    static func numerical(_ text: String) throws -> [GIFTQuestion.NumericalAnswer] {
        let body = DOMText.trim(text)
        var entries: [(Double?, String)] = []
        if body.hasPrefix("=") {
            // `~` answers of a numerical question are wrong answers (with their feedback): not kept.
            for answer in splitAnswers(Array(body)) where answer.isCorrect {
                entries.append((answer.weight, answer.text))
            }
        } else {
            let characters = Array(body)
            let end = find("#", in: characters, from: 0) ?? characters.count
            entries.append((nil, DOMText.trim(String(characters[..<end]))))
        }
        return try entries.map { weight, raw in
            let text = unescape(raw)
            if let range = text.range(of: "..") {
                guard let low = Double(DOMText.trim(String(text[..<range.lowerBound]))),
                    let high = Double(DOMText.trim(String(text[range.upperBound...])))
                else { throw SyntaxError(message: "numerical range \"\(text)\" is not min..max", lineOffset: 0) }
                return GIFTQuestion.NumericalAnswer(
                    value: (low + high) / 2, margin: (high - low) / 2, isRange: true, weight: weight, text: text)
            }
            let parts = text.split(separator: ":", maxSplits: 1).map { DOMText.trim(String($0)) }
            guard let first = parts.first, let value = Double(first) else {
                throw SyntaxError(message: "numerical answer \"\(text)\" is not a number", lineOffset: 0)
            }
            var margin = 0.0
            if parts.count == 2 {
                guard let parsed = Double(parts[1]) else {
                    throw SyntaxError(message: "numerical margin in \"\(text)\" is not a number", lineOffset: 0)
                }
                margin = parsed
            }
            return GIFTQuestion.NumericalAnswer(
                value: value, margin: margin, isRange: false, weight: weight, text: first)
        }
    }

    /// Removes GIFT escapes: `\~ \= \# \{ \} \: \\` become the character, `\n` a line break.
    public static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
                switch character {
                case "n": out.append("\n")
                case "~", "=", "#", "{", "}", ":", "\\": out.append(character)
                default:
                    out.append("\\")
                    out.append(character)
                }
                continue
            }
            if character == "\\" {
                escaped = true
                continue
            }
            out.append(character)
        }
        if escaped { out.append("\\") }
        return out
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}

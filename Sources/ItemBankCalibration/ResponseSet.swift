import Foundation

/// Scored responses in long format (`person,item,score`), held as compact arrays: memory is linear in the
/// number of responses, never persons × items.
///
/// Responses are grouped by person (compressed rows): the responses of person `p` are
/// `codes[personStart[p] ..< personStart[p + 1]]`, each code being `item × 2 + score`.
public struct ResponseSet: Sendable {
    /// Item identifiers, by item index (first appearance order).
    public internal(set) var itemIDs: [String]
    /// Person identifiers, by person index (first appearance order).
    public internal(set) var personIDs: [String]
    /// Start of each person's responses in `codes`; `personIDs.count + 1` entries.
    public internal(set) var personStart: [Int32]
    /// One code per response: `item × 2 + score` (score 0 or 1).
    public internal(set) var codes: [Int32]
    /// Where each item first appears (file and 1-based line), by item index, for diagnostics.
    public internal(set) var itemOrigins: [CalibrationInputError.Problem] = []

    /// Number of responses.
    public var count: Int { codes.count }

    /// Builds a set from responses given as (person, item, score) triples of indices.
    ///
    /// - Throws: `CalibrationInputError` when a score is not 0 or 1, an index is out of range, or a
    ///   person answered an item twice.
    public init(
        itemIDs: [String], personIDs: [String], responses: [(person: Int, item: Int, score: Int)]
    ) throws {
        var problems: [CalibrationInputError.Problem] = []
        for (index, response) in responses.enumerated() {
            if response.score != 0 && response.score != 1 {
                problems.append(.init(file: "", line: index + 1, message: "score \(response.score) is not 0 or 1"))
            }
            if response.item < 0 || response.item >= itemIDs.count || response.person < 0
                || response.person >= personIDs.count
            {
                problems.append(.init(file: "", line: index + 1, message: "person or item index out of range"))
            }
        }
        if !problems.isEmpty { throw CalibrationInputError(problems: problems) }
        var builder = Builder()
        builder.itemIDs = itemIDs
        builder.personIDs = personIDs
        for (index, response) in responses.enumerated() {
            builder.persons.append(Int32(response.person))
            builder.codes.append(Int32(response.item * 2 + response.score))
            builder.lines.append(Int32(index + 1))
        }
        builder.fileEnds.append((file: "", end: responses.count))
        self = try builder.build()
    }

    init(itemIDs: [String], personIDs: [String], personStart: [Int32], codes: [Int32]) {
        self.itemIDs = itemIDs
        self.personIDs = personIDs
        self.personStart = personStart
        self.codes = codes
    }

    /// Reads one or more long-format CSV files (`person,item,score` with a header row; columns in any
    /// order, extra columns such as a time or a bank digest ignored; CRLF or LF line ends; a UTF-8 byte
    /// order mark allowed). A person is the same person across files when the identifier is the same.
    ///
    /// - Throws: `CalibrationInputError` with every problem found (file, line, what to do): a missing
    ///   header, a row with too few fields, a score that is not 0 or 1, an empty identifier, the same
    ///   (person, item) twice. Nothing is estimated from a file with problems.
    public static func read(files: [(path: String, contents: [UInt8])]) throws -> ResponseSet {
        var reader = Reader()
        for file in files {
            file.contents.withUnsafeBytes { reader.add($0, path: file.path) }
        }
        return try reader.finish()
    }

    /// Reads files from disk, one at a time (each file's bytes are released before the next is read);
    /// see `read(files:)`.
    public static func read(paths: [String]) throws -> ResponseSet {
        var reader = Reader()
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CalibrationInputError(problems: [
                    .init(file: path, line: 0, message: "cannot read the file (does it exist?)")
                ])
            }
            data.withUnsafeBytes { reader.add($0, path: path) }
        }
        return try reader.finish()
    }

    /// Accumulates files.
    private struct Reader {
        var builder = Builder()
        var items: [String: Int32] = [:]
        var persons: [String: Int32] = [:]
        var problems: [CalibrationInputError.Problem] = []

        mutating func add(_ bytes: UnsafeRawBufferPointer, path: String) {
            builder.parse(
                bytes.assumingMemoryBound(to: UInt8.self), path: path, items: &items, persons: &persons,
                problems: &problems)
            builder.fileEnds.append((file: path, end: builder.codes.count))
        }

        func finish() throws -> ResponseSet {
            if !problems.isEmpty { throw CalibrationInputError(problems: problems) }
            return try builder.build()
        }
    }

    /// Number of responses and of right answers per item.
    public func itemCounts() -> (responses: [Int], right: [Int]) {
        var responses = [Int](repeating: 0, count: itemIDs.count)
        var right = [Int](repeating: 0, count: itemIDs.count)
        for code in codes {
            responses[Int(code >> 1)] += 1
            right[Int(code >> 1)] += Int(code & 1)
        }
        return (responses, right)
    }

    /// The same responses without the items and persons marked excluded (indices renumbered, order kept).
    func filtered(keepItem: [Bool], keepPerson: [Bool]) -> ResponseSet {
        var newItem = [Int32](repeating: -1, count: itemIDs.count)
        var itemIDs2: [String] = []
        for (index, keep) in keepItem.enumerated() where keep {
            newItem[index] = Int32(itemIDs2.count)
            itemIDs2.append(itemIDs[index])
        }
        var personIDs2: [String] = []
        var start: [Int32] = [0]
        var codes2: [Int32] = []
        codes2.reserveCapacity(codes.count)
        for person in personIDs.indices where keepPerson[person] {
            for r in Int(personStart[person])..<Int(personStart[person + 1]) {
                let item = newItem[Int(codes[r] >> 1)]
                if item >= 0 { codes2.append(item * 2 + (codes[r] & 1)) }
            }
            personIDs2.append(personIDs[person])
            start.append(Int32(codes2.count))
        }
        return ResponseSet(itemIDs: itemIDs2, personIDs: personIDs2, personStart: start, codes: codes2)
    }
}

/// Input that cannot be calibrated: every problem found, each with its file and line.
public struct CalibrationInputError: Error, Sendable, CustomStringConvertible {
    /// One problem in the responses.
    public struct Problem: Sendable, Equatable {
        /// The file (empty for responses given in memory).
        public var file: String
        /// 1-based line (0 for the whole file).
        public var line: Int
        /// What is wrong and what to do.
        public var message: String

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// The problems, in file and line order (at most 50 kept; `more` counts the rest).
    public var problems: [Problem]
    /// Problems found beyond the ones kept.
    public var more: Int = 0

    public init(problems: [Problem], more: Int = 0) {
        self.problems = problems
        self.more = more
    }

    /// `file:line: error: message` lines.
    public var description: String {
        var lines = problems.map { "\($0.file)\($0.line > 0 ? ":\($0.line)" : ""): error: \($0.message)" }
        if more > 0 { lines.append("… and \(more) more problems") }
        return lines.joined(separator: "\n")
    }
}

private struct Builder {
    var itemIDs: [String] = []
    var personIDs: [String] = []
    var persons: [Int32] = []
    var codes: [Int32] = []
    var lines: [Int32] = []
    var itemOrigins: [CalibrationInputError.Problem] = []
    var fileEnds: [(file: String, end: Int)] = []

    static let personNames: Set<String> = [
        "person", "person_id", "personid", "learner", "learner_id", "user",
        "user_id", "examinee", "candidate",
    ]
    static let itemNames: Set<String> = ["item", "item_id", "itemid", "challenge", "challenge_id", "question"]
    static let scoreNames: Set<String> = ["score", "correct", "result", "response"]

    mutating func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, path: String, items: inout [String: Int32],
        persons personIndex: inout [String: Int32],
        problems: inout [CalibrationInputError.Problem]
    ) {
        func problem(_ line: Int, _ message: String) {
            if problems.count < 50 { problems.append(.init(file: path, line: line, message: message)) }
        }
        do {
            var position = 0
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
            var lineNumber = 0
            var columns: (person: Int, item: Int, score: Int)? = nil
            var fieldStarts: [Int] = []
            var fieldEnds: [Int] = []
            while position < buffer.count {
                lineNumber += 1
                var end = position
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                let next = end + 1
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                defer { position = next }
                // Fields, commas as separators, surrounding quotes and spaces removed.
                fieldStarts.removeAll(keepingCapacity: true)
                fieldEnds.removeAll(keepingCapacity: true)
                var start = position
                var index = position
                while true {
                    if index == end || buffer[index] == 0x2C {
                        var s = start
                        var e = index
                        while s < e && buffer[s] == 0x20 { s += 1 }
                        while e > s && buffer[e - 1] == 0x20 { e -= 1 }
                        if e - s >= 2 && buffer[s] == 0x22 && buffer[e - 1] == 0x22 {
                            s += 1
                            e -= 1
                        }
                        fieldStarts.append(s)
                        fieldEnds.append(e)
                        if index == end { break }
                        start = index + 1
                    }
                    index += 1
                }
                if fieldStarts.count == 1 && fieldStarts[0] == fieldEnds[0] { continue }  // blank line
                func text(_ f: Int) -> String {
                    String(
                        decoding: UnsafeBufferPointer(rebasing: buffer[fieldStarts[f]..<fieldEnds[f]]), as: UTF8.self)
                }
                guard let columns else {
                    let names = (0..<fieldStarts.count).map { text($0).lowercased() }
                    let person = names.firstIndex { Builder.personNames.contains($0) }
                    let item = names.firstIndex { Builder.itemNames.contains($0) }
                    let score = names.firstIndex { Builder.scoreNames.contains($0) }
                    if let person, let item, let score {
                        columns = (person, item, score)
                    } else {
                        problem(
                            lineNumber,
                            "expected a header row naming the columns person,item,score (found \"\(names.joined(separator: ","))\"); add it as the first line"
                        )
                        return
                    }
                    continue
                }
                let needed = max(columns.person, columns.item, columns.score) + 1
                guard fieldStarts.count >= needed else {
                    problem(
                        lineNumber,
                        "expected \(needed) comma-separated fields (person,item,score), found \(fieldStarts.count)")
                    continue
                }
                let scoreStart = fieldStarts[columns.score]
                let scoreEnd = fieldEnds[columns.score]
                guard scoreEnd - scoreStart == 1 && (buffer[scoreStart] == 0x30 || buffer[scoreStart] == 0x31) else {
                    problem(
                        lineNumber,
                        "score \"\(text(columns.score))\" is not 0 or 1; calibration needs dichotomous scores (0 wrong, 1 right)"
                    )
                    continue
                }
                let personID = text(columns.person)
                let itemID = text(columns.item)
                if personID.isEmpty || itemID.isEmpty {
                    problem(lineNumber, "empty \(personID.isEmpty ? "person" : "item") identifier")
                    continue
                }
                let itemIndex: Int32
                if let known = items[itemID] {
                    itemIndex = known
                } else {
                    itemIndex = Int32(itemIDs.count)
                    items[itemID] = itemIndex
                    itemIDs.append(itemID)
                    itemOrigins.append(.init(file: path, line: lineNumber, message: ""))
                }
                let personNumber: Int32
                if let known = personIndex[personID] {
                    personNumber = known
                } else {
                    personNumber = Int32(personIDs.count)
                    personIndex[personID] = personNumber
                    personIDs.append(personID)
                }
                persons.append(personNumber)
                codes.append(itemIndex * 2 + Int32(buffer[scoreStart] - 0x30))
                lines.append(Int32(lineNumber))
            }
            if columns == nil && problems.isEmpty {
                problem(0, "the file is empty; expected a header row person,item,score and one row per response")
            }
        }
    }

    /// Groups by person (stable counting sort) and refuses duplicate (person, item) pairs.
    func build() throws -> ResponseSet {
        let personCount = personIDs.count
        var start = [Int32](repeating: 0, count: personCount + 1)
        for person in persons { start[Int(person) + 1] += 1 }
        for p in 0..<personCount { start[p + 1] += start[p] }
        var fill = start
        var grouped = [Int32](repeating: 0, count: codes.count)
        var origin = [Int32](repeating: 0, count: codes.count)
        for (r, person) in persons.enumerated() {
            let slot = Int(fill[Int(person)])
            grouped[slot] = codes[r]
            origin[slot] = Int32(r)
            fill[Int(person)] += 1
        }
        // Duplicates: the last person seen per item, and where.
        var lastPerson = [Int32](repeating: -1, count: itemIDs.count)
        var lastResponse = [Int32](repeating: 0, count: itemIDs.count)
        var problems: [CalibrationInputError.Problem] = []
        var more = 0
        func place(_ r: Int) -> (String, Int) {
            let file = fileEnds.first { r < $0.end }?.file ?? ""
            return (file, Int(lines[r]))
        }
        for p in 0..<personCount {
            for slot in Int(start[p])..<Int(start[p + 1]) {
                let item = Int(grouped[slot] >> 1)
                if lastPerson[item] == Int32(p) {
                    let (file, line) = place(Int(origin[slot]))
                    let (firstFile, firstLine) = place(Int(lastResponse[item]))
                    if problems.count < 50 {
                        problems.append(
                            .init(
                                file: file, line: line,
                                message:
                                    "person \"\(personIDs[p])\" answered item \"\(itemIDs[item])\" again (first at \(firstFile):\(firstLine)); keep one response per person and item (the first attempt)"
                            ))
                    } else {
                        more += 1
                    }
                }
                lastPerson[item] = Int32(p)
                lastResponse[item] = origin[slot]
            }
        }
        if !problems.isEmpty { throw CalibrationInputError(problems: problems, more: more) }
        var set = ResponseSet(itemIDs: itemIDs, personIDs: personIDs, personStart: start, codes: grouped)
        set.itemOrigins =
            itemOrigins.count == itemIDs.count
            ? itemOrigins
            : itemIDs.map { _ in CalibrationInputError.Problem(file: "", line: 0, message: "") }
        return set
    }
}

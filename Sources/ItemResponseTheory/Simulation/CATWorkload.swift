import Foundation
import ItemBankSystem

/// A CAT simulation workload: 2PL items and true abilities, read from a `bank.csv` + `thetas.csv` pair
/// such as `../shared/bench/cat-500` (its README defines the files).
///
/// - `bank.csv`: header `item,a,b` or `item,a,b,c,d`; one item per row: id, discrimination a in
///   (0, ``maximumDiscrimination``], difficulty b in ``difficultyRange`` (logits); c must be 0 and d 1
///   when present (the engine is 2PL).
/// - `thetas.csv`: header `examinee,theta`; one examinee per row: id, true θ in ``abilityRange``
///   (logits); at most ``CATSimulation/maximumExaminees`` rows.
///
/// Numbers are in decimal notation (`1.25`, `-0.3`, `2e-1`): hexadecimal floats, `inf` and `nan` are
/// refused. Lines end with LF or CRLF (carriage returns before the LF are dropped; a carriage return
/// elsewhere is an error, so old Mac files are named as such); a UTF-8 byte-order mark is skipped;
/// blank lines are skipped; fields are trimmed. Values quoted in errors are cut after 80 characters
/// and kept raw (the CLI escapes control characters when it prints them).
public struct CATWorkload: Hashable, Sendable {
    /// Item ids, in file order (item j of the workload is row j).
    public var itemIDs: [String]
    public var items: [CalibratedItem]
    /// Examinee ids, in file order.
    public var examineeIDs: [String]
    /// True abilities (logits).
    public var thetas: [Double]

    /// Largest discrimination a accepted: 10 (2PL discriminations lie within about 0.2 … 3; a larger
    /// one is a typing error, and the selection index grows with a³).
    public static let maximumDiscrimination = 10.0
    /// Difficulties b accepted (logits): −10 … 10 (abilities lie within about −4 … 4; Pix's lint rule
    /// `bank.calibration-range` warns beyond ±6).
    public static let difficultyRange = -10.0...10.0
    /// True abilities θ accepted (logits): −10 … 10.
    public static let abilityRange = -10.0...10.0

    public init(itemIDs: [String], items: [CalibratedItem], examineeIDs: [String], thetas: [Double]) {
        self.itemIDs = itemIDs
        self.items = items
        self.examineeIDs = examineeIDs
        self.thetas = thetas
    }

    /// Reads `bank.csv` and `thetas.csv` of a folder.
    /// - Throws: ``CATWorkloadError`` naming the file (and the row when a row is bad).
    public static func load(directory: String) throws(CATWorkloadError) -> CATWorkload {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        return try load(bank: folder + "bank.csv", thetas: folder + "thetas.csv")
    }

    /// Reads a bank file and a thetas file.
    /// - Throws: ``CATWorkloadError`` naming the file (and the row when a row is bad).
    public static func load(bank: String, thetas: String) throws(CATWorkloadError) -> CATWorkload {
        try parse(bank: read(bank), bankFile: bank, thetas: read(thetas), thetasFile: thetas)
    }

    private static func read(_ path: String) throws(CATWorkloadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CATWorkloadError(file: path, line: nil, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CATWorkloadError(file: path, line: nil, "the file is not UTF-8 text")
        }
        return text
    }

    /// Parses the two files' contents; `bankFile` and `thetasFile` name them in errors.
    /// - Throws: ``CATWorkloadError`` with the 1-based line of the first bad row.
    public static func parse(
        bank: String, bankFile: String, thetas: String, thetasFile: String
    ) throws(CATWorkloadError)
        -> CATWorkload
    {
        var workload = CATWorkload(itemIDs: [], items: [], examineeIDs: [], thetas: [])
        let bankRows = try rows(of: bank, file: bankFile, header: [["item", "a", "b"], ["item", "a", "b", "c", "d"]])
        var seenItems = Set<String>()
        for (line, fields) in bankRows {
            func fail(_ message: String) -> CATWorkloadError { CATWorkloadError(file: bankFile, line: line, message) }
            guard let a = DecimalNumber.parse(fields[1]), a > 0, a <= maximumDiscrimination else {
                throw fail(
                    "discrimination a = \(quoted(fields[1])) is not a decimal number in (0, \(number(maximumDiscrimination))]"
                        + hint(fields[1]))
            }
            guard let b = DecimalNumber.parse(fields[2]), difficultyRange.contains(b) else {
                throw fail(
                    "difficulty b = \(quoted(fields[2])) is not a decimal number in \(interval(difficultyRange))"
                        + hint(fields[2]))
            }
            if fields.count == 5 {
                guard DecimalNumber.parse(fields[3]) == 0 else {
                    throw fail("guessing c = \(quoted(fields[3])): only 2PL items are supported (c must be 0)")
                }
                guard DecimalNumber.parse(fields[4]) == 1 else {
                    throw fail("upper asymptote d = \(quoted(fields[4])): only 2PL items are supported (d must be 1)")
                }
            }
            guard !fields[0].isEmpty, seenItems.insert(fields[0]).inserted else {
                throw fail("item id \(quoted(fields[0])) is empty or repeated")
            }
            workload.itemIDs.append(fields[0])
            workload.items.append(CalibratedItem(discrimination: a, difficulty: b))
        }
        (workload.examineeIDs, workload.thetas) = try parseThetas(thetas, file: thetasFile)
        guard !workload.items.isEmpty else { throw CATWorkloadError(file: bankFile, line: nil, "no item") }
        return workload
    }

    /// Reads a `thetas.csv` alone (examinee ids and true θ), for example to simulate a compiled bank
    /// on the workload's examinees.
    /// - Throws: ``CATWorkloadError`` naming the file and the bad row.
    public static func loadThetas(_ path: String) throws(CATWorkloadError) -> (ids: [String], thetas: [Double]) {
        try parseThetas(read(path), file: path)
    }

    static func parseThetas(_ text: String, file: String) throws(CATWorkloadError) -> (ids: [String], thetas: [Double])
    {
        var ids: [String] = []
        var thetas: [Double] = []
        for (line, fields) in try rows(of: text, file: file, header: [["examinee", "theta"]]) {
            guard let theta = DecimalNumber.parse(fields[1]), abilityRange.contains(theta) else {
                throw CATWorkloadError(
                    file: file, line: line,
                    "theta = \(quoted(fields[1])) is not a decimal number in \(interval(abilityRange))"
                        + hint(fields[1]))
            }
            guard thetas.count < CATSimulation.maximumExaminees else {
                throw CATWorkloadError(
                    file: file, line: line,
                    "more than \(CATSimulation.maximumExaminees) examinees (the most a run takes)")
            }
            ids.append(fields[0])
            thetas.append(theta)
        }
        guard !thetas.isEmpty else { throw CATWorkloadError(file: file, line: nil, "no examinee") }
        return (ids, thetas)
    }

    /// The data rows as (1-based line, trimmed fields), after checking the header.
    private static func rows(
        of text: String, file: String, header: [[String]]
    ) throws(CATWorkloadError)
        -> [(Int, [String])]
    {
        var result: [(Int, [String])] = []
        var expected: Int?
        // Lines are split on LF at the scalar level ("\r\n" is one Character, and "\r\r\n" would be
        // two), then the carriage returns before the LF are dropped.
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = line
            while line.last == "\r" { line = line.dropLast() }
            return Substring(line)
        }
        for (offset, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.unicodeScalars.contains("\r") {
                throw CATWorkloadError(
                    file: file, line: offset + 1,
                    "a carriage return (\\r) inside a line: lines must end with LF or CRLF (not CR alone)")
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let count = expected else {
                guard let match = header.first(where: { $0 == fields.map { $0.lowercased() } }) else {
                    throw CATWorkloadError(
                        file: file, line: offset + 1,
                        "header \(quoted(String(line))) is not "
                            + header.map { quoted($0.joined(separator: ",")) }.joined(separator: " or "))
                }
                expected = match.count
                continue
            }
            guard fields.count == count else {
                throw CATWorkloadError(file: file, line: offset + 1, "\(fields.count) fields, expected \(count)")
            }
            result.append((offset + 1, fields))
        }
        if expected == nil { throw CATWorkloadError(file: file, line: nil, "empty file (no header)") }
        return result
    }

    /// `text` between double quotes, cut after 80 characters with `…` (a whole file on one line must not
    /// fill a message). Not escaped: whoever prints the message escapes its control characters.
    private static func quoted<Text: StringProtocol>(_ text: Text) -> String {
        "\"" + text.prefix(80) + (text.count > 80 ? "…" : "") + "\""
    }

    /// For a finite number that is not in decimal notation (a hexadecimal float), its decimal form.
    private static func hint(_ text: String) -> String {
        guard DecimalNumber.parse(text) == nil, let value = Double(text), value.isFinite else { return "" }
        return " (a hexadecimal float: write \(value))"
    }

    /// `10` for 10.0, `0.5` for 0.5.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `[-10, 10]`.
    private static func interval(_ range: ClosedRange<Double>) -> String {
        "[\(number(range.lowerBound)), \(number(range.upperBound))]"
    }
}

/// A workload file that cannot be used: which file, which row (1-based line), what is wrong.
public struct CATWorkloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the bad row, nil when the whole file is concerned.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, as compilers print it. The file's fields are quoted as they are: a
    /// terminal or log that shows the message escapes its control characters.
    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + ": " + message
    }
}

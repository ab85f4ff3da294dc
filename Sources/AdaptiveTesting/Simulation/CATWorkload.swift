import Foundation

/// A CAT simulation workload: 2PL items and true abilities, read from a `bank.csv` + `thetas.csv` pair
/// such as `../shared/bench/cat-500` (its README defines the files).
///
/// - `bank.csv`: header `item,a,b` or `item,a,b,c,d`; one item per row: id, discrimination a (finite,
///   > 0), difficulty b (finite); c must be 0 and d 1 when present (the engine is 2PL).
/// - `thetas.csv`: header `examinee,theta`; one examinee per row: id, true θ (finite).
///
/// Blank lines are skipped; fields are trimmed; `\r\n` line ends are accepted.
public struct CATWorkload: Hashable, Sendable {
    /// Item ids, in file order (item j of the workload is row j).
    public var itemIDs: [String]
    public var items: [IRTItem]
    /// Examinee ids, in file order.
    public var examineeIDs: [String]
    /// True abilities (logits).
    public var thetas: [Double]

    public init(itemIDs: [String], items: [IRTItem], examineeIDs: [String], thetas: [Double]) {
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
            guard let a = Double(fields[1]), a.isFinite, a > 0 else {
                throw fail("discrimination a = \(quoted(fields[1])) is not a finite number > 0")
            }
            guard let b = Double(fields[2]), b.isFinite else {
                throw fail("difficulty b = \(quoted(fields[2])) is not a finite number")
            }
            if fields.count == 5 {
                guard Double(fields[3]) == 0 else {
                    throw fail("guessing c = \(quoted(fields[3])): only 2PL items are supported (c must be 0)")
                }
                guard Double(fields[4]) == 1 else {
                    throw fail("upper asymptote d = \(quoted(fields[4])): only 2PL items are supported (d must be 1)")
                }
            }
            guard !fields[0].isEmpty, seenItems.insert(fields[0]).inserted else {
                throw fail("item id \(quoted(fields[0])) is empty or repeated")
            }
            workload.itemIDs.append(fields[0])
            workload.items.append(IRTItem(discrimination: a, difficulty: b))
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
            guard let theta = Double(fields[1]), theta.isFinite else {
                throw CATWorkloadError(file: file, line: line, "theta = \(quoted(fields[1])) is not a finite number")
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
        // "\r\n" is one Character in Swift: split on both.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (offset, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
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

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }
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

    /// `file:line: message`, as compilers print it.
    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + ": " + message
    }
}

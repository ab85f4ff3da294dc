import Foundation

/// Anchor calibrations: a CSV `item,a,b` (the calibrations CSV works too), read for `itembank
/// calibrate --anchors`.
public enum AnchorFile {
    /// The anchors of the file at `path`: its header row names the columns `item`, `a` and `b` (in any
    /// order, with other columns beside them); each row gives a > 0 and b finite.
    /// - Throws: ``CalibrationInputError`` naming the file and each line that is wrong (an unreadable
    ///   file at line 0).
    public static func read(path: String) throws -> [String: AnchorParameters] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CalibrationInputError(problems: [.init(file: path, line: 0, message: "cannot read the file")])
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        while lines.last == "" { lines.removeLast() }
        let header = (lines.first ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")).lowercased()
        }
        guard let itemColumn = header.firstIndex(of: "item"), let aColumn = header.firstIndex(of: "a"),
            let bColumn = header.firstIndex(of: "b")
        else {
            throw CalibrationInputError(problems: [
                .init(file: path, line: 1, message: "expected a header row naming the columns item,a,b")
            ])
        }
        var anchors: [String: AnchorParameters] = [:]
        var problems: [CalibrationInputError.Problem] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            }
            guard fields.count > max(itemColumn, aColumn, bColumn), let a = Double(fields[aColumn]),
                let b = Double(fields[bColumn]), a > 0, a.isFinite, b.isFinite
            else {
                problems.append(
                    .init(file: path, line: index + 1, message: "expected item,a,b with a > 0 and b finite"))
                continue
            }
            anchors[fields[itemColumn]] = AnchorParameters(discrimination: a, difficulty: b)
        }
        if !problems.isEmpty { throw CalibrationInputError(problems: problems) }
        return anchors
    }
}

/// Renders calibrations as CSV or JSON (the output of `itembank calibrate`).
public enum CalibrationOutput {
    /// A number with 6 decimals; empty when absent or not finite.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.6f", value)
    }

    /// The calibrations CSV: a header row, then one row per estimated item with the columns
    /// `item,a,b,se_a,se_b,n,fit,p,sx2,sx2_df,sx2_p` (an item id holding a comma or a quote is quoted).
    public static func csv(_ result: CalibrationResult) -> String {
        var text = "item,a,b,se_a,se_b,n,fit,p,sx2,sx2_df,sx2_p\n"
        for item in result.items {
            let id =
                item.item.contains(",") || item.item.contains("\"")
                ? "\"" + item.item.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : item.item
            text +=
                [
                    id, number(item.discrimination), number(item.difficulty), number(item.discriminationSE),
                    number(item.difficultySE), String(item.responses), number(item.infit), number(item.fitP),
                    number(item.sumScoreFit), item.sumScoreFitDF.map(String.init) ?? "", number(item.sumScoreFitP),
                ].joined(separator: ",") + "\n"
        }
        return text
    }

    /// The whole result as JSON (sorted keys; infinities and NaN as the strings `inf`, `-inf`, `nan`).
    public static func json(_ result: CalibrationResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(result) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

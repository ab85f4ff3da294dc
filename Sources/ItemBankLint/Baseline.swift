import Foundation
import ItemBankModel

/// A baseline: the problems a bank already had when it adopted the linter, so that CI fails only on
/// new ones. Entries are keyed by file (relative to the bank folder), rule id and a hash of the
/// offending content (the trimmed source line, not its number): moving an item or adding lines above
/// a problem keeps it baselined; editing the offending line makes it new again.
public struct Baseline: Codable, Equatable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        /// Path relative to the bank folder.
        public var path: String
        public var rule: String
        /// FNV-1a 64 (hex) of the trimmed source line of the diagnostic (or of its message when it has
        /// no line).
        public var content: String
    }

    /// Format version of the baseline file.
    public var version: Int
    /// The id of the bank it was written for (bank.xml).
    public var bank: String
    /// Sorted entries; an entry may appear several times (one per diagnostic).
    public var entries: [Entry]

    /// Why a baseline file cannot be used.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The baseline of every diagnostic of a report.
    public static func make(from report: LintReport) -> Baseline {
        let root = report.sources?.root ?? "."
        var lines = SourceLines()
        let entries = report.diagnostics.map { entry(for: $0, root: root, lines: &lines) }.sorted {
            ($0.path, $0.rule, $0.content) < ($1.path, $1.rule, $1.content)
        }
        return Baseline(version: 1, bank: report.sources?.manifest.id ?? "", entries: entries)
    }

    /// Reads a baseline file and checks it belongs to `bankID`.
    /// - Throws: ``LoadError`` naming the file when it cannot be read, is not a baseline, or is another bank's.
    public static func load(path: String, bankID: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path): cannot read the baseline file")
        }
        let baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw LoadError(description: "\(path): not an itembank baseline (\(error.localizedDescription))")
        }
        guard baseline.version == 1 else {
            throw LoadError(description: "\(path): baseline version \(baseline.version), this tool reads version 1")
        }
        guard baseline.bank == bankID else {
            throw LoadError(
                description: "\(path): this baseline was written for bank \(baseline.bank), not \(bankID)")
        }
        return baseline
    }

    /// The JSON text of the file (sorted keys, stable).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    /// The report's diagnostics minus those in the baseline (each entry absorbs one diagnostic), and
    /// how many were absorbed.
    public func filter(_ report: LintReport) -> (diagnostics: [Diagnostic], baselined: Int) {
        var remaining: [Entry: Int] = [:]
        for entry in entries { remaining[entry, default: 0] += 1 }
        let root = report.sources?.root ?? "."
        var lines = SourceLines()
        var kept: [Diagnostic] = []
        var baselined = 0
        for diagnostic in report.diagnostics {
            let key = Baseline.entry(for: diagnostic, root: root, lines: &lines)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                baselined += 1
            } else {
                kept.append(diagnostic)
            }
        }
        return (kept, baselined)
    }

    static func entry(for diagnostic: Diagnostic, root: String, lines: inout SourceLines) -> Entry {
        let path = diagnostic.location.path
        let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        let text = lines.line(diagnostic.location.line, of: path) ?? diagnostic.message
        return Entry(path: relative, rule: diagnostic.ruleID, content: SARIFReporter.fingerprint(text))
    }
}

/// Source lines of files, each file read once (the human reporter and baselines).
struct SourceLines {
    private var files: [String: [Substring]] = [:]

    /// Line `number` (1-based) as written, without its line break; nil when there is no such line.
    mutating func rawLine(_ number: Int, of path: String) -> String? {
        guard number > 0 else { return nil }
        if files[path] == nil {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            files[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[path], number <= lines.count else { return nil }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// The line without surrounding spaces.
    mutating func line(_ number: Int, of path: String) -> String? {
        rawLine(number, of: path)?.trimmingCharacters(in: .whitespaces)
    }
}

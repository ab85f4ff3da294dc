import Foundation
import ItemBankModel
import ItemBankSystem

/// The output formats of `itembank lint --report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For people: the source line, a caret under the column, the message and a `help:` line.
    case human
    /// One line per diagnostic: `path:line:column: severity: message [rule-id]`.
    case gnu
    /// A JSON document (schema in docs/reporters.md).
    case json
    /// SARIF 2.1.0, as GitHub code scanning accepts it.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    case github
}

/// What a reporter needs besides the diagnostics.
public struct ReportContext: Sendable {
    /// Paths under this folder are shown relative to it.
    public var workingDirectory: String
    /// The tool's version, for SARIF.
    public var toolVersion: String
    /// Whether to use ANSI colours (human format only).
    public var colour: Bool

    public init(workingDirectory: String, toolVersion: String, colour: Bool = false) {
        self.workingDirectory = workingDirectory
        self.toolVersion = toolVersion
        self.colour = colour
    }

    /// `path` relative to the working directory when it is under it; otherwise unchanged.
    public func displayPath(_ path: String) -> String {
        GNUReporter(workingDirectory: workingDirectory).displayPath(path)
    }

    /// ``displayPath(_:)`` with its control characters escaped (``PrintableText/escaped(_:)``): what the
    /// text reporters (human, gnu, github) print, so that a file name cannot move the cursor, clear the
    /// screen or forge a line of output.
    public func printablePath(_ path: String) -> String {
        PrintableText.escaped(displayPath(path))
    }
}

/// Renders diagnostics in one format.
public enum Reporter {
    public static func render(_ diagnostics: [Diagnostic], as format: ReportFormat, context: ReportContext) -> String {
        switch format {
        case .gnu: GNUReporter(workingDirectory: context.workingDirectory).render(diagnostics)
        case .human: HumanReporter(context: context).render(diagnostics)
        case .json: JSONReporter.render(diagnostics, context: context)
        case .sarif: SARIFReporter.render(diagnostics, context: context)
        case .github: GitHubReporter.render(diagnostics, context: context)
        }
    }
}

/// Sorted-key, pretty-printed JSON of a Foundation value tree.
func jsonText(_ object: Any) -> String {
    guard
        let data = try? JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
}

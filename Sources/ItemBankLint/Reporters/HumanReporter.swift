import Foundation
import ItemBankModel

/// `--report human` (the default on a terminal): rustc-style blocks.
///
/// ```
/// error[key.qcu-single-key]: qcu item qcu-two-keys has 2 keys
///  --> items/qcu-two-keys.xml:6:5
///   |
/// 6 |     <choice key="true">Deux</choice>
///   |     ^
///   = help: keep key="true" on one choice, or make the item a qcm
/// ```
/// Colours only when asked (on a terminal, without `NO_COLOR`).
struct HumanReporter {
    var context: ReportContext

    func render(_ diagnostics: [Diagnostic]) -> String {
        var cache = SourceLines()
        var out = ""
        for diagnostic in diagnostics {
            let (colour, label) =
                switch diagnostic.severity {
                case .error: ("31", "error")
                case .warning: ("33", "warning")
                case .info: ("34", "info")
                }
            out += paint("\(label)[\(diagnostic.ruleID)]", colour + ";1") + paint(": \(diagnostic.message)", "1") + "\n"
            out += block(diagnostic.location, caretColour: colour, cache: &cache)
            if let help = diagnostic.help {
                let gutter = String(repeating: " ", count: String(max(diagnostic.location.line, 1)).count)
                out += "\(gutter) = " + paint("help", "1") + ": \(help)\n"
            }
            for fix in diagnostic.fixIts {
                let gutter = String(repeating: " ", count: String(max(diagnostic.location.line, 1)).count)
                out += "\(gutter) = " + paint("fix-it", "1") + ": \(fix.message) (itembank lint --fix)\n"
            }
            for note in diagnostic.notes {
                out += paint("note", "1") + ": \(note.message)\n"
                out += block(note.location, caretColour: "36", cache: &cache)
            }
            out += "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if !diagnostics.isEmpty {
            out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        }
        return out
    }

    private func block(_ location: SourceLocation, caretColour: String, cache: inout SourceLines) -> String {
        let path = context.printablePath(location.path)
        guard location.line > 0 else { return " --> \(path)\n" }
        var out = " --> \(path):\(location.line):\(max(location.column, 1))\n"
        guard let source = cache.rawLine(location.line, of: location.path) else { return out }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let shown = source.replacingOccurrences(of: "\t", with: " ")
        out += "\(gutter) |\n\(number) | \(shown)\n"
        if location.column > 0 {
            out +=
                "\(gutter) | " + String(repeating: " ", count: location.column - 1) + paint("^", caretColour + ";1")
                + "\n"
        }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        context.colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

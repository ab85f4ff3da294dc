import ItemBankModel

/// `--report json`: `{"diagnostics": [...], "summary": {...}, "version": 1}`, keys sorted.
enum JSONReporter {
    static func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        let items: [[String: Any]] = diagnostics.map { diagnostic in
            var object: [String: Any] = [
                "rule": diagnostic.ruleID, "severity": diagnostic.severity.rawValue,
                "path": context.displayPath(diagnostic.location.path), "line": diagnostic.location.line,
                "column": diagnostic.location.column, "message": diagnostic.message,
            ]
            if let help = diagnostic.help { object["help"] = help }
            if !diagnostic.notes.isEmpty {
                object["notes"] = diagnostic.notes.map { note in
                    [
                        "path": context.displayPath(note.location.path), "line": note.location.line,
                        "column": note.location.column, "message": note.message,
                    ] as [String: Any]
                }
            }
            return object
        }
        let summary: [String: Int] = Dictionary(
            uniqueKeysWithValues: Severity.allCases.map { severity in
                (severity.rawValue + "s", diagnostics.filter { $0.severity == severity }.count)
            })
        return jsonText(["version": 1, "diagnostics": items, "summary": summary])
    }
}

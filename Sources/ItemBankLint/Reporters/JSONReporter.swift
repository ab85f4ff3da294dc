import ItemBankModel

/// `--report json`: `{"diagnostics": [...], "summary": {...}, "version": 1}`, keys sorted. A diagnostic
/// with fix-its has `fixIts`: `[{"message", "edits": [{"offset", "length", "replacement"}]}]`, offsets
/// and lengths in UTF-8 bytes of the file.
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
            if !diagnostic.fixIts.isEmpty {
                object["fixIts"] = diagnostic.fixIts.map { fix in
                    [
                        "message": fix.message,
                        "edits": fix.edits.map { edit in
                            ["offset": edit.offset, "length": edit.length, "replacement": edit.replacement]
                                as [String: Any]
                        },
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

import Foundation
import ItemBankModel

/// `--report sarif`: a SARIF 2.1.0 log (OASIS), as GitHub code scanning accepts it: one run, the tool's
/// rules with their help, results with rule id and index, level, message, a physical location with a
/// repository-relative URI and a 1-based region, and a partial fingerprint that does not depend on the
/// line (rule id, path, message), so that moving an item does not make its alert new.
///
/// Artifact URIs are relative to the `%SRCROOT%` base (`uriBaseId`), which the run's
/// `originalUriBaseIds` gives as a `file://` URI: the repository root (the nearest folder up from the
/// working directory that holds `.git`) when there is one, else the working directory. A file outside
/// that folder gets an absolute `file://` URI, never a `../` path.
enum SARIFReporter {
    static func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        let root = sourceRoot(workingDirectory: context.workingDirectory)
        func artifact(_ path: String) -> (location: [String: Any], shown: String) {
            let absolute = absolutePath(path, workingDirectory: context.workingDirectory)
            let base = root == "/" ? "/" : root + "/"
            if absolute.hasPrefix(base) {
                let relative = String(absolute.dropFirst(base.count))
                return (["uri": uri(relative), "uriBaseId": "%SRCROOT%"], relative)
            }
            return (["uri": "file://" + uri(absolute)], absolute)
        }
        let descriptions = Catalogue.descriptions
        let ruleIndex = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.id, $0) })
        let rules: [[String: Any]] = descriptions.map { rule in
            [
                "id": rule.id,
                "name": rule.id,
                "shortDescription": ["text": rule.summary],
                "fullDescription": ["text": rule.rationale],
                "help": ["text": rule.rationale, "markdown": "**\(rule.id)**: \(rule.summary)\n\n\(rule.rationale)"],
                "defaultConfiguration": ["level": level(rule.defaultSeverity)],
                "properties": ["category": rule.category.rawValue],
            ]
        }
        let results: [[String: Any]] = diagnostics.map { diagnostic in
            let (artifactLocation, path) = artifact(diagnostic.location.path)
            var region: [String: Any] = ["startLine": max(diagnostic.location.line, 1)]
            if diagnostic.location.column > 0 { region["startColumn"] = diagnostic.location.column }
            var message = diagnostic.message
            if let help = diagnostic.help { message += " (help: \(help))" }
            var result: [String: Any] = [
                "ruleId": diagnostic.ruleID,
                "level": level(diagnostic.severity),
                "message": ["text": message],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": artifactLocation,
                            "region": region,
                        ]
                    ]
                ],
                "partialFingerprints": [
                    "itembankFingerprint/v1": fingerprint(
                        diagnostic.ruleID + "\u{1F}" + path + "\u{1F}" + diagnostic.message)
                ],
            ]
            if let index = ruleIndex[diagnostic.ruleID] { result["ruleIndex"] = index }
            if !diagnostic.fixIts.isEmpty {
                result["fixes"] = diagnostic.fixIts.map { fix in
                    [
                        "description": ["text": fix.message],
                        "artifactChanges": [
                            [
                                "artifactLocation": artifactLocation,
                                "replacements": fix.edits.map { edit in
                                    [
                                        "deletedRegion": ["byteOffset": edit.offset, "byteLength": edit.length],
                                        "insertedContent": ["text": edit.replacement],
                                    ] as [String: Any]
                                },
                            ] as [String: Any]
                        ],
                    ] as [String: Any]
                }
            }
            if !diagnostic.notes.isEmpty {
                result["relatedLocations"] = diagnostic.notes.enumerated().map { offset, note in
                    [
                        "id": offset,
                        "message": ["text": note.message],
                        "physicalLocation": [
                            "artifactLocation": artifact(note.location.path).location,
                            "region": ["startLine": max(note.location.line, 1)],
                        ],
                    ] as [String: Any]
                }
            }
            return result
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "itembank",
                            "version": context.toolVersion,
                            "informationUri": "https://github.com/itembank/itembank",
                            "rules": rules,
                        ]
                    ],
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                    "originalUriBaseIds": ["%SRCROOT%": ["uri": "file://" + uri(root == "/" ? "/" : root + "/")]],
                ]
            ],
        ]
        return jsonText(log)
    }

    /// The folder that `%SRCROOT%` stands for: the nearest folder from `workingDirectory` up that holds
    /// `.git` (a folder, or a file in a worktree), else `workingDirectory` itself; absolute, standardized.
    static func sourceRoot(workingDirectory: String) -> String {
        let start = absolutePath(".", workingDirectory: workingDirectory)
        var folder = start
        while true {
            if FileManager.default.fileExists(atPath: folder == "/" ? "/.git" : folder + "/.git") { return folder }
            if folder == "/" { return start }
            folder = (folder as NSString).deletingLastPathComponent
            if folder.isEmpty { return start }
        }
    }

    /// `path` made absolute against `workingDirectory` and standardized (`.` and `..` removed).
    static func absolutePath(_ path: String, workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative path as a URI reference (percent-encodes what is not unreserved or '/').
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// FNV-1a 64-bit, hex: stable across runs and machines (not a security hash).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16).leftPadded(16)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

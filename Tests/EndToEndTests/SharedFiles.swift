import Foundation

/// Files of `../shared` (next to the repository, never committed) that some tests need, and the
/// tools those tests run. Each test that needs one is marked `.enabled(if:)` with the flag here, so
/// that it is reported as skipped, never as passed, when the file or tool is absent.
enum SharedFiles {
    /// `../shared/schemas/sarif/sarif-schema-2.1.0.json` from the repository root.
    static let sarifSchema = CLI.root + "/../shared/schemas/sarif/sarif-schema-2.1.0.json"

    /// `../shared/bench/cat-500` from the repository root (standardized), whether present or not.
    static let cat500 = URL(fileURLWithPath: CLI.root + "/../shared/bench/cat-500").standardizedFileURL.path

    /// Whether `../shared/bench/cat-500/bank.csv` exists.
    static let hasCAT500 = FileManager.default.fileExists(atPath: cat500 + "/bank.csv")

    /// Whether the SARIF 2.1.0 schema exists and python3 can import `jsonschema` to validate against it.
    static let canValidateSARIF: Bool = {
        guard FileManager.default.fileExists(atPath: sarifSchema) else { return false }
        let check = try? CLI.run(
            ["-c", "import jsonschema"], executable: "/usr/bin/env", prefix: ["python3"])
        return check?.status == 0
    }()

    /// Validates the SARIF log at `path` against the SARIF 2.1.0 JSON schema with python3 + jsonschema;
    /// returns the validator's result (`stdout == "valid\n"` when the log is valid).
    static func validateSARIF(_ path: String) throws -> CLI.Result {
        try CLI.run(
            [
                "-c",
                "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('valid')",
                sarifSchema, path,
            ], executable: "/usr/bin/env", prefix: ["python3"])
    }
}

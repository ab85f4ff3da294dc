import Foundation
import Testing

/// Options with a closed set of values are swift-argument-parser enums: `--help` lists the values, a
/// value outside the set is refused by the parser with its usual message, and the process exits with
/// the tool's usage status, 2 (the parser's own would be 64; README "Exit status").
@Suite("Closed sets of option values: listed by --help, refused by the parser with exit status 2")
struct OptionValueTests {
    /// A value outside each closed set: the command line, then the parser's first line of error.
    static let refused: [([String], String)] = [
        (
            ["lint", "Banks/crcn", "--fail-on", "info"],
            "Error: The value 'info' is invalid for '--fail-on <severity>'. Please provide one of 'error' and 'warning'."
        ),
        (
            ["lint", "Banks/crcn", "--report", "xml:out.xml"],
            "Error: The value 'xml:out.xml' is invalid for '--report <format[:file]>'. "
                + "Please provide one of 'human', 'gnu', 'json', 'sarif' or 'github'."
        ),
        (
            ["simulate", "--workload", "x", "--engine", "journey"],
            "Error: The value 'journey' is invalid for '--engine <engine>'. Please provide one of 'irt'."
        ),
        (
            ["simulate", "--workload", "x", "--form", "pix"],
            "Error: The value 'pix' is invalid for '--form <form>'. "
                + "Please provide one of 'reference', 'pix-campaign' or 'pix-certification'."
        ),
        (
            ["calibrate-exposure", "b.itembank", "--target", "0.3", "-o", "c.itembank", "--form", "campaign"],
            "Error: The value 'campaign' is invalid for '--form <form>'. "
                + "Please provide one of 'reference', 'pix-campaign' or 'pix-certification'."
        ),
        (
            ["simulate", "b.itembank", "--journey", "training"],
            "Error: The value 'training' is invalid for '--journey <journey>'. Please provide one of 'positioning'."
        ),
        (
            ["simulate", "--workload", "x", "--stop", "se:0"],
            "Error: The value 'se:0' is invalid for '--stop <rule>': se:T needs T, the standard error (logits), "
                + "a number > 0"
        ),
        (
            ["simulate", "--workload", "x", "--exposure", "randomesque:65"],
            "Error: The value 'randomesque:65' is invalid for '--exposure <exposure>': randomesque:K needs K ≥ 1 "
                + "(and K ≤ 64), the number of best items to pick among"
        ),
        (
            ["calibrate", "--responses", "r.csv", "--model", "3pl"],
            "Error: The value '3pl' is invalid for '--model <model>'. Please provide one of '2pl' and '1pl'."
        ),
        (
            ["export", "Banks/crcn", "--format", "qti2", "-o", "out"],
            "Error: The value 'qti2' is invalid for '--format <format>'. Please provide one of 'qti3'."
        ),
    ]

    @Test("a value outside the set: the parser's message, the usage line, exit status 2", arguments: refused)
    func refusedByTheParser(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == message)
        #expect(lines.contains { $0.hasPrefix("Usage: itembank \(arguments[0])") })
    }

    @Test("--help lists each closed set's values")
    func helpListsTheValues() throws {
        let lint = try CLI.run(["lint", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(lint.contains("(values: human, gnu, json, sarif, github)"))
        #expect(lint.contains("(values: error, warning; default: error)"))
        let simulate = try CLI.run(["simulate", "--help"])
        #expect(simulate.status == 0)
        let text = simulate.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("(values: irt; default: irt)"))
        #expect(text.contains("(values: reference, pix-campaign, pix-certification; default: reference)"))
        #expect(text.contains("(values: positioning)"))
    }

    @Test("FORMAT:FILE: a file after the colon is required, and one report only on standard output")
    func reportDestinations() throws {
        let empty = try CLI.run(["lint", "Banks/crcn", "--report", "json:"])
        #expect(empty.status == 2)
        #expect(
            empty.stderr.hasPrefix("Error: 'json:': give a file after the colon, or no colon for standard output\n"))
        let two = try CLI.run(["lint", "Banks/crcn", "--report", "json", "--report", "gnu"])
        #expect(two.status == 2)
        #expect(
            two.stderr.hasPrefix(
                "Error: --report json, --report gnu: two reports cannot both write to standard output; give a file "
                    + "to all but one (for example --report gnu:lint.out)\n"))
    }
}

import Foundation
import ItemBankTestSupport

/// Runs the built `itembank` binary.
enum CLI {
    /// The repository's root folder.
    static let root: String = repositoryRoot

    static func fixture(_ name: String) -> String { root + "/Tests/Fixtures/" + name }

    /// The `itembank` executable next to the test bundle (SwiftPM builds it first: the test target
    /// depends on it), or `ITEMBANK_BIN`.
    static let executable: String = {
        if let path = ProcessInfo.processInfo.environment["ITEMBANK_BIN"] { return path }
        var candidates: [String] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().path + "/itembank")
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/itembank")
        candidates.append(root + "/.build/debug/itembank")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs `itembank arguments…` in `directory` (the repository root by default), with `environment`
    /// added to the test's own.
    static func run(
        _ arguments: [String], in directory: String = root, executable: String = executable, prefix: [String] = [],
        input: String? = nil, environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = prefix + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        // Both streams go to files, read after the process ends: no pipe read can be interrupted by the
        // SIGCHLD of another test's child (tests run in parallel).
        let base = NSTemporaryDirectory() + "itembank-cli-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardOutput = out
        if let input {
            _ = FileManager.default.createFile(atPath: base + ".in", contents: Data(input.utf8))
            process.standardInput = FileHandle(forReadingAtPath: base + ".in")
        }
        defer { try? FileManager.default.removeItem(atPath: base + ".in") }
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A new empty temporary folder.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "itembank-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

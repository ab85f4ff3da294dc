import Foundation
import Testing

@testable import ItemBankRuntime

/// A bank file changed in place after `Bank(contentsOf:)` (truncated, rewritten by `cp`) must never crash
/// the reader: by default the bank is read into private memory (issue 11, item 1).
@Suite("Runtime bank: the file changes after open")
struct BankFileChangeTests {
    /// Runs `/bin/sh -c script` with `arguments` as `$1`, `$2`… and returns its exit status.
    @discardableResult
    static func shell(_ script: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh"] + arguments
        try process.run()
        return process
    }

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "itembank-\(name)-\(UUID().uuidString).itembank"
    }

    /// Every item id with its skill and choice count: what a reader reads from the whole bank.
    static func snapshot(_ bank: Bank) -> [String] {
        bank.allItems.map { "\($0.id) \($0.skill?.name ?? "-") \($0.choices.count) \($0.responses.count)" }
    }

    @Test("a bank opened by default keeps its bytes when a child process truncates, then rewrites, the file")
    func truncatedThenRewritten() throws {
        try withFixture { bytes in
            let path = Self.temporaryPath("truncate")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bank = try Bank(contentsOf: path)
            let before = Self.snapshot(bank)
            #expect(before.count == 5)

            let truncate = try Self.shell("truncate -s 0 \"$1\"", [path])
            truncate.waitUntilExit()
            #expect(truncate.terminationStatus == 0)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
            // With a memory mapping, this read of every record raised SIGBUS.
            #expect(Self.snapshot(bank) == before)
            try bank.verify(.full)

            let rewrite = try Self.shell("head -c \"$2\" /dev/zero > \"$1\"", [path, String(bytes.count)])
            rewrite.waitUntilExit()
            #expect(rewrite.terminationStatus == 0)
            #expect(Self.snapshot(bank) == before)
            #expect(bank.id == "fixture")
            #expect(bank.byteCount == bytes.count)
            try bank.verify(.full)
            // The changed file itself is refused at open, with an error rather than a crash.
            #expect(throws: BankError.self) { try Bank(contentsOf: path) }
        }
    }

    /// A child process truncates the live file and copies the good bank over it (`cp` truncates first)
    /// 300 times while 4 readers open, verify and read it in a loop.
    @Test("4 readers open and read a bank while a child process truncates and rewrites it 300 times")
    func readersUnderRewrites() throws {
        try withFixture { bytes in
            let good = Self.temporaryPath("good")
            let live = Self.temporaryPath("live")
            try Data(bytes).write(to: URL(fileURLWithPath: good))
            try Data(bytes).write(to: URL(fileURLWithPath: live))
            defer {
                try? FileManager.default.removeItem(atPath: good)
                try? FileManager.default.removeItem(atPath: live)
            }
            let expected = Self.snapshot(try Bank(bytes: bytes))
            let writer = try Self.shell(
                """
                i=0
                while [ $i -lt 300 ]; do
                  truncate -s 4096 "$1" || exit 1
                  cp "$2" "$1" || exit 1
                  truncate -s 0 "$1" || exit 1
                  cp "$2" "$1" || exit 1
                  i=$((i + 1))
                done
                """, [live, good])
            let verified = Counter()
            let refused = Counter()
            let wrong = Counter()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                while writer.isRunning {
                    do {
                        let bank = try Bank(contentsOf: live)
                        try bank.verify(.full)
                        // Read after the file has moved on: the bytes are ours.
                        if Self.snapshot(bank) == expected && Self.snapshot(bank) == expected {
                            verified.increment()
                        } else {
                            wrong.increment()
                        }
                    } catch {
                        refused.increment()
                    }
                }
            }
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
            #expect(wrong.value == 0)
            #expect(verified.value + refused.value > 0)
            // Once the writer is done, the file is whole again.
            #expect(Self.snapshot(try Bank(contentsOf: live)) == expected)
        }
    }

    @Test("the memory-mapped option opens, verifies and reads the same bank as the default")
    func memoryMappedOption() throws {
        try withFixture { bytes in
            let path = Self.temporaryPath("mapped")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let mapped = try Bank(contentsOf: path, options: .memoryMapped)
            try mapped.verify(.full)
            let read = try Bank(contentsOf: path)
            #expect(Self.snapshot(mapped) == Self.snapshot(read))
            #expect(mapped.fileDigest == read.fileDigest)
            #expect(mapped.byteCount == bytes.count)
            #expect(Bank.OpenOptions.memoryMapped.rawValue == 1)
        }
    }

    @Test("a missing file, a folder and an empty file are refused with io / truncated, in both modes")
    func refusedFiles() throws {
        let empty = Self.temporaryPath("empty")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        for options in [Bank.OpenOptions(), .memoryMapped] {
            #expect(throws: BankError(.io, "cannot open /nonexistent/x.itembank: No such file or directory")) {
                try Bank(contentsOf: "/nonexistent/x.itembank", options: options)
            }
            #expect(throws: BankError(.io, "/tmp is not a regular file")) {
                try Bank(contentsOf: "/tmp", options: options)
            }
            #expect(throws: BankError(.truncated, offset: 0, "\(empty) is empty (0 bytes)")) {
                try Bank(contentsOf: empty, options: options)
            }
        }
    }
}

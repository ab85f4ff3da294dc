import Foundation
import ItemBankCompiler
import ItemBankFormat
import ItemBankTestSupport
import ItemBankXML
import Testing

import struct ItemBankModel.BankSources

@testable import ItemBankRuntime

/// Tests/Fixtures/clean-bank, read once.
let fixtureSources: BankSources? = {
    guard let schemas = try? SchemaSet(directory: repositoryRoot + "/Schemas"),
        let result = try? BankReader(schemas: schemas).read(root: repositoryRoot + "/Tests/Fixtures/clean-bank"),
        result.diagnostics.isEmpty
    else { return nil }
    return result.sources
}()

/// A small real bank: Tests/Fixtures/clean-bank compiled once.
let fixtureBytes: [UInt8] = fixtureSources.flatMap { try? BankCompiler.compile($0) } ?? []

func withFixture(_ body: ([UInt8]) throws -> Void) throws {
    try #require(!fixtureBytes.isEmpty, "Tests/Fixtures/clean-bank did not compile")
    try body(fixtureBytes)
}

func expectError(_ code: BankError.Code, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let bank = try Bank(bytes: bytes)
        try bank.verify()
        Issue.record("expected \(code), the bank opened and verified", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    }
}

/// Rewrites the header's CRC after a header edit, so that the field under test is what fails.
func fixHeaderCRC(_ bytes: inout [UInt8]) {
    let crc = CRC32C.checksum(Array(bytes[0..<BankFormat.Header.headerCRC]))
    for index in 0..<4 { bytes[BankFormat.Header.headerCRC + index] = UInt8((crc >> UInt32(8 * index)) & 0xFF) }
}

@Suite("Runtime bank")
struct BankTests {
    @Test("the fixture bank opens from a file (mmap) and verifies; lookups work")
    func openAndLookup() throws {
        try withFixture { bytes in
            let path = NSTemporaryDirectory() + "itembank-open-\(UUID().uuidString).itembank"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bank = try Bank(contentsOf: path)
            try bank.verify()
            #expect(bank.id == "fixture")
            #expect(bank.formatVersion == (1, 1))
            #expect(bank.itemCount == 5)
            #expect(bank.byteCount == bytes.count)
            let item = try #require(bank.item(id: "moteur"))
            #expect(item.type == .qcu)
            #expect(item.keyPositions == [2])
            #expect(item.skill?.name == "@rechercheWeb1")
            #expect(item.skill?.competence?.code == "1.1")
            #expect(item.calibration == ItemCalibration(discrimination: 1.2, difficulty: -2.1))
            #expect(bank.item(id: "guillemets")?.calibration == nil)
            let dep = try #require(bank.item(id: "lecteurs"))
            #expect(dep.answerGroups == [["mp3"], ["ogg"], ["flac"]])
            let ind = try #require(bank.item(id: "extensions"))
            #expect(ind.responses.map(\.isDropdown) == [false, true])
            #expect(ind.responses[1].options == ["pdf", "mp3"])
            #expect(ind.responses[0].tolerances == [.t1])
            #expect(ind.responses[0].format == "short")
            #expect(bank.skills(ofCompetence: 1, level: 4).map(\.name) == ["@formatsFichiers4"])
            #expect(bank.skills(ofCompetence: 1, level: 3).isEmpty)
            #expect(bank.skills(ofCompetence: 9, level: 1).isEmpty)
            #expect(bank.skill(named: "@rechercheWeb2")?.items.map(\.id) == ["operateur"])
            #expect(bank.item(id: "") == nil)
            #expect(bank.item(id: "zzz") == nil)
        }
    }

    /// 8 threads read random items from one `Bank` for `ITEMBANK_STRESS_SECONDS` (default 0.3 s).
    /// Scripts/tsan.sh runs it under ThreadSanitizer for 3 s.
    @Test("8 threads read random items of one bank concurrently, with identical results")
    func concurrentReads() throws {
        try withFixture { bytes in
            let bank = try Bank(bytes: bytes)
            let ids = bank.allItems.map(\.id)
            let expected = ids.map { bank.item(id: $0)?.skill?.name ?? "" }
            let seconds = Double(ProcessInfo.processInfo.environment["ITEMBANK_STRESS_SECONDS"] ?? "") ?? 0.3
            let deadline = Date().addingTimeInterval(seconds)
            let failures = Counter()
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                var state = UInt64(thread + 1) &* 0x9E37_79B9_7F4A_7C15
                var reads = 0
                while reads < 1000 || Date() < deadline {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let index = Int(state >> 33) % ids.count
                    guard let item = bank.item(id: ids[index]), item.skill?.name == expected[index],
                        item.choices.count + item.responses.count > 0
                    else {
                        failures.increment()
                        return
                    }
                    reads += 1
                }
            }
            #expect(failures.value == 0)
        }
    }

    @Test("open refuses: too short, wrong magic, text-mode mangling, other major, newer minimum minor")
    func headerChecks() throws {
        try withFixture { bytes in
            expectError(.truncated, [])
            expectError(.truncated, Array(bytes.prefix(100)))
            var magic = bytes
            magic[1] = UInt8(ascii: "X")
            expectError(.badMagic, magic)
            // CR LF -> LF conversion of the magic.
            var mangled = bytes
            mangled.remove(at: 4)
            expectError(.badMagic, mangled)
            var major = bytes
            major[BankFormat.Header.majorVersion] = 2
            fixHeaderCRC(&major)
            expectError(.unsupportedVersion, major)
            var minimum = bytes
            minimum[BankFormat.Header.minimumReaderMinor] = UInt8(BankFormat.minorVersion + 1)
            fixHeaderCRC(&minimum)
            expectError(.unsupportedVersion, minimum)
            var header = bytes
            header[BankFormat.Header.flags] ^= 1
            expectError(.badHeader, header)
        }
    }

    @Test("open refuses a truncated file and a section outside the file")
    func bounds() throws {
        try withFixture { bytes in
            expectError(.truncated, Array(bytes.dropLast(1000)))
            expectError(.truncated, Array(bytes.dropLast(1)))
            var outside = bytes
            let entry = BankFormat.headerSize + BankFormat.SectionEntry.offset
            outside[entry + 3] = 0x7F
            fixHeaderCRC(&outside)
            expectError(.badSectionTable, outside)
        }
    }

    @Test("a corrupt section is caught by its CRC32C")
    func sectionCRC() throws {
        try withFixture { bytes in
            var corrupt = bytes
            let itemsOffset = try #require(sectionOffset(bytes, "ITEM"))
            corrupt[itemsOffset] ^= 0xFF
            expectError(.checksumMismatch, corrupt)
        }
    }

    @Test("flipping any byte, or truncating at any length, throws or verifies; it never traps")
    func byteFlips() throws {
        try withFixture { bytes in
            var refused = 0
            for index in 0..<bytes.count {
                var copy = bytes
                copy[index] ^= 0x5A
                do {
                    let bank = try Bank(bytes: copy)
                    try bank.verify()
                    _ = bank.allItems.map { ($0.id, $0.choices.count, $0.responses.map(\.acceptedAnswers)) }
                } catch {
                    refused += 1
                }
            }
            // Every byte is covered by a CRC or a digest: every flip is refused.
            #expect(refused == bytes.count)
            // With the checksums recomputed, flips reach the structural checks: verify or throw, never trap.
            // In the header and the section table every flip is refused (the checksums themselves are
            // recomputed, so a flip there is no change).
            let sectionCount = Int(bytes[BankFormat.Header.sectionCount])
            let tableEnd = BankFormat.headerSize + sectionCount * BankFormat.sectionEntrySize
            var acceptedInTable: [Int] = []
            let optionalSectionEntries: Set<Int> = Set(
                (0..<sectionCount).filter { entry in
                    let offset = BankFormat.headerSize + entry * BankFormat.sectionEntrySize
                    return Array(bytes[offset..<offset + 4]) == Array("SKPX".utf8)
                })
            for index in 0..<bytes.count {
                for mask: UInt8 in [0x01, 0x80, 0xFF] {
                    var copy = bytes
                    copy[index] ^= mask
                    let repaired = ChecksumRepair.repaired(copy)
                    guard let bank = try? Bank(bytes: repaired) else { continue }
                    _ = bank.allItems.map { ($0.id, $0.keyPositions, $0.responses.map(\.options), $0.media) }
                    // Allowed: another minor version (readable by design), a minimum reader minor this reader
                    // meets, the must-understand bit of a known section, the id of an optional section (it
                    // becomes an unknown optional section, skipped by design; its values are recomputed).
                    let minorVersion =
                        index == 10 || index == 11
                        || (index == BankFormat.Header.minimumReaderMinor
                            && copy[index] <= UInt8(BankFormat.minorVersion))
                    let entry = (index - BankFormat.headerSize) / BankFormat.sectionEntrySize
                    let optionalID =
                        index >= BankFormat.headerSize && index < tableEnd
                        && (index - BankFormat.headerSize) % BankFormat.sectionEntrySize < 4
                        && optionalSectionEntries.contains(entry)
                    let mustUnderstandBit =
                        index >= BankFormat.headerSize
                        && (index - BankFormat.headerSize) % BankFormat.sectionEntrySize == 4
                        && mask == 0x01
                    if (try? bank.verify()) != nil, index < tableEnd, repaired != bytes, !minorVersion,
                        !mustUnderstandBit, !optionalID
                    {
                        acceptedInTable.append(index)
                    }
                }
            }
            #expect(acceptedInTable.isEmpty, "accepted flips at \(acceptedInTable)")
            for length in stride(from: 0, to: bytes.count, by: 1) {
                #expect(throws: BankError.self) { try Bank(bytes: Array(bytes.prefix(length))).verify() }
            }
        }
    }

    @Test("format evolution: an unknown optional section is skipped, an unknown must-understand section refused")
    func unknownSections() throws {
        let sources = try #require(fixtureSources)
        var sections = try BankCompiler.sections(of: sources)
        sections.insert(
            BankCompiler.Section(id: SectionID("XTRA"), payload: [1, 2, 3, 4, 5], recordSize: 0, flags: 0), at: 5)
        let bank = try Bank(bytes: BankCompiler.assemble(sections))
        try bank.verify()
        #expect(bank.item(id: "moteur")?.keyPositions == [2])
        #expect(bank.sectionInfo.map(\.id).contains("XTRA"))
        sections[5].flags = BankFormat.SectionEntry.mustUnderstand
        do {
            _ = try Bank(bytes: BankCompiler.assemble(sections))
            Issue.record("a must-understand unknown section was accepted")
        } catch {
            #expect(error.code == .unknownRequiredSection)
            #expect(error.section == "XTRA")
        }
    }

    @Test("empty sections (no answer group, no item at all) share their offset with the next section")
    func emptySections() throws {
        var sources = try #require(fixtureSources)
        sources.items.removeAll { $0.type == .qrocmDep }
        let noGroups = try Bank(bytes: BankCompiler.compile(sources))
        try noGroups.verify()
        #expect(noGroups.sectionInfo.first { $0.id == "GRUP" }?.length == 0)
        sources.items = []
        let empty = try Bank(bytes: BankCompiler.compile(sources))
        try empty.verify()
        #expect(empty.itemCount == 0)
        #expect(empty.skillCount == 6)
        #expect(empty.competence(code: "1.1")?.items.isEmpty == true)
    }

    @Test("a missing required section is refused by name")
    func missingSection() throws {
        let sources = try #require(fixtureSources)
        let sections = try BankCompiler.sections(of: sources).filter { $0.id != .choices }
        do {
            _ = try Bank(bytes: BankCompiler.assemble(sections))
            Issue.record("a bank without CHOI was accepted")
        } catch {
            #expect(error.code == .missingSection)
            #expect(error.section == "CHOI")
        }
    }

    @Test("errors name the code, section and offset")
    func errorDescription() {
        let error = BankError(.checksumMismatch, section: "ITEM", offset: 512, "section checksum mismatch")
        #expect(error.description == "[checksum-mismatch] section ITEM at offset 512: section checksum mismatch")
    }
}

func sectionOffset(_ bytes: [UInt8], _ id: String) -> Int? {
    let count = Int(bytes[BankFormat.Header.sectionCount])
    for index in 0..<count {
        let entry = BankFormat.headerSize + index * BankFormat.sectionEntrySize
        if String(decoding: bytes[entry..<(entry + 4)], as: UTF8.self) == id {
            var offset = 0
            for byte in 0..<8 { offset |= Int(bytes[entry + 8 + byte]) << (8 * byte) }
            return offset
        }
    }
    return nil
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

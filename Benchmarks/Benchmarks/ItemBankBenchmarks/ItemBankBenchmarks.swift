import Benchmark
import Foundation
import ItemBankCompiler
import ItemBankLint
import ItemBankRuntime
import ItemBankXML

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(2), maxIterations: 1_000_000)

    journeyBenchmarks()

    // The harness's own allocations per run, to subtract from the figures below.
    Benchmark("baseline: empty iteration") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(0)
        }
    }

    // MARK: Runtime (compiled bank of 10,000 items)

    let file = Fixtures.bankFile(items: 10_000)

    // ITEMBANK_BENCH_LARGE=100000 adds the open benchmark on a bank of that many items.
    if let large = ProcessInfo.processInfo.environment["ITEMBANK_BENCH_LARGE"].flatMap({ Int($0) }) {
        let largeFile = Fixtures.bankFile(items: large)
        Benchmark("open + quick checks, \(large)-item bank (mmap)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Bank(contentsOf: largeFile))
            }
        }
    }

    Benchmark("open + quick checks, 10,000-item bank (mmap)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Bank(contentsOf: file))
        }
    }

    let bank = try! Bank(contentsOf: file)
    let bytes = bank.byteCount

    Benchmark(
        "verify(.full), 10,000-item bank",
        configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            try bank.verify(.full)
        }
        _ = bytes
    }

    let ids = bank.allItems.map(\.id)
    var cursor = 0
    Benchmark("item lookup by id (10,000 items)") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 7919) % ids.count
            blackHole(bank.item(id: ids[cursor])?.index)
        }
    }

    let skills = bank.allSkills
    Benchmark("items of a skill: count and first index") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 31) % skills.count
            let items = skills[cursor].items
            blackHole(items.count)
            blackHole(items.first?.index)
        }
    }

    Benchmark("choices and keys of an item (no String)") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 7919) % ids.count
            if let item = bank.item(at: cursor) {
                var keys = 0
                for choice in item.choices where choice.isKey { keys += 1 }
                blackHole(keys)
            }
        }
    }

    Benchmark("skills of a competence at a level") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 1) % (16 * 7)
            blackHole(bank.skills(ofCompetence: cursor / 7, level: cursor % 7 + 1).count)
        }
    }

    // MARK: Sources (per item)

    let folder = Fixtures.sourceFolder(items: 1_000)
    let itemPaths =
        (try? FileManager.default.subpathsOfDirectory(atPath: folder + "/items"))?
        .filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/items/" + $0 } ?? []
    let itemBytes = itemPaths.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
    let reader = DocumentReader(schemas: Fixtures.schemas)

    Benchmark("parse + validate + decode one item") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 1) % itemBytes.count
            blackHole(reader.item(bytes: itemBytes[cursor], path: "item.xml").0?.id)
        }
    }

    Benchmark(
        "lint a 1,000-item bank (read + rules), per run",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LintSession(schemas: Fixtures.schemas).lint(bankAt: folder).diagnostics.count)
        }
    }

    let sources = Fixtures.sources(items: 1_000)
    Benchmark(
        "compile a 1,000-item bank (model -> bytes), per run",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BankCompiler.compile(sources).count)
        }
    }
}

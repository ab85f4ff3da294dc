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
        Benchmark("open + quick checks, \(large)-item bank (read into memory, the default)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Bank(contentsOf: largeFile))
            }
        }
        Benchmark("open + quick checks, \(large)-item bank (mmap)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Bank(contentsOf: largeFile, options: .memoryMapped))
            }
        }
    }

    Benchmark("open + quick checks, 10,000-item bank (read into memory, the default)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Bank(contentsOf: file))
        }
    }

    Benchmark("open + quick checks, 10,000-item bank (mmap)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Bank(contentsOf: file, options: .memoryMapped))
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

    // MARK: Answer checking (docs/algorithms.md, "Answer checking")

    // Right answers to the first 1,000 items of the bank: the key is read from the mapping each time.
    let answered: [(ItemView, LearnerAnswer)] = bank.allItems.prefix(1_000).map { item in
        switch item.type {
        case .qcu, .qcm: return (item, .choices(item.keyPositions))
        case .qroc, .qrocmInd:
            return (
                item, .texts(Dictionary(item.responses.map { ($0.id, $0.acceptedAnswers.first ?? "") }) { a, _ in a })
            )
        case .qrocmDep:
            let groups = item.answerGroups
            return (
                item,
                .texts(
                    Dictionary(
                        item.responses.enumerated().map {
                            ($0.element.id, groups.indices.contains($0.offset) ? groups[$0.offset].first ?? "" : "")
                        }
                    ) { a, _ in a })
            )
        }
    }
    Benchmark("check a right answer to a bank item (key read from the bank)") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 1) % answered.count
            blackHole(try answered[cursor].0.check(answered[cursor].1).outcome)
        }
    }

    let qroc = AnswerKey(
        type: .qroc,
        responses: [
            ResponseKey(
                id: "r", kind: .typed(tolerances: [.t1, .t2, .t3], isNumber: false),
                acceptedAnswers: ["moteur de recherche", "moteur"])
        ])
    let qrocAnswers = ["Moteurs de recherche !", "MOTEUR", "navigateur", "Mötêur-de-recherche", "annuaire du web"]
    Benchmark("check a qroc answer (t1 t2 t3, 2 accepted answers)") { benchmark in
        for _ in benchmark.scaledIterations {
            cursor = (cursor &+ 1) % qrocAnswers.count
            blackHole(try qroc.check(.text(qrocAnswers[cursor])).outcome)
        }
    }

    let browsers = [
        ["Firefox", "Mozilla Firefox"], ["Chrome", "Google Chrome"], ["Edge", "Microsoft Edge"], ["Safari"], ["Opera"],
    ]
    let dependent = AnswerKey(
        type: .qrocmDep,
        responses: ["n1", "n2", "n3"].map { ResponseKey(id: $0, kind: .typed(tolerances: [], isNumber: false)) },
        answerGroups: browsers, requiredAnswerCount: 2)
    let dependentAnswer = LearnerAnswer.texts(["n1": "chrome", "n2": "Firefx", "n3": "Netscape"])
    Benchmark("check a qrocm-dep answer (3 responses, 5 groups, maximum matching)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try dependent.check(dependentAnswer).outcome)
        }
    }

    // The worst case of t3: 500 characters (the cap), distance 125 = the bound, so no early exit.
    let accepted500 = String((0..<500).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
    let typo500 = String(accepted500.enumerated().map { $0.offset % 4 == 0 ? "#" : $0.element })
    Benchmark("t3 on a 500-character answer, distance at the bound") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Tolerance.isWithinTypoTolerance(typo500, of: accepted500))
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

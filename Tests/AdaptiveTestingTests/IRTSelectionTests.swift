import Foundation
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite struct IRTSelectionTests {
    /// A pool of `count` random items (a in [0.3, 2.5], b in [−3, 3]), 16 competences, 2 tubes per
    /// competence, 4 skills per tube.
    static func randomItems(_ count: Int, seed: UInt64) -> [CalibratedItem] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { position in
            let skill = Int(random.next() % 128)
            return CalibratedItem(
                discrimination: 0.3 + 2.2 * random.nextUnit(), difficulty: -3 + 6 * random.nextUnit(),
                competence: skill / 8, tube: skill / 4, skill: skill)
        }
    }

    @Test func topSelectionMatchesAFullSort() {
        var random = SplitMix64(seed: 3)
        // Values with many ties, to exercise the index tie-break.
        let values = (0..<3000).map { _ in Double(random.next() % 200) }
        for depth in [1, 7, 512, 2999, 3000] {
            let top = InformationIndex.top(depth, of: values.count) { values[$0] }
            let sorted = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            #expect(top.map { Int($0.0) } == Array(sorted.prefix(depth)))
        }
    }

    /// The index walk returns exactly what a full scan returns, for estimates anywhere (inside and
    /// outside the index grid), k = 1 and 5, and random eligibility (half the pool, then 1 %).
    @Test(arguments: [500, 20_000])
    func indexWalkEqualsFullScan(size: Int) throws {
        let pool = try ItemPool(items: Self.randomItems(size, seed: UInt64(size)))
        #expect(pool.index.layout.depth == min(512, size))
        var random = SplitMix64(seed: 11)
        var typicalWalk = 0
        var typicalTrials = 0
        for trial in 0..<400 {
            let theta = -7 + 14 * random.nextUnit()
            let k = trial % 2 == 0 ? 1 : 5
            let salt = random.next()
            let share: UInt64 = trial % 4 == 3 ? 1 : 50
            let eligible: (Int) -> Bool = { SplitMix64.mix(UInt64($0) ^ salt) % 100 < share }
            let (fast, slow) = withUnsafeTemporaryAllocation(of: IRTCandidate.self, capacity: 2 * k) { buffer in
                var first = IRTCandidateList(storage: UnsafeMutableBufferPointer(rebasing: buffer[0..<k]))
                var second = IRTCandidateList(storage: UnsafeMutableBufferPointer(rebasing: buffer[k...]))
                let walked = pool.bestItems(at: theta, into: &first, where: eligible)
                if abs(theta) < 4, share == 50 {
                    typicalWalk += walked
                    typicalTrials += 1
                }
                pool.bestItemsByScan(at: theta, into: &second, where: eligible)
                return ((0..<first.count).map { first[$0].item }, (0..<second.count).map { second[$0].item })
            }
            #expect(fast == slow, "θ = \(theta), k = \(k)")
        }
        // Sub-linear: with half the pool eligible and θ̂ inside the grid, a few dozen items looked at.
        #expect(typicalTrials > 100)
        #expect(typicalWalk / typicalTrials < 100, "mean walk \(typicalWalk / typicalTrials)")
    }

    static func engine(
        _ items: [CalibratedItem], exposure: ExposureControl = .none, content: ContentRules = .none, length: Int = 10,
        parameters: [Double]? = nil
    ) throws -> CATEngine {
        let pool = try ItemPool(items: items, exposureParameters: parameters)
        return try CATEngine(
            pool: pool,
            settings: CATSettings(
                estimator: .reference, content: content, exposure: exposure, stopping: .fixedLength(length)))
    }

    /// Items of equal discrimination 1: information at θ = 0 decreases with |b|.
    static let ladder = [0.0, 0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7].map {
        CalibratedItem(discrimination: 1, difficulty: $0)
    }

    @Test func bestPickIsMaximumInformation() throws {
        let engine = try Self.engine(Self.ladder)
        var session = engine.startSession(seed: 1)
        #expect(try engine.nextItem(in: &session) == 0)
        try engine.record(item: 0, correct: true, in: &session)
        // After a right answer θ̂ > 0: the most informative unused item at the new θ̂.
        let theta = session.estimate.theta
        let expected = (1..<8).max {
            (Self.ladder[$0].information(at: theta), -$0) < (Self.ladder[$1].information(at: theta), -$1)
        }
        #expect(try engine.nextItem(in: &session) == expected)
        #expect(throws: CATError.self) { try engine.record(item: 0, correct: true, in: &session) }
        #expect(throws: CATError.self) { try engine.record(item: 8, correct: true, in: &session) }
    }

    @Test func geometricPickWithProbabilityOneOrZero() throws {
        let first = try Self.engine(
            Self.ladder, exposure: ExposureControl(pick: .geometric(count: 5, probability: 1)))
        var session = first.startSession(seed: 1)
        #expect(try first.nextItem(in: &session) == 0)
        // Probability 0: never the first, so the recursion ends on the 5th best (b = −0.4).
        let last = try Self.engine(
            Self.ladder, exposure: ExposureControl(pick: .geometric(count: 5, probability: 0)))
        session = last.startSession(seed: 1)
        #expect(try last.nextItem(in: &session) == 4)
    }

    @Test func pixGeometricPickFrequencies() throws {
        let engine = try Self.engine(Self.ladder, exposure: .pix)
        var counts = [Int](repeating: 0, count: 8)
        for seed in 0..<20_000 {
            var session = engine.startSession(seed: UInt64(seed))
            counts[try #require(try engine.nextItem(in: &session))] += 1
        }
        // 0.51, 0.49·0.51, 0.49²·0.51, 0.49³·0.51, 0.49⁴ of the 5 best, none of the others.
        let expected = [0.51, 0.2499, 0.122451, 0.06000099, 0.05764801]
        for (position, share) in expected.enumerated() {
            #expect(abs(Double(counts[position]) / 20_000 - share) < 0.01, "rank \(position)")
        }
        #expect(counts[5...].allSatisfy { $0 == 0 })
    }

    @Test func randomesqueIsUniformAmongTheBest() throws {
        let engine = try Self.engine(Self.ladder, exposure: ExposureControl(pick: .randomesque(count: 3)))
        var counts = [Int](repeating: 0, count: 8)
        for seed in 0..<9000 {
            var session = engine.startSession(seed: UInt64(seed))
            counts[try #require(try engine.nextItem(in: &session))] += 1
        }
        for position in 0..<3 { #expect(abs(Double(counts[position]) / 9000 - 1.0 / 3) < 0.02) }
        #expect(counts[3...].allSatisfy { $0 == 0 })
        // Same seed, same pick.
        var a = engine.startSession(seed: 77)
        var b = engine.startSession(seed: 77)
        #expect(try engine.nextItem(in: &a) == engine.nextItem(in: &b))
    }

    @Test func exposureCeilingSkipsOverexposedItemsUntilNothingElseIsLeft() throws {
        let engine = try Self.engine(
            Array(Self.ladder.prefix(3)), exposure: ExposureControl(ceiling: .init(rate: 0.5)), length: 3)
        var ledger = ExposureLedger(itemCount: 3)
        ledger.beginExaminee()
        ledger.record(item: 0)
        ledger.beginExaminee()  // item 0: 1 of 2 examinees = 0.5 ≥ 0.5, skipped
        var session = engine.startSession(seed: 1)
        #expect(try engine.nextItem(in: &session, ledger: ledger) == 1)
        // Without the ledger, no ceiling.
        #expect(try engine.nextItem(in: &session) == 0)
        ledger.record(item: 1)
        ledger.record(item: 2)
        // Every item is at or over the ceiling: the rule gives way, best item first.
        #expect(try engine.nextItem(in: &session, ledger: ledger) == 0)
        // A population-based ceiling: 0.5 × 10 examinees = 5 administrations each.
        let quota = try Self.engine(
            Array(Self.ladder.prefix(3)), exposure: ExposureControl(ceiling: .init(rate: 0.5, population: 10)))
        session = quota.startSession(seed: 1)
        #expect(try quota.nextItem(in: &session, ledger: ledger) == 0)
    }

    @Test func sympsonHetterSetsAsideRejectedItems() throws {
        // k = 0 for the two best items: never given, set aside; item 2 is given.
        let engine = try Self.engine(
            Array(Self.ladder.prefix(4)), exposure: ExposureControl(sympsonHetter: true), length: 4,
            parameters: [0, 0, 1, 1])
        var session = engine.startSession(seed: 5)
        #expect(try engine.nextItem(in: &session) == 2)
        #expect(session.setAside == [0, 1])
        try engine.record(item: 2, correct: false, in: &session)
        #expect(try engine.nextItem(in: &session) == 3)
        try engine.record(item: 3, correct: false, in: &session)
        // Only set-aside items are left: Sympson–Hetter gives way.
        #expect(try engine.nextItem(in: &session) != nil)
        #expect(throws: CATError.self) {
            try Self.engine(Self.ladder, exposure: ExposureControl(sympsonHetter: true))
        }
    }

    /// Four competences with two tubes of two items each; all a = 1, b chosen so that information at
    /// θ = 0 orders items by index.
    static let structured: [CalibratedItem] = (0..<16).map { position in
        CalibratedItem(
            discrimination: 1, difficulty: Double(position) * 0.05, competence: position / 4, tube: position / 2,
            skill: position)
    }

    func administer(_ engine: CATEngine, _ count: Int) throws -> [Int] {
        var session = engine.startSession(seed: 1)
        for _ in 0..<count {
            let item = try #require(try engine.nextItem(in: &session))
            // Wrong answers keep θ̂ below 0, where information still orders items by index.
            try engine.record(item: item, correct: false, in: &session)
        }
        return session.administered
    }

    @Test func contentRules() throws {
        #expect(try administer(Self.engine(Self.structured), 4) == [0, 1, 2, 3])
        #expect(try administer(Self.engine(Self.structured, content: .init(uniqueness: .tube)), 4) == [0, 2, 4, 6])
        #expect(try administer(Self.engine(Self.structured, content: .init(uniqueness: .skill)), 2) == [0, 1])
        #expect(
            try administer(Self.engine(Self.structured, content: .init(visitEveryCompetence: true)), 6)
                == [0, 4, 8, 12, 1, 2])
        // Warm-up: the first 2 answers do not count as visits.
        #expect(
            try administer(Self.engine(Self.structured, content: .init(visitEveryCompetence: true, warmUpLength: 2)), 6)
                == [0, 1, 2, 4, 8, 12])
        #expect(
            try administer(Self.engine(Self.structured, content: .init(forcedCompetences: [3, 2])), 4) == [8, 12, 0, 1])
        #expect(try administer(Self.engine(Self.structured, content: .init(competenceGap: 2)), 5) == [0, 4, 8, 1, 5])
        // Tube uniqueness runs out after 8 tubes: the rule falls back, the test goes on.
        let all = try administer(Self.engine(Self.structured, content: .init(uniqueness: .tube), length: 16), 16)
        #expect(all.prefix(8) == [0, 2, 4, 6, 8, 10, 12, 14])
        #expect(Set(all).count == 16)
    }

    @Test func greedyFallbackKeepsTheHigherPriorityRule() throws {
        // Competence gap 1 and forced competence 0: after an item of competence 0, the two rules
        // conflict (only competence 0 is forced… but it is the last answer's): forced wins.
        let engine = try Self.engine(
            Self.structured, content: .init(forcedCompetences: [0], warmUpLength: 0, competenceGap: 1))
        let first = try administer(engine, 1)
        #expect(first == [0])
        // Competence 0 is visited after the first answer: forced is done; the gap rule applies.
        #expect(try administer(engine, 2) == [0, 4])
        let both = try Self.engine(
            Self.structured,
            content: .init(uniqueness: .tube, visitEveryCompetence: true, competenceGap: 3))
        #expect(try administer(both, 5) == [0, 4, 8, 12, 2])
    }

    @Test func stoppingRules() throws {
        let items = Self.randomItems(300, seed: 9)
        let pool = try ItemPool(items: items)
        let seStop = try CATEngine(
            pool: pool,
            settings: CATSettings(
                estimator: .reference, stopping: .init(minimumLength: 3, maximumLength: 40, standardError: 0.5)))
        var session = seStop.startSession(seed: 1)
        var lengths: [Int] = []
        while seStop.stopReason(for: session) == nil, let item = try seStop.nextItem(in: &session) {
            try seStop.record(item: item, correct: session.answerCount % 2 == 0, in: &session)
            lengths.append(session.answerCount)
        }
        #expect(seStop.stopReason(for: session) == .standardError)
        #expect(session.estimate.standardError < 0.5)
        #expect(session.answerCount >= 3)
        // Classification: stops once θ̂ ± 1.96 SE has no cut inside.
        let classify = try CATEngine(
            pool: pool,
            settings: CATSettings(
                estimator: .reference,
                stopping: .init(maximumLength: 40, classification: .init(cuts: [-1, 1], z: 1.96))))
        session = classify.startSession(seed: 1)
        while classify.stopReason(for: session) == nil, let item = try classify.nextItem(in: &session) {
            try classify.record(item: item, correct: true, in: &session)
        }
        let estimate = session.estimate
        #expect(classify.stopReason(for: session) == .classification)
        #expect(estimate.theta - 1.96 * estimate.standardError > 1)
        // Fixed length; a pool smaller than the length ends as exhausted.
        let small = try Self.engine(Array(Self.ladder.prefix(2)), length: 5)
        session = small.startSession(seed: 1)
        while small.stopReason(for: session) == nil, let item = try small.nextItem(in: &session) {
            try small.record(item: item, correct: true, in: &session)
        }
        #expect(small.stopReason(for: session) == .poolExhausted)
        #expect(session.answerCount == 2)
    }

    @Test func sessionSurvivesEncodingMidway() throws {
        let engine = try Self.engine(
            Self.randomItems(200, seed: 4), exposure: ExposureControl(pick: .randomesque(count: 4)),
            content: .init(uniqueness: .tube, competenceGap: 1), length: 12)
        func answer(_ item: Int) -> Bool { item % 3 != 0 }
        var straight = engine.startSession(seed: 42)
        var resumed = engine.startSession(seed: 42)
        for step in 0..<12 {
            if step == 6 {
                let data = try JSONEncoder().encode(resumed)
                resumed = try JSONDecoder().decode(CATSession.self, from: data)
                #expect(!resumed.book.isPrepared)
            }
            let a = try #require(try engine.nextItem(in: &straight))
            let b = try #require(try engine.nextItem(in: &resumed))
            #expect(a == b)
            try engine.record(item: a, correct: answer(a), in: &straight)
            try engine.record(item: b, correct: answer(b), in: &resumed)
        }
        #expect(straight.estimate == resumed.estimate)
        #expect(straight.administered == resumed.administered)
        // A tampered session is refused, not trapped on.
        var json = String(decoding: try JSONEncoder().encode(resumed), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"administered\":[", with: "\"administered\":[100000,")
        var bad = try JSONDecoder().decode(CATSession.self, from: Data(json.utf8))
        #expect(throws: CATError.self) { try engine.nextItem(in: &bad) }
    }

    @Test func invalidPoolsAreRefused() {
        #expect(throws: CATError(.invalidCalibration, item: 1, "discrimination nan is not a finite number > 0")) {
            try ItemPool(items: [
                CalibratedItem(discrimination: 1, difficulty: 0), CalibratedItem(discrimination: .nan, difficulty: 0),
            ])
        }
        #expect(throws: CATError(.invalidCalibration, item: 0, "difficulty inf is not finite")) {
            try ItemPool(items: [CalibratedItem(discrimination: 1, difficulty: .infinity)])
        }
        #expect(throws: CATError(.invalidSetting, item: 0, "exposure parameter 1.5 is not in [0, 1]")) {
            try ItemPool(items: [CalibratedItem(discrimination: 1, difficulty: 0)], exposureParameters: [1.5])
        }
    }
}

import Foundation
import ItemBankRuntime
import ItemBankSystem

/// Simulated learners for the positioning journey (`itembank simulate --journey positioning`).
///
/// Model ("mastery with slip and guess", stated in every report): each simulated learner has a true
/// level per competence, drawn uniformly from 0 to the highest level with a playable item in the
/// competence; the learner masters every skill at or below that level and none above; an item of a
/// mastered skill is answered right with probability 1 − slip, an item of another skill with the
/// guess probability: by default the chance of a blind answer to the item's type (1 / choices for a
/// qcu, 1 / (2^choices − 1) for a qcm, 0 for a typed answer), or one fixed probability. Draws come from SplitMix64 streams keyed by (seed, learner, competence, answer),
/// so the same seed gives the same report whatever the number of threads.
public struct JourneySimulation: Sendable {
    /// Settings of a run.
    public struct Settings: Codable, Hashable, Sendable {
        public var learners: Int
        public var seed: UInt64
        /// Probability that a learner answers wrong an item of a skill mastered.
        public var slip: Double
        /// Probability that a learner answers right an item of a skill not mastered; nil: the chance of a
        /// blind answer to the item's type.
        public var guess: Double?
        /// Competence codes to position (all when empty).
        public var competences: [String]

        public init(learners: Int, seed: UInt64, slip: Double = 0.1, guess: Double? = nil, competences: [String] = []) {
            self.learners = learners
            self.seed = seed
            self.slip = slip
            self.guess = guess
            self.competences = competences
        }
    }

    /// Figures for one true level.
    public struct LevelFigures: Codable, Hashable, Sendable {
        public var trueLevel: Int
        public var positionings: Int
        /// Share (0–1) of positionings at exactly the true level.
        public var exact: Double
        /// Share (0–1) of positionings within one level of the true level.
        public var withinOne: Double
        /// Mean positioned level.
        public var meanPositioned: Double
    }

    /// What a run measured.
    public struct Report: Codable, Hashable, Sendable {
        public var model: String
        public var settings: Settings
        /// Learners × competences.
        public var positionings: Int
        /// Share (0–1) of positionings at exactly the true level.
        public var exact: Double
        /// Share (0–1) within one level.
        public var withinOne: Double
        /// Mean of positioned − true level.
        public var bias: Double
        /// Mean number of items asked per competence.
        public var meanItems: Double
        /// Largest number of items asked in one positioning.
        public var maxItems: Int
        public var byTrueLevel: [LevelFigures]
    }

    public let engine: JourneyEngine

    public init(engine: JourneyEngine) { self.engine = engine }

    /// Runs the simulation, learners in parallel.
    /// - Throws: ``JourneyError/unknownCompetence(_:)`` for a code the bank does not have.
    /// Most learners a run accepts (memory is constant; time is about 70 µs per positioning).
    public static let maximumLearners = 100_000_000

    /// Runs the simulation, learners in parallel, in constant memory.
    /// - Throws: ``JourneyError/unknownCompetence(_:)`` for a code the bank does not have,
    ///   ``JourneyError/noPlayableItems(competences:locale:)`` for a competence with no item in the
    ///   engine's locale.
    /// - Precondition: `settings.learners` is at most ``maximumLearners`` (larger counts are clamped).
    public func run(_ settings: Settings) throws(JourneyError) -> Report {
        var indices: [Int] = []
        for code in settings.competences.isEmpty ? engine.competenceCodes : settings.competences {
            let index = try engine.competenceIndex(code)
            if !indices.contains(index) { indices.append(index) }
        }
        for index in indices { try engine.requirePlayableItems([index]) }
        var settings = settings
        settings.competences = indices.map { engine.competenceCodes[$0] }
        settings.learners = min(max(0, settings.learners), Self.maximumLearners)
        let competences = indices
        let topLevels = competences.map { competence in
            engine.competenceSkills[competence].filter { !engine.skills[$0].playableItems.isEmpty }
                .map { engine.skills[$0].level }.max() ?? 0
        }
        let learners = settings.learners
        let workers = max(1, min(learners, 64))
        let frozen = settings
        // One tally per worker (learners worker, worker + workers, …): memory stays constant.
        let tallies = parallelMap(count: workers) { worker in
            var tally = Tally()
            for learner in stride(from: worker, to: learners, by: workers) {
                for (slot, competence) in competences.enumerated() {
                    tally.add(position(learner: learner, competence: competence, topLevel: topLevels[slot], frozen))
                }
            }
            return tally
        }
        var total = Tally()
        for tally in tallies { total.merge(tally) }
        return report(total, settings: settings)
    }

    /// One positioning: (true level, positioned level, items asked).
    func position(learner: Int, competence: Int, topLevel: Int, _ settings: Settings) -> (Int, Int, Int) {
        let key = settings.seed &+ UInt64(learner) &* 0x1_0000 &+ UInt64(competence)
        let trueLevel = Int(SplitMix64.mix(key) % UInt64(topLevel + 1))
        let seed = SplitMix64.mix(key ^ 0xA5A5_A5A5_A5A5_A5A5)
        guard var state = try? engine.startPositioning(competence: engine.competenceCodes[competence], seed: seed)
        else { return (trueLevel, 0, 0) }
        var asked = 0
        while let item = try? engine.next(state), let skill = item.skill {
            let mastered = skill.level <= trueLevel
            let draw = Double(SplitMix64.mix(key &+ UInt64(asked + 1) &* 0x9E37_79B9_7F4A_7C15) >> 11) * 0x1p-53
            let right = mastered ? draw >= settings.slip : draw < (settings.guess ?? Self.blindGuess(item))
            let date = Date(timeIntervalSince1970: 1_800_000_000 + Double(asked))
            guard let next = try? engine.record(state, item: item.id, outcome: right ? .ok : .ko, at: date) else {
                break
            }
            state = next
            asked += 1
        }
        let level = (try? engine.result(state))?.competences.first?.level ?? 0
        return (trueLevel, level, asked)
    }

    /// The probability of answering an item right at random: 1 / choices (qcu), 1 / (2^choices − 1) (qcm:
    /// any non-empty set of choices), 0 (typed responses).
    public static func blindGuess(_ item: ItemView) -> Double {
        let choices = item.choices.count
        switch item.type {
        case .qcu: return choices > 0 ? 1 / Double(choices) : 0
        case .qcm: return choices > 0 && choices < 63 ? 1 / Double((1 << choices) - 1) : 0
        case .qroc, .qrocmInd, .qrocmDep: return 0
        }
    }

    func report(_ tally: Tally, settings: Settings) -> Report {
        let total = max(1, tally.positionings)
        var byLevel: [LevelFigures] = []
        for level in 0..<Tally.levels {
            let row = tally.counts[level]
            let count = row.reduce(0, +)
            guard count > 0 else { continue }
            let withinOne = (max(0, level - 1)...min(Tally.levels - 1, level + 1)).reduce(0) { $0 + row[$1] }
            let positionedSum = row.enumerated().reduce(0) { $0 + $1.offset * $1.element }
            byLevel.append(
                LevelFigures(
                    trueLevel: level, positionings: count, exact: Double(row[level]) / Double(count),
                    withinOne: Double(withinOne) / Double(count),
                    meanPositioned: Double(positionedSum) / Double(count)))
        }
        let exact = (0..<Tally.levels).reduce(0) { $0 + tally.counts[$1][$1] }
        var withinOne = 0
        for level in 0..<Tally.levels {
            for positioned in max(0, level - 1)...min(Tally.levels - 1, level + 1) {
                withinOne += tally.counts[level][positioned]
            }
        }
        return Report(
            model:
                "mastery: true level uniform in 0...highest playable level; P(right) = 1 - slip on skills at or below it, "
                + (settings.guess.map { "\($0)" } ?? "a blind guess (1/choices qcu, 1/(2^choices-1) qcm, 0 typed)")
                + " above",
            settings: settings, positionings: tally.positionings, exact: Double(exact) / Double(total),
            withinOne: Double(withinOne) / Double(total), bias: Double(tally.errorSum) / Double(total),
            meanItems: Double(tally.items) / Double(total), maxItems: tally.maxItems, byTrueLevel: byLevel)
    }
}

/// Counts of a run: positionings by (true level, positioned level), items asked.
struct Tally: Sendable {
    static let levels = 9
    var counts = Array(repeating: Array(repeating: 0, count: Tally.levels), count: Tally.levels)
    var positionings = 0
    var items = 0
    var maxItems = 0
    var errorSum = 0

    mutating func add(_ outcome: (Int, Int, Int)) {
        let trueLevel = min(max(0, outcome.0), Tally.levels - 1)
        let positioned = min(max(0, outcome.1), Tally.levels - 1)
        counts[trueLevel][positioned] += 1
        positionings += 1
        items += outcome.2
        maxItems = max(maxItems, outcome.2)
        errorSum += positioned - trueLevel
    }

    mutating func merge(_ other: Tally) {
        for row in 0..<Tally.levels {
            for column in 0..<Tally.levels { counts[row][column] += other.counts[row][column] }
        }
        positionings += other.positionings
        items += other.items
        maxItems = max(maxItems, other.maxItems)
        errorSum += other.errorSum
    }
}

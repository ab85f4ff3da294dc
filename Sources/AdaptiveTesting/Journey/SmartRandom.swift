import Foundation
import ItemBankRuntime

/// Pix's "smart random" selection (notes/pix-domain.md, "Positioning"; docs/algorithms.md): the
/// candidate skills, the predicted level, the reward, the deterministic pick, and inference along a tube.
extension JourneyEngine {
    /// The next item of a session, or nil when the session has ended (no candidate skill is left).
    /// Pure: the same state gives the same item.
    /// - Throws: ``JourneyError/otherBank(expected:found:)`` for a state of another bank,
    ///   ``JourneyError/invalidState(_:)`` when its indices do not fit this bank.
    public func next(_ state: SessionState) throws(JourneyError) -> ItemView? {
        try check(state)
        guard let skill = nextSkill(state), let item = pickItem(of: skill, state) else { return nil }
        return bank.item(at: item)
    }

    /// The predicted level of a session: the first level of ``PositioningSettings/predictionLevels``
    /// minimising |Σ (outcome − P(level, skill level))| over the direct elements of the target skills
    /// and two virtual answers, P being the logistic of the level difference.
    public func predictedLevel(_ state: SessionState) -> Double {
        var best = settings.predictionLevels.first ?? 0
        var bestScore = -Double.infinity
        for level in settings.predictionLevels {
            var sum =
                (1 - logistic(level - settings.virtualSolvedLevel))
                + (0 - logistic(level - settings.virtualFailedLevel))
            for element in state.knowledge where element.source == .direct && isTarget(element, state) {
                let outcome: Double = element.status == .validated ? 1 : 0
                sum += outcome - logistic(level - Double(skills[element.skill].level))
            }
            let score = -abs(sum)
            if score > bestScore {
                bestScore = score
                best = level
            }
        }
        return best
    }

    // MARK: Candidates

    func isTarget(_ element: SessionState.Element, _ state: SessionState) -> Bool {
        skills.indices.contains(element.skill) && state.competences.contains(skills[element.skill].competence)
    }

    /// A skill is tested when it has an element, unless the element is an old invalidated one that
    /// training may re-ask.
    func isTested(_ skill: Int, _ state: SessionState) -> Bool {
        guard let element = state.element(of: skill) else { return false }
        if let retryBefore = state.retryBefore, !element.isNew, element.status == .invalidated,
            element.time < retryBefore
        {
            return false
        }
        return true
    }

    func nextSkill(_ state: SessionState) -> Int? {
        var candidates: [Int] = []
        for competence in state.competences {
            for skill in competenceSkills[competence]
            where !isTested(skill, state) && pickItem(of: skill, state) != nil {
                candidates.append(skill)
            }
        }
        guard !candidates.isEmpty else { return nil }
        // Easy tubes first.
        let easy = candidates.filter { tubeMaxLevel[skills[$0].tube] <= settings.easyTubeMaxLevel }
        if !easy.isEmpty { candidates = easy }
        // Never two timed items in a row (unless nothing else is left).
        let lastWasTimed = state.answers.last.map { bank.item(at: $0.item)?.timer != nil } ?? false
        if lastWasTimed || state.answers.isEmpty {
            let untimed = candidates.filter { !skills[$0].isTimed }
            if !untimed.isEmpty { candidates = untimed }
        }
        if state.answers.isEmpty {
            let first = candidates.filter { skills[$0].level == settings.firstLevel }
            if !first.isEmpty {
                candidates = first
            } else if let lowest = candidates.map({ skills[$0].level }).min() {
                candidates = candidates.filter { skills[$0].level == lowest }
            }
            return pick(candidates, state, draw: 0)
        }
        let predicted = predictedLevel(state)
        candidates = candidates.filter { Double(skills[$0].level) <= predicted + settings.maxLevelsAbovePrediction }
        var best: [Int] = []
        var bestReward = 0.0
        for skill in candidates {
            let value = reward(skill, predicted: predicted, state)
            guard value > 0 else { continue }
            if value > bestReward + 1e-12 {
                bestReward = value
                best = [skill]
            } else if abs(value - bestReward) <= 1e-12 {
                best.append(skill)
            }
        }
        return pick(best, state, draw: 0)
    }

    /// P(right) × (untested skills of the tube at or below the skill's level) + P(wrong) × (untested
    /// skills of the tube at or above it): the expected number of skills the answer settles.
    func reward(_ skill: Int, predicted: Double, _ state: SessionState) -> Double {
        let level = skills[skill].level
        let probability = logistic(predicted - Double(level))
        var ifSolved = 0
        var ifFailed = 0
        for other in tubeSkills[skills[skill].tube] where !isTested(other, state) {
            if skills[other].level <= level { ifSolved += 1 }
            if skills[other].level >= level { ifFailed += 1 }
        }
        return probability * Double(ifSolved) + (1 - probability) * Double(ifFailed)
    }

    // MARK: Picks

    /// The item to ask for a skill: one never answered (validated before archived), else one answered
    /// in an earlier session; never one answered in this session. Deterministic.
    func pickItem(of skill: Int, _ state: SessionState) -> Int? {
        let info = skills[skill]
        var fresh: [Int] = []
        var freshValidated: [Int] = []
        var seen: [Int] = []
        for (position, item) in info.playableItems.enumerated()
        where !state.answers.contains(where: { $0.item == item }) {
            if state.previouslyAnswered.contains(item) {
                seen.append(item)
            } else {
                fresh.append(item)
                // The validated items come first among the playable ones.
                if position < info.validatedCount { freshValidated.append(item) }
            }
        }
        if !fresh.isEmpty { return pick(freshValidated.isEmpty ? fresh : freshValidated, state, draw: 1) }
        return pick(seen, state, draw: 1)
    }

    /// Element `draw` of a deterministic sequence seeded by the session seed and the answer count.
    func pick(_ values: [Int], _ state: SessionState, draw: UInt64) -> Int? {
        guard !values.isEmpty else { return nil }
        let random = SplitMix64.mix(state.seed &+ UInt64(state.answers.count) &* 0x9E37_79B9_7F4A_7C15 &+ draw)
        return values[Int(random % UInt64(values.count))]
    }

    // MARK: Checks

    func check(_ state: SessionState) throws(JourneyError) {
        guard state.bank == bankTag else { throw .otherBank(expected: bankTag, found: state.bank) }
        guard state.competences.allSatisfy(competenceSkills.indices.contains) else {
            throw .invalidState("a competence index is outside the bank")
        }
        guard
            state.knowledge.allSatisfy({ skills.indices.contains($0.skill) && (0..<bank.itemCount).contains($0.item) }),
            state.answers.allSatisfy({ (0..<bank.itemCount).contains($0.item) }),
            state.previouslyAnswered.allSatisfy((0..<bank.itemCount).contains)
        else {
            throw .invalidState("a skill or item index is outside the bank")
        }
    }
}

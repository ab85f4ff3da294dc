import Foundation
import ItemBankRuntime

/// What a session produced: scores of its competences, its knowledge elements and its answers.
public struct SessionResult: Codable, Hashable, Sendable {
    /// One answer, named.
    public struct Answer: Codable, Hashable, Sendable {
        public var item: String
        public var skill: String
        public var outcome: AnswerOutcome
        public var date: Date
    }

    public var kind: SessionState.Kind
    /// True when nothing is left to ask.
    public var ended: Bool
    /// Scores of the target competences, from all their elements (prior ones included in training).
    public var competences: [CompetenceScore]
    /// Elements recorded in this session, in order.
    public var knowledge: [KnowledgeElement]
    public var answers: [Answer]
}

extension JourneyEngine {
    /// Starts a positioning test of one competence.
    ///
    /// A positioning measures from scratch: the profile's elements of this competence are not used
    /// (``updatedProfile(_:with:)`` replaces them with the session's); the profile's answered items are
    /// avoided while other items remain.
    /// - Parameter seed: seed of the deterministic picks (derive it from the assessment id).
    /// - Throws: ``JourneyError/unknownCompetence(_:)``.
    public func startPositioning(
        competence code: String, profile: LearnerProfile = .init(), seed: UInt64
    ) throws(JourneyError) -> SessionState {
        let competence = try competenceIndex(code)
        try requirePlayableItems([competence])
        return SessionState(
            kind: .positioning, bank: bankTag, locale: locale, competences: [competence], seed: seed, answers: [],
            knowledge: [], previouslyAnswered: answeredItemIndices(profile, in: [competence]), retryBefore: nil)
    }

    /// Starts a training session on competences the learner chose, continuing from the profile's
    /// knowledge: tested skills are not asked again, except invalidated ones whose element is older
    /// than ``PositioningSettings/retryDelay`` at `now`.
    /// - Throws: ``JourneyError/unknownCompetence(_:)``.
    public func startTraining(
        competences codes: [String], profile: LearnerProfile, seed: UInt64, now: Date
    ) throws(JourneyError) -> SessionState {
        var competences: [Int] = []
        for code in codes {
            let index = try competenceIndex(code)
            if !competences.contains(index) { competences.append(index) }
        }
        guard !competences.isEmpty else { throw .noCompetence }
        try requirePlayableItems(competences)
        var knowledge: [SessionState.Element] = []
        for element in profile.knowledge {
            guard let skill = skillByName[element.skill], competences.contains(skills[skill].competence) else {
                continue
            }
            let item = bank.item(id: element.item)?.index ?? skills[skill].playableItems.first ?? 0
            knowledge.append(
                SessionState.Element(
                    skill: skill, status: element.status, source: element.source, item: item,
                    time: element.date.timeIntervalSince1970, isNew: false))
        }
        return SessionState(
            kind: .training, bank: bankTag, locale: locale, competences: competences, seed: seed, answers: [],
            knowledge: knowledge, previouslyAnswered: answeredItemIndices(profile, in: competences),
            retryBefore: now.timeIntervalSince1970 - settings.retryDelay)
    }

    /// Records the learner's answer to an item and infers along its tube: a right answer (``AnswerOutcome/ok``)
    /// validates the skill and every untested easier skill of the tube; any other outcome invalidates
    /// the skill and every untested harder one.
    /// - Throws: ``JourneyError/unknownItem(_:)``; ``JourneyError/itemNotExpected(_:reason:)`` when the
    ///   item is outside the session's competences, not playable in its locale, already answered, or of
    ///   a tested skill; the errors of ``next(_:)`` for a foreign or corrupt state.
    public func record(
        _ state: SessionState, item id: String, outcome: AnswerOutcome, at date: Date
    ) throws(JourneyError) -> SessionState {
        try check(state)
        guard let item = bank.item(id: id) else { throw .unknownItem(id) }
        guard let skill = item.skill?.index, skills.indices.contains(skill),
            state.competences.contains(skills[skill].competence)
        else {
            throw .itemNotExpected(id, reason: "its skill is not in the session's competences")
        }
        guard skills[skill].isOpen else {
            throw .itemNotExpected(
                id, reason: "its skill \(skills[skill].name) is above the open maximum level \(bank.maxLevel)")
        }
        guard skills[skill].playableItems.contains(item.index) else {
            throw .itemNotExpected(id, reason: "it is not playable in locale \(locale) (validated or archived)")
        }
        guard !state.answers.contains(where: { $0.item == item.index }) else {
            throw .itemNotExpected(id, reason: "it was already answered in this session")
        }
        guard !isTested(skill, state) else {
            throw .itemNotExpected(id, reason: "its skill \(skills[skill].name) is already tested")
        }
        var state = state
        let time = date.timeIntervalSince1970
        state.answers.append(.init(item: item.index, outcome: outcome, time: time))
        let right = outcome.isSuccess
        var inferred: [Int] = []
        for other in tubeSkills[skills[skill].tube] where other != skill && !isTested(other, state) {
            if right ? skills[other].level < skills[skill].level : skills[other].level > skills[skill].level {
                inferred.append(other)
            }
        }
        let status: KnowledgeElement.Status = right ? .validated : .invalidated
        state.knowledge.removeAll { $0.skill == skill || inferred.contains($0.skill) }
        state.knowledge.append(
            .init(skill: skill, status: status, source: .direct, item: item.index, time: time, isNew: true))
        for other in inferred {
            state.knowledge.append(
                .init(skill: other, status: status, source: .inferred, item: item.index, time: time, isNew: true))
        }
        return state
    }

    /// The session's result so far.
    /// - Throws: the errors of ``next(_:)``.
    public func result(_ state: SessionState) throws(JourneyError) -> SessionResult {
        try check(state)
        var pix = [Int: Double]()
        for competence in state.competences { pix[competence] = 0 }
        for element in state.knowledge where element.status == .validated && isTarget(element, state) {
            pix[skills[element.skill].competence, default: 0] += skills[element.skill].pix
        }
        return SessionResult(
            kind: state.kind, ended: nextSkill(state) == nil,
            competences: state.competences.map { competenceScore(competence: $0, pix: pix[$0] ?? 0) },
            knowledge: state.knowledge.filter(\.isNew).map(knowledgeElement),
            answers: state.answers.map { answer in
                let item = bank.item(at: answer.item)
                return .init(
                    item: item?.id ?? "", skill: item?.skill?.name ?? "", outcome: answer.outcome,
                    date: Date(timeIntervalSince1970: answer.time))
            })
    }

    /// The profile after a session: a positioning replaces the competence's elements, training adds
    /// (or replaces) the elements it recorded; answered items are added.
    /// - Throws: the errors of ``next(_:)``.
    public func updatedProfile(
        _ profile: LearnerProfile, with state: SessionState
    ) throws(JourneyError)
        -> LearnerProfile
    {
        try check(state)
        var knowledge = profile.knowledge
        if state.kind == .positioning {
            let names = Set(
                state.competences.flatMap { competence in
                    skills.indices.filter { skills[$0].competence == competence }.map { skills[$0].name }
                })
            knowledge.removeAll { names.contains($0.skill) }
        }
        var updated = profile.replacingKnowledge(knowledge)
        for element in state.knowledge where element.isNew { updated.record(knowledgeElement(element)) }
        for answer in state.answers {
            if let id = bank.item(at: answer.item)?.id { updated.recordAnswered(item: id) }
        }
        return updated
    }

    func knowledgeElement(_ element: SessionState.Element) -> KnowledgeElement {
        KnowledgeElement(
            skill: skills[element.skill].name, status: element.status, source: element.source,
            item: bank.item(at: element.item)?.id ?? "", date: Date(timeIntervalSince1970: element.time))
    }

    /// Bank indices of the profile's answered items, restricted to `competences` when given (a session
    /// only needs those: keeps its state small whatever the profile's size).
    func answeredItemIndices(_ profile: LearnerProfile, in competences: [Int]? = nil) -> [Int] {
        profile.answeredItems.compactMap { id in
            guard let item = bank.item(id: id) else { return nil }
            if let competences, let skill = item.skill?.index,
                !competences.contains(skills.indices.contains(skill) ? skills[skill].competence : -1)
            {
                return nil
            }
            return item.index
        }
    }

    /// - Throws: ``JourneyError/noPlayableItems(competences:locale:)`` when none of the competences has
    ///   an item that can be served in the engine's locale.
    func requirePlayableItems(_ competences: [Int]) throws(JourneyError) {
        let playable = competences.contains { competence in
            competenceSkills[competence].contains { !skills[$0].playableItems.isEmpty }
        }
        guard playable else {
            throw .noPlayableItems(competences: competences.map { competenceCodes[$0] }, locale: locale)
        }
    }
}

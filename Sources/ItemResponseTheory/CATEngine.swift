/// The IRT adaptive engine ("flash" in Pix): maximum Fisher information selection with exposure
/// control and content rules, EAP estimation, stopping rules; over an ``ItemPool``.
///
/// Immutable and `Sendable`: one engine serves any number of sessions on any threads. A session is
/// a value (``CATSession``); each step is:
///
/// ```swift
/// var session = engine.startSession(seed: 42)
/// while engine.stopReason(for: session) == nil, let item = try engine.nextItem(in: &session) {
///     try engine.record(item: item, correct: answer(item), in: &session)
/// }
/// ```
///
/// Cost per step: ``nextItem(in:ledger:)`` walks the pool's information index (a few dozen items,
/// not the whole pool); ``record(item:correct:in:)`` is O(grid points). Neither allocates once the
/// session is started (arrays are reserved for the maximum length).
public struct CATEngine: Sendable {
    public let pool: ItemPool
    public let settings: CATSettings
    public let estimator: AbilityEstimator
    /// Forced competences as a bit set over the pool's competences.
    let forced: IRTBitSet
    let forcedItemCount: Int

    /// Filter bits, in fallback priority order.
    static let uniquenessRule: UInt8 = 1 << 0
    static let visitRule: UInt8 = 1 << 1
    static let forcedRule: UInt8 = 1 << 2
    static let gapRule: UInt8 = 1 << 3
    static let ceilingRule: UInt8 = 1 << 4
    static let ruleOrder: [UInt8] = [uniquenessRule, visitRule, forcedRule, gapRule, ceilingRule]

    /// Largest number of candidates a pick may ask for (randomesque or geometric count).
    public static let maximumCandidates = 64

    /// - Throws: ``CATError`` `.invalidSetting` when a setting is out of range (see
    ///   ``AbilityEstimator/init(settings:)``; lengths < 0 or minimum > maximum; a standard-error threshold
    ///   that is not > 0; unsorted or non-finite cut scores; z ≤ 0; a pick count outside
    ///   1 ... ``maximumCandidates``; a probability outside [0, 1]; a ceiling rate outside (0, 1] (a
    ///   rate of 0 would skip every item, so the ceiling would always give way); a population < 1;
    ///   Sympson–Hetter without pool parameters; a forced competence the pool does not have; a negative
    ///   warm-up or gap; a non-finite start θ).
    public init(pool: ItemPool, settings: CATSettings) throws(CATError) {
        estimator = try AbilityEstimator(settings: settings.estimator)
        let stopping = settings.stopping
        guard stopping.minimumLength >= 0, stopping.maximumLength >= 0,
            stopping.minimumLength <= stopping.maximumLength
        else {
            throw CATError(
                .invalidSetting, "lengths: minimum \(stopping.minimumLength), maximum \(stopping.maximumLength)")
        }
        if let threshold = stopping.standardError, !(threshold > 0) {
            throw CATError(.invalidSetting, "standard-error threshold \(threshold) is not > 0")
        }
        if let classification = stopping.classification {
            guard classification.z > 0, classification.z.isFinite, classification.cuts.allSatisfy(\.isFinite),
                zip(classification.cuts, classification.cuts.dropFirst()).allSatisfy({ $0 < $1 })
            else {
                throw CATError(.invalidSetting, "classification: cuts must be finite and increasing, z > 0")
            }
        }
        let exposure = settings.exposure
        guard (1...CATEngine.maximumCandidates).contains(exposure.candidateCount) else {
            throw CATError(.invalidSetting, "pick among \(exposure.candidateCount) items")
        }
        if case .geometric(_, let probability) = exposure.pick, !(probability >= 0 && probability <= 1) {
            throw CATError(.invalidSetting, "pick probability \(probability) is not in [0, 1]")
        }
        if let ceiling = exposure.ceiling {
            guard ceiling.rate > 0, ceiling.rate <= 1 else {
                throw CATError(.invalidSetting, "exposure ceiling rate \(ceiling.rate) is not in (0, 1]")
            }
            if let population = ceiling.population, population < 1 {
                throw CATError(.invalidSetting, "exposure ceiling population \(population) is not 1 or more")
            }
        }
        if exposure.sympsonHetter, pool.exposureParameters == nil {
            throw CATError(.invalidSetting, "Sympson–Hetter needs exposure parameters (itembank calibrate-exposure)")
        }
        let content = settings.content
        guard content.warmUpLength >= 0, content.competenceGap >= 0 else {
            throw CATError(.invalidSetting, "warm-up \(content.warmUpLength), gap \(content.competenceGap)")
        }
        var forced = IRTBitSet(count: pool.competenceCount)
        var forcedItemCount = 0
        for competence in content.forcedCompetences {
            guard (0..<pool.competenceCount).contains(competence) else {
                throw CATError(.invalidSetting, "forced competence \(competence) has no item in the pool")
            }
            if !forced[competence] { forcedItemCount += Int(pool.itemsPerCompetence[competence]) }
            forced[competence] = true
        }
        guard settings.startTheta.isFinite else {
            throw CATError(.invalidSetting, "start θ \(settings.startTheta)")
        }
        self.pool = pool
        self.settings = settings
        self.forced = forced
        self.forcedItemCount = forcedItemCount
    }

    // MARK: Sessions

    /// A new session, its random draws seeded by `seed`.
    public func startSession(seed: UInt64) -> CATSession {
        var session = CATSession(
            administered: [], responses: [], estimator: estimator.initialState(startTheta: settings.startTheta),
            setAside: [], random: SplitMix64(seed: seed))
        let capacity = min(settings.stopping.maximumLength, pool.count)
        session.administered.reserveCapacity(capacity)
        session.responses.reserveCapacity(capacity)
        if settings.exposure.sympsonHetter { session.setAside.reserveCapacity(pool.count) }
        session.book = emptyBook()
        return session
    }

    private func emptyBook() -> CATSession.Book {
        let withCompetence = pool.count - Int(pool.competenceOf.count { $0 < 0 })
        return CATSession.Book(
            used: IRTBitSet(count: pool.count), setAside: IRTBitSet(count: pool.count),
            tubeUsed: IRTBitSet(count: pool.tubeCount), skillUsed: IRTBitSet(count: pool.skillCount),
            visited: IRTBitSet(count: pool.competenceCount), unusedPerCompetence: pool.itemsPerCompetence,
            unusedCount: pool.count, uniquenessPassing: pool.count, visitPassing: withCompetence,
            forcedPassing: forcedItemCount)
    }

    /// Rebuilds the bookkeeping of a decoded session, checking it belongs to this engine.
    private func prepare(_ session: inout CATSession) throws(CATError) {
        if session.book.isPrepared { return }
        guard estimator.accepts(session.estimator), session.responses.count == session.administered.count,
            session.estimator.answerCount == session.administered.count
        else {
            throw CATError(.invalidSession, "the session does not match this engine's estimator")
        }
        var book = emptyBook()
        for (position, item) in session.administered.enumerated() {
            guard (0..<pool.count).contains(item), !book.used[item] else {
                throw CATError(.invalidSession, item: item, "answer \(position + 1) names an invalid or repeated item")
            }
            use(item, answerIndex: position, in: &book)
        }
        for item in session.setAside {
            guard (0..<pool.count).contains(item) else {
                throw CATError(.invalidSession, item: item, "a set-aside item is not in the pool")
            }
            book.setAside[item] = true
        }
        session.book = book
    }

    /// Marks `item` used and updates the content counts.
    private func use(_ item: Int, answerIndex: Int, in book: inout CATSession.Book) {
        book.used[item] = true
        book.unusedCount -= 1
        let competence = Int(pool.competenceOf[item])
        var unusedBefore = 0
        if competence >= 0 {
            unusedBefore = Int(book.unusedPerCompetence[competence])
            book.unusedPerCompetence[competence] -= 1
        }
        switch settings.content.uniqueness {
        case .none:
            book.uniquenessPassing -= 1
        case .tube:
            let tube = Int(pool.tubeOf[item])
            if tube < 0 {
                book.uniquenessPassing -= 1
            } else if !book.tubeUsed[tube] {
                book.tubeUsed[tube] = true
                book.uniquenessPassing -= Int(pool.itemsPerTube[tube])
            }
        case .skill:
            let skill = Int(pool.skillOf[item])
            if skill < 0 {
                book.uniquenessPassing -= 1
            } else if !book.skillUsed[skill] {
                book.skillUsed[skill] = true
                book.uniquenessPassing -= Int(pool.itemsPerSkill[skill])
            }
        }
        guard competence >= 0, !book.visited[competence] else { return }
        let isForced = forced[competence]
        if answerIndex >= settings.content.warmUpLength {
            book.visited[competence] = true
            book.visitPassing -= unusedBefore
            if isForced { book.forcedPassing -= unusedBefore }
        } else {
            book.visitPassing -= 1
            if isForced { book.forcedPassing -= 1 }
        }
    }

    /// Records the answer to `item` (right when `correct`) and updates the estimate. O(grid points);
    /// no allocation for a session from ``startSession(seed:)`` within its maximum length.
    /// - Throws: ``CATError`` `.invalidSession` when `item` is not in the pool or was already given,
    ///   or when a decoded session does not match this engine.
    public func record(item: Int, correct: Bool, in session: inout CATSession) throws(CATError) {
        try prepare(&session)
        guard (0..<pool.count).contains(item), !session.book.used[item] else {
            throw CATError(.invalidSession, item: item, "item \(item) is not in the pool or was already given")
        }
        use(item, answerIndex: session.administered.count, in: &session.book)
        estimator.update(
            &session.estimator, discrimination: pool.discriminations[item], difficulty: pool.difficulties[item],
            correct: correct)
        session.administered.append(item)
        session.responses.append(correct)
    }

    /// Why the session should end now, nil while it should go on.
    public func stopReason(for session: CATSession) -> StopReason? {
        let stopping = settings.stopping
        let count = session.answerCount
        if count >= stopping.maximumLength { return .maximumLength }
        if count >= pool.count { return .poolExhausted }
        guard count >= stopping.minimumLength else { return nil }
        let estimate = session.estimate
        if let threshold = stopping.standardError, estimate.standardError < threshold { return .standardError }
        if let classification = stopping.classification {
            let low = estimate.theta - classification.z * estimate.standardError
            let high = estimate.theta + classification.z * estimate.standardError
            if low.isFinite, high.isFinite, !classification.cuts.contains(where: { low < $0 && $0 < high }) {
                return .classification
            }
        }
        return nil
    }

    // MARK: Selection

    /// Chooses the next item at the current estimate: the content rules and the ceiling as filters
    /// (each dropped, in priority order, when it would leave nothing), then the most informative
    /// eligible items, the pick rule, and Sympson–Hetter. Does not record anything in the session
    /// except Sympson–Hetter's set-aside items and the random state.
    /// - Parameter ledger: exposure counts of the population, read by the ceiling (ignored without).
    /// - Returns: the pool index of the item, nil when every item was given.
    /// - Throws: ``CATError`` `.invalidSession` when a decoded session does not match this engine.
    public func nextItem(in session: inout CATSession, ledger: ExposureLedger? = nil) throws(CATError) -> Int? {
        try prepare(&session)
        guard session.book.unusedCount > 0 else { return nil }
        let theta = session.estimate.theta
        let exposure = settings.exposure
        let parameters = exposure.sympsonHetter ? pool.exposureParameters : nil
        return withUnsafeTemporaryAllocation(of: IRTCandidate.self, capacity: exposure.candidateCount) { buffer in
            var list = IRTCandidateList(storage: buffer)
            var honourSetAside = parameters != nil
            while true {
                var rules = quickRules(session, ledger: ledger)
                pool.bestItems(at: theta, into: &list) { eligible($0, rules: rules, honourSetAside, session, ledger) }
                if list.count == 0 {
                    rules = greedyRules(session, ledger: ledger, honourSetAside: honourSetAside)
                    pool.bestItems(at: theta, into: &list) {
                        eligible($0, rules: rules, honourSetAside, session, ledger)
                    }
                }
                if list.count == 0 {
                    // Only set-aside items are left: Sympson–Hetter gives way.
                    guard honourSetAside else { return nil }
                    honourSetAside = false
                    continue
                }
                let item = list[pick(count: list.count, random: &session.random)].item
                guard honourSetAside, let parameters else { return item }
                if session.random.nextUnit() < parameters[item] { return item }
                session.setAside.append(item)
                session.book.setAside[item] = true
            }
        }
    }

    /// Index, in the best-first candidate list, of the item the pick rule chooses.
    private func pick(count: Int, random: inout SplitMix64) -> Int {
        switch settings.exposure.pick {
        case .best:
            return 0
        case .randomesque:
            return min(count - 1, Int(random.nextUnit() * Double(count)))
        case .geometric(_, let probability):
            var position = 0
            while position < count - 1, !(random.nextUnit() < probability) { position += 1 }
            return position
        }
    }

    /// Rules that are applicable and leave at least one unused item each (O(1) per rule from the
    /// session's counts; the ceiling is assumed to).
    private func quickRules(_ session: CATSession, ledger: ExposureLedger?) -> UInt8 {
        let content = settings.content
        let afterWarmUp = session.answerCount >= content.warmUpLength
        var rules: UInt8 = 0
        if content.uniqueness != .none, session.book.uniquenessPassing > 0 { rules |= CATEngine.uniquenessRule }
        if content.visitEveryCompetence, afterWarmUp, session.book.visitPassing > 0 { rules |= CATEngine.visitRule }
        if forcedItemCount > 0, afterWarmUp, session.book.forcedPassing > 0 { rules |= CATEngine.forcedRule }
        if content.competenceGap > 0 {
            var left = session.book.unusedCount
            let recent = session.administered.suffix(content.competenceGap)
            for (offset, item) in zip(recent.indices, recent) {
                let competence = Int(pool.competenceOf[item])
                guard competence >= 0,
                    !recent[recent.startIndex..<offset].contains(where: { pool.competenceOf[$0] == competence })
                else { continue }
                left -= Int(session.book.unusedPerCompetence[competence])
            }
            if left > 0 { rules |= CATEngine.gapRule }
        }
        if settings.exposure.ceiling != nil, ledger != nil { rules |= CATEngine.ceilingRule }
        return rules
    }

    /// The exact fallback: scans the pool for the combinations of rules that eligible items pass,
    /// then keeps each rule, in priority order, when some item passes it with those already kept.
    private func greedyRules(_ session: CATSession, ledger: ExposureLedger?, honourSetAside: Bool) -> UInt8 {
        var applicable: UInt8 = 0
        let content = settings.content
        let afterWarmUp = session.answerCount >= content.warmUpLength
        if content.uniqueness != .none { applicable |= CATEngine.uniquenessRule }
        if content.visitEveryCompetence, afterWarmUp { applicable |= CATEngine.visitRule }
        if forcedItemCount > 0, afterWarmUp { applicable |= CATEngine.forcedRule }
        if content.competenceGap > 0 { applicable |= CATEngine.gapRule }
        if settings.exposure.ceiling != nil, ledger != nil { applicable |= CATEngine.ceilingRule }
        var present: UInt32 = 0
        for item in 0..<pool.count where eligible(item, rules: 0, honourSetAside, session, ledger) {
            present |= 1 << UInt32(passed(item, rules: applicable, session, ledger))
        }
        var kept: UInt8 = 0
        for rule in CATEngine.ruleOrder where applicable & rule != 0 {
            let wanted = kept | rule
            var found = false
            for combination in 0..<32 where present & (1 << UInt32(combination)) != 0 {
                if UInt8(combination) & wanted == wanted {
                    found = true
                    break
                }
            }
            if found { kept = wanted }
        }
        return kept
    }

    /// Whether `item` can be given: unused, not set aside (when honoured), and passing `rules`.
    @inline(__always)
    private func eligible(
        _ item: Int, rules: UInt8, _ honourSetAside: Bool, _ session: CATSession, _ ledger: ExposureLedger?
    ) -> Bool {
        if session.book.used[item] { return false }
        if honourSetAside, session.book.setAside[item] { return false }
        return rules == 0 || passed(item, rules: rules, session, ledger) & rules == rules
    }

    /// The subset of `rules` that `item` passes.
    private func passed(_ item: Int, rules: UInt8, _ session: CATSession, _ ledger: ExposureLedger?) -> UInt8 {
        var result: UInt8 = 0
        let competence = Int(pool.competenceOf[item])
        if rules & CATEngine.uniquenessRule != 0 {
            switch settings.content.uniqueness {
            case .none:
                result |= CATEngine.uniquenessRule
            case .tube:
                let tube = Int(pool.tubeOf[item])
                if tube < 0 || !session.book.tubeUsed[tube] { result |= CATEngine.uniquenessRule }
            case .skill:
                let skill = Int(pool.skillOf[item])
                if skill < 0 || !session.book.skillUsed[skill] { result |= CATEngine.uniquenessRule }
            }
        }
        if rules & CATEngine.visitRule != 0, competence >= 0, !session.book.visited[competence] {
            result |= CATEngine.visitRule
        }
        if rules & CATEngine.forcedRule != 0, competence >= 0, forced[competence], !session.book.visited[competence] {
            result |= CATEngine.forcedRule
        }
        if rules & CATEngine.gapRule != 0 {
            var recent = false
            if competence >= 0 {
                for answered in session.administered.suffix(settings.content.competenceGap)
                where Int(pool.competenceOf[answered]) == competence {
                    recent = true
                    break
                }
            }
            if !recent { result |= CATEngine.gapRule }
        }
        if rules & CATEngine.ceilingRule != 0, let ceiling = settings.exposure.ceiling, let ledger,
            ledger.admits(item: item, under: ceiling)
        {
            result |= CATEngine.ceilingRule
        }
        return result
    }
}

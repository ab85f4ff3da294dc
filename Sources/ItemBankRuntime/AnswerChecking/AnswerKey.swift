/// What one response accepts: its id, its kind (typed with tolerances, or drop-down) and its
/// accepted answers.
public struct ResponseKey: Hashable, Sendable {
    public var id: String
    public var kind: ResponseKind
    /// Accepted answers as written (a qrocm-dep's responses use the item's answer groups instead).
    public var acceptedAnswers: [String]

    public init(id: String, kind: ResponseKind, acceptedAnswers: [String] = []) {
        self.id = id
        self.kind = kind
        self.acceptedAnswers = acceptedAnswers
    }

    /// Reads a response of a compiled bank.
    public init(_ response: ResponseView) {
        self.init(
            id: response.id,
            kind: response.isDropdown
                ? .dropdown(options: response.options)
                : .typed(tolerances: response.tolerances, isNumber: response.format == "number"),
            acceptedAnswers: response.acceptedAnswers)
    }
}

/// The answer key of an item: everything answer checking needs, as plain values, so that it can be
/// built from a compiled bank (``init(_:)``) or directly (tests, other sources). Checking is pure.
///
/// Rules (Pix's, `notes/pix-domain.md`, with the differences listed in docs/algorithms.md,
/// "Answer checking"):
/// - qcu: exactly the key. qcm: all and only the keys, in any order; a repeated choice is wrong.
/// - qroc, qrocm-ind: every response right (``AnswerMatcher`` with the response's tolerances); no
///   partial credit, but ``AnswerCheck/responses`` says which responses were right.
/// - qrocm-dep: the non-empty answers, duplicates counted once, are matched to distinct answer groups
///   by a maximum matching (``GroupMatching``), with the groups' tolerances; right when at least
///   `requiredAnswerCount` (default: the number of responses) answers are matched.
/// - Nothing chosen, or every response empty: ``AnswerOutcome/skipped``. Some responses empty: each
///   empty one is wrong.
/// - A right answer becomes ``AnswerOutcome/focusedOut`` (focusable item, focus lost, certification),
///   else ``AnswerOutcome/timedOut`` (elapsed seconds above the timer), as Pix's examiner orders them.
public struct AnswerKey: Hashable, Sendable {
    public var type: ItemType
    /// Number of choices of a qcu / qcm.
    public var choiceCount: Int
    /// 1-based positions of the keys of a qcu / qcm.
    public var keyPositions: [Int]
    /// Responses of a qroc / qrocm, in document order.
    public var responses: [ResponseKey]
    /// qrocm-dep: each group's accepted answers.
    public var answerGroups: [[String]]
    /// qrocm-dep: tolerances of the groups, applied to every typed response of the item.
    public var groupTolerances: Tolerances
    /// qrocm-dep: right answers required; nil means one per response.
    public var requiredAnswerCount: Int?
    /// Seconds allowed; nil when untimed.
    public var timer: Int?
    /// Whether leaving the page during a certification turns a right answer into focused out.
    public var isFocusable: Bool

    public init(
        type: ItemType, choiceCount: Int = 0, keyPositions: [Int] = [], responses: [ResponseKey] = [],
        answerGroups: [[String]] = [], groupTolerances: Tolerances = [.t1, .t2, .t3],
        requiredAnswerCount: Int? = nil, timer: Int? = nil, isFocusable: Bool = false
    ) {
        self.type = type
        self.choiceCount = choiceCount
        self.keyPositions = keyPositions
        self.responses = responses
        self.answerGroups = answerGroups
        self.groupTolerances = groupTolerances
        self.requiredAnswerCount = requiredAnswerCount
        self.timer = timer
        self.isFocusable = isFocusable
    }

    /// Reads the answer key of an item of a compiled bank (strings are copied once).
    public init(_ item: ItemView) {
        let type = item.type
        let isChoice = type == .qcu || type == .qcm
        self.init(
            type: type,
            choiceCount: isChoice ? item.choices.count : 0,
            keyPositions: isChoice ? item.keyPositions : [],
            responses: isChoice ? [] : item.responses.map(ResponseKey.init),
            answerGroups: type == .qrocmDep ? item.answerGroups : [],
            groupTolerances: item.groupTolerances,
            requiredAnswerCount: item.requiredAnswerCount,
            timer: item.timer,
            isFocusable: item.isFocusable)
    }

    /// Checks a learner's answer.
    /// - Parameters:
    ///   - answer: choices (qcu, qcm), one text (an item with one response) or texts by response id
    ///     (qroc, qrocm), or skipped.
    ///   - context: elapsed seconds, focus, certification; the default changes nothing.
    /// - Returns: the outcome and, for items with responses, a detail per response.
    /// - Throws: ``AnswerError`` when the answer does not fit the item type (`wrong-shape`), names a
    ///   choice or a response the item does not have (`choice-out-of-range`, `unknown-response`), omits
    ///   a response (`missing-response`), gives a drop-down a value that is not an option
    ///   (`not-an-option`), or when the elapsed time is negative or not finite (`invalid-context`).
    public func check(
        _ answer: LearnerAnswer, context: AnswerContext = AnswerContext()
    ) throws(AnswerError)
        -> AnswerCheck
    {
        if let elapsed = context.elapsedSeconds, !(elapsed.isFinite && elapsed >= 0) {
            throw AnswerError(.invalidContext, "elapsed seconds must be finite and not negative, not \(elapsed)")
        }
        var check: AnswerCheck
        switch answer {
        case .skipped:
            return AnswerCheck(outcome: .skipped, isRight: false)
        case .choices(let positions):
            check = try checkChoices(positions)
        case .text(let text):
            guard type != .qcu && type != .qcm else {
                throw AnswerError(.wrongShape, "a \(type.rawValue) is answered with choices, not text")
            }
            guard responses.count == 1 else {
                throw AnswerError(
                    .wrongShape,
                    "one text for an item with \(responses.count) responses: answer with texts by response id")
            }
            check = try checkTexts([text])
        case .texts(let texts):
            check = try checkTexts(orderedTexts(texts))
        }
        if check.isRight { check.outcome = Self.rightOutcome(self, context) }
        return check
    }

    /// ok, or focused out, or timed out (Pix's examiner sets timed out, then focused out over it).
    static func rightOutcome(_ key: AnswerKey, _ context: AnswerContext) -> AnswerOutcome {
        if key.isFocusable && context.focusLost && context.isCertification { return .focusedOut }
        if let timer = key.timer, let elapsed = context.elapsedSeconds, elapsed > Double(timer) { return .timedOut }
        return .ok
    }

    // MARK: - qcu, qcm

    func checkChoices(_ positions: [Int]) throws(AnswerError) -> AnswerCheck {
        guard type == .qcu || type == .qcm else {
            throw AnswerError(.wrongShape, "a \(type.rawValue) is answered with texts, not choices")
        }
        if let outside = positions.first(where: { !(1...max(1, choiceCount)).contains($0) || choiceCount == 0 }) {
            throw AnswerError(.choiceOutOfRange, "choice \(outside) is not in 1...\(choiceCount)")
        }
        if positions.isEmpty { return AnswerCheck(outcome: .skipped, isRight: false) }
        if type == .qcu && positions.count > 1 {
            throw AnswerError(.wrongShape, "a qcu takes one choice, not \(positions.count)")
        }
        let chosen = Set(positions)
        let right = chosen.count == positions.count && chosen == Set(keyPositions) && keyPositions.count == chosen.count
        return AnswerCheck(outcome: right ? .ok : .ko, isRight: right)
    }

    // MARK: - qroc, qrocm

    /// The texts in response order.
    func orderedTexts(_ texts: [String: String]) throws(AnswerError) -> [String] {
        guard type != .qcu && type != .qcm else {
            throw AnswerError(.wrongShape, "a \(type.rawValue) is answered with choices, not texts")
        }
        let ids = Set(responses.map(\.id))
        if let unknown = texts.keys.sorted().first(where: { !ids.contains($0) }) {
            throw AnswerError(.unknownResponse, responseID: unknown, "the item has no response \(unknown)")
        }
        var ordered: [String] = []
        ordered.reserveCapacity(responses.count)
        for response in responses {
            guard let text = texts[response.id] else {
                throw AnswerError(.missingResponse, responseID: response.id, "no text for response \(response.id)")
            }
            ordered.append(text)
        }
        return ordered
    }

    func checkTexts(_ texts: [String]) throws(AnswerError) -> AnswerCheck {
        // White_Space includes the no-break spaces, and NFC never changes whether a text is blank.
        let empty = texts.map { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        for (index, response) in responses.enumerated() {
            guard case .dropdown(let options) = response.kind, !empty[index] else { continue }
            // An over-long value is no option (options are short), and is not read further.
            let value = Tolerance.isOverlong(texts[index]) ? nil : Tolerance.preTreated(texts[index])
            guard let value,
                options.contains(where: { Tolerance.preTreated($0).unicodeScalars.elementsEqual(value.unicodeScalars) })
            else {
                throw AnswerError(
                    .notAnOption, responseID: response.id,
                    "\(Self.quoted(texts[index])) is not an option of drop-down \(response.id)")
            }
        }
        let required = type == .qrocmDep ? (requiredAnswerCount ?? responses.count) : nil
        if !responses.isEmpty && empty.allSatisfy({ $0 }) {
            let details = responses.map { ResponseCheck(id: $0.id, isRight: false, isEmpty: true) }
            return AnswerCheck(
                outcome: .skipped, isRight: false, responses: details,
                matchedAnswerCount: required == nil ? nil : 0, requiredAnswerCount: required)
        }
        if type == .qrocmDep { return checkGroups(texts, empty: empty, required: required ?? 0) }
        var details: [ResponseCheck] = []
        details.reserveCapacity(responses.count)
        for (index, response) in responses.enumerated() {
            let matcher = AnswerMatcher(acceptedAnswers: response.acceptedAnswers, kind: response.kind)
            let match = empty[index] ? nil : matcher.firstMatch(texts[index])
            details.append(
                ResponseCheck(
                    id: response.id, isRight: match != nil, isEmpty: empty[index],
                    acceptedAnswer: match.map { response.acceptedAnswers[$0] }))
        }
        let right = !details.isEmpty && details.allSatisfy(\.isRight)
        return AnswerCheck(outcome: right ? .ok : .ko, isRight: right, responses: details)
    }

    /// A learner's text for a message: quoted, cut after 40 characters.
    static func quoted(_ text: String) -> String {
        let prefix = text.prefix(40)
        return "\"" + prefix + (prefix.endIndex == text.endIndex ? "\"" : "…\"")
    }

    // MARK: - qrocm-dep

    func checkGroups(_ texts: [String], empty: [Bool], required: Int) -> AnswerCheck {
        var matchersByKind: [ResponseKind: [AnswerMatcher]] = [:]
        var seen: Set<String> = []
        var edges: [[Int]] = []
        var acceptedIndex: [[Int: Int]] = []
        for (index, response) in responses.enumerated() {
            let kind = groupKind(response.kind)
            var groups: [Int] = []
            var accepted: [Int: Int] = [:]
            let comparable = !empty[index] && !Tolerance.isOverlong(texts[index])
            if comparable, seen.insert(duplicateKey(texts[index], kind)).inserted {
                let matchers =
                    matchersByKind[kind]
                    ?? answerGroups.map { AnswerMatcher(acceptedAnswers: $0, kind: kind) }
                matchersByKind[kind] = matchers
                // The answer is treated once per comparison (text or number), not once per group.
                var forms: [AnswerMatcher.Comparison: String?] = [:]
                for (group, matcher) in matchers.enumerated() {
                    let form = forms[matcher.comparison] ?? matcher.comparedForm(of: texts[index])
                    forms[matcher.comparison] = form
                    if let form, let match = matcher.firstMatch(comparedForm: form) {
                        groups.append(group)
                        accepted[group] = match
                    }
                }
            }
            edges.append(groups)
            acceptedIndex.append(accepted)
        }
        let matching = GroupMatching.maximumMatching(edges, groupCount: answerGroups.count)
        var details: [ResponseCheck] = []
        for (index, response) in responses.enumerated() {
            let group = matching[index]
            details.append(
                ResponseCheck(
                    id: response.id, isRight: group != nil, isEmpty: empty[index], group: group,
                    acceptedAnswer: group.flatMap { group in acceptedIndex[index][group].map { answerGroups[group][$0] }
                    }))
        }
        let matched = matching.count { $0 != nil }
        let right = required >= 1 && matched >= required
        return AnswerCheck(
            outcome: right ? .ok : .ko, isRight: right, responses: details, matchedAnswerCount: matched,
            requiredAnswerCount: required)
    }

    /// A qrocm-dep's typed responses are compared with the groups' tolerances.
    func groupKind(_ kind: ResponseKind) -> ResponseKind {
        guard case .typed(_, let isNumber) = kind else { return kind }
        return .typed(tolerances: groupTolerances, isNumber: isNumber)
    }

    /// Answers with the same key are one answer: the same number, or the same text after
    /// pre-treatment, t1 and t2 (t3 aside), or the same option.
    func duplicateKey(_ text: String, _ kind: ResponseKind) -> String {
        switch kind {
        case .dropdown: return Tolerance.preTreated(text)
        case .typed(let tolerances, let isNumber):
            if isNumber, let number = AnswerNumber(text) { return number.description }
            return Tolerance.treated(text, tolerances.subtracting(.t3))
        }
    }
}

extension ItemView {
    /// The item's answer key (strings copied from the bank once).
    public var answerKey: AnswerKey { AnswerKey(self) }

    /// Checks a learner's answer to this item: ``AnswerKey/check(_:context:)`` on ``answerKey``.
    /// - Throws: ``AnswerError`` when the answer does not fit the item (see ``AnswerKey/check(_:context:)``).
    public func check(
        _ answer: LearnerAnswer, context: AnswerContext = AnswerContext()
    ) throws(AnswerError)
        -> AnswerCheck
    {
        try answerKey.check(answer, context: context)
    }
}

/// The result of checking one answer: its outcome and, for items with responses, a detail per
/// response.
public struct AnswerCheck: Hashable, Codable, Sendable {
    /// The outcome; only ``AnswerOutcome/ok`` is a success.
    public var outcome: AnswerOutcome
    /// Whether the answer itself is right, before timer and focus (true for ok, timed out and
    /// focused out).
    public var isRight: Bool
    /// One entry per response of the item, in document order; empty for a qcu / qcm and for a
    /// ``LearnerAnswer/skipped`` answer.
    public var responses: [ResponseCheck]
    /// qrocm-dep: number of answers matched to distinct groups (a maximum matching); nil otherwise.
    public var matchedAnswerCount: Int?
    /// qrocm-dep: number of matched answers required (`count`, default the number of responses); nil
    /// otherwise.
    public var requiredAnswerCount: Int?

    public init(
        outcome: AnswerOutcome, isRight: Bool, responses: [ResponseCheck] = [], matchedAnswerCount: Int? = nil,
        requiredAnswerCount: Int? = nil
    ) {
        self.outcome = outcome
        self.isRight = isRight
        self.responses = responses
        self.matchedAnswerCount = matchedAnswerCount
        self.requiredAnswerCount = requiredAnswerCount
    }
}

/// The check of one response.
public struct ResponseCheck: Hashable, Codable, Sendable {
    /// The response's id.
    public var id: String
    /// Whether this response's answer is right (qrocm-dep: matched to a group).
    public var isRight: Bool
    /// Whether the answer was empty (or whitespace only).
    public var isEmpty: Bool
    /// qrocm-dep: the group (0-based index in ``ItemView/answerGroups``) the answer counts for.
    public var group: Int?
    /// The accepted answer, as written by the author, that the answer matched.
    public var acceptedAnswer: String?

    public init(id: String, isRight: Bool, isEmpty: Bool, group: Int? = nil, acceptedAnswer: String? = nil) {
        self.id = id
        self.isRight = isRight
        self.isEmpty = isEmpty
        self.group = group
        self.acceptedAnswer = acceptedAnswer
    }
}

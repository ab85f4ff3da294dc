/// How the accepted answers of one response (or one answer group of a qrocm-dep) are compared with a
/// learner's answer: the single definition that answer checking (ItemBankRuntime's `AnswerMatcher`) and
/// lint (`response.tolerance-collision`, `response.dep-shared-synonym`, `response.number-format`) share,
/// so that they cannot disagree about what a number is or which answers a tolerance makes identical.
///
/// The comparison is chosen from the response (docs/algorithms.md, "Answer checking"):
/// - ``number`` for a typed response of format `number` whose accepted answers are all numbers
///   (``AnswerNumber``): equal values are equal, whatever the tolerances; an answer that is not a number
///   is wrong.
/// - ``option`` for a drop-down: equality after pre-treatment (NFC, no-break spaces), no tolerance.
/// - ``text(_:)`` otherwise: ``Tolerance/treated(_:_:)`` on both sides, then equality, or
///   ``Tolerance/isWithinTypoTolerance(_:of:)`` when t3 is on.
public enum AnswerComparison: Hashable, Sendable {
    /// Treated text (pre-treatment, then t1 and t2 when on); t3 forgives a typo when on.
    case text(Tolerances)
    /// Numbers of the ``AnswerNumber`` grammar, compared by value.
    case number
    /// Drop-down options: pre-treated text, no tolerance.
    case option

    /// The comparison of a typed response with these tolerances; `isNumber` for format `number`. A
    /// number response compares numbers only when every accepted answer is one (an accepted answer that
    /// is not a number is an authoring error, `response.number-format`; the response then compares text).
    public init(typedAnswers acceptedAnswers: [String], tolerances: Tolerances, isNumber: Bool) {
        if isNumber && !acceptedAnswers.isEmpty && acceptedAnswers.allSatisfy({ AnswerNumber($0) != nil }) {
            self = .number
        } else {
            self = .text(tolerances)
        }
    }

    /// The form of `text` that is compared: two answers with the same compared form are the same answer.
    /// Nil when `text` can never match: empty or only whitespace after treatment, or not a number under
    /// ``number``. Does not check the length limit (``Tolerance/isOverlong(_:)``).
    public func comparedForm(_ text: String) -> String? {
        let form: String
        switch self {
        case .option: form = Tolerance.preTreated(text)
        case .number: form = AnswerNumber(text)?.description ?? ""
        case .text(let tolerances): form = Tolerance.treated(text, tolerances)
        }
        return form.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? nil : form
    }

    /// The tolerance-collision test: for each accepted answer that is the same answer as an earlier one
    /// under this comparison (same compared form), its position and the earlier one's (0-based), in
    /// order. Answers that can never match (``comparedForm(_:)`` nil) collide with nothing.
    ///
    /// With t3, answers one typo apart are not reported: the learner's answer is what t3 forgives.
    public func collisions(among acceptedAnswers: [String]) -> [(index: Int, sameAs: Int)] {
        var first: [String: Int] = [:]
        var found: [(index: Int, sameAs: Int)] = []
        for (index, answer) in acceptedAnswers.enumerated() {
            guard let form = comparedForm(answer) else { continue }
            if let earlier = first[form] {
                found.append((index, earlier))
            } else {
                first[form] = index
            }
        }
        return found
    }
}

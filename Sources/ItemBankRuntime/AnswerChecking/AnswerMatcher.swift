/// How a response's answers are compared with its accepted answers.
public enum ResponseKind: Hashable, Sendable {
    /// A typed response (input field) with its tolerances; `isNumber` for format `number`.
    case typed(tolerances: Tolerances, isNumber: Bool)
    /// A drop-down: the learner picks one of `options`; no tolerance ever applies.
    case dropdown(options: [String])
}

/// The accepted answers of one response (or of one answer group of a qrocm-dep), prepared once for
/// comparison with learners' answers. Pure and bank-independent.
///
/// The comparison (``AnswerComparison``, ItemBankVocabulary, shared with lint) is chosen from the kind:
/// numbers for a `number` response whose accepted answers are all numbers (``AnswerNumber``), options
/// for a drop-down, treated text otherwise.
///
/// A learner's answer that is empty after its treatments, or longer than
/// ``Tolerance/maximumAnswerLength`` characters, is never right; neither is an accepted answer that
/// its treatments leave empty (`?!` with t2).
public struct AnswerMatcher: Hashable, Sendable {
    /// The comparison in force.
    public typealias Comparison = AnswerComparison

    public let comparison: Comparison
    /// The accepted answers as written.
    public let acceptedAnswers: [String]
    /// The accepted answers in compared form (treated text, or canonical number), nil when never matchable.
    let comparedForms: [String?]

    /// Prepares `acceptedAnswers` for a response of this kind.
    public init(acceptedAnswers: [String], kind: ResponseKind) {
        self.acceptedAnswers = acceptedAnswers
        switch kind {
        case .dropdown:
            comparison = .option
        case .typed(let tolerances, let isNumber):
            comparison = AnswerComparison(typedAnswers: acceptedAnswers, tolerances: tolerances, isNumber: isNumber)
        }
        comparedForms = acceptedAnswers.map(comparison.comparedForm)
    }

    /// Prepares the accepted answers of a typed response (`isNumber` for format `number`).
    public init(acceptedAnswers: [String], tolerances: Tolerances, isNumber: Bool = false) {
        self.init(acceptedAnswers: acceptedAnswers, kind: .typed(tolerances: tolerances, isNumber: isNumber))
    }

    /// The form of a learner's answer that is compared; nil when the answer can never be right
    /// (empty after treatment, over-long, or not a number under ``Comparison/number``). Two answers
    /// with the same compared form are the same answer (qrocm-dep counts such duplicates once).
    public func comparedForm(of answer: String) -> String? {
        if comparison != .option && Tolerance.isOverlong(answer) { return nil }
        return comparison.comparedForm(answer)
    }

    /// Position (0-based) of the first accepted answer that `answer` matches, nil when it is wrong.
    public func firstMatch(_ answer: String) -> Int? {
        guard let form = comparedForm(of: answer) else { return nil }
        return firstMatch(comparedForm: form)
    }

    /// Whether `answer` is right.
    public func matches(_ answer: String) -> Bool { firstMatch(answer) != nil }

    func firstMatch(comparedForm form: String) -> Int? {
        if case .text(let tolerances) = comparison, tolerances.contains(.t3) {
            // Exact matches first, so that the accepted answer reported is the one the learner wrote.
            if let exact = comparedForms.firstIndex(where: {
                $0.map { $0.unicodeScalars.elementsEqual(form.unicodeScalars) } ?? false
            }) {
                return exact
            }
            return comparedForms.firstIndex { $0.map { Tolerance.isWithinTypoTolerance(form, of: $0) } ?? false }
        }
        return comparedForms.firstIndex { $0.map { $0.unicodeScalars.elementsEqual(form.unicodeScalars) } ?? false }
    }
}

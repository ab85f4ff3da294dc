/// Why an answer could not be checked: it does not have the shape the item type expects, or its
/// context is invalid. Thrown by ``AnswerKey/check(_:context:)`` and ``ItemView/check(_:context:)``;
/// never a trap, whatever the input. A wrong answer is not an error: it is ``AnswerOutcome/ko``.
public struct AnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; an extensible set of stable codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Choices for an item with responses, texts for a qcu / qcm, one `text` for an item with
        /// several responses, several choices for a qcu.
        public static let wrongShape = Code("wrong-shape")
        /// A choice position outside `1...choices.count`.
        public static let choiceOutOfRange = Code("choice-out-of-range")
        /// A text for a response id the item does not have.
        public static let unknownResponse = Code("unknown-response")
        /// No text for one of the item's responses (send `""` for an empty one).
        public static let missingResponse = Code("missing-response")
        /// A drop-down value that is none of its options (nor empty).
        public static let notAnOption = Code("not-an-option")
        /// Elapsed seconds negative, infinite or not a number.
        public static let invalidContext = Code("invalid-context")
    }

    public var code: Code
    /// The response concerned, if any.
    public var responseID: String?
    public var message: String

    public init(_ code: Code, responseID: String? = nil, _ message: String) {
        self.code = code
        self.responseID = responseID
        self.message = message
    }

    public var description: String {
        "[\(code)]" + (responseID.map { " response \($0)" } ?? "") + ": " + message
    }
}

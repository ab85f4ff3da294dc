/// The circumstances of an answer, which can turn a right answer into ``AnswerOutcome/timedOut`` or
/// ``AnswerOutcome/focusedOut`` (Pix's examiner). They never make a wrong answer right.
public struct AnswerContext: Hashable, Codable, Sendable {
    /// Seconds between showing the item and receiving the answer; nil when not measured. A right
    /// answer to an item with a ``ItemView/timer`` is timed out when `elapsedSeconds > timer`.
    public var elapsedSeconds: Double?
    /// The learner left the page while the item was shown (the player's focus-out event).
    public var focusLost: Bool
    /// The answer belongs to a certification: only there does losing focus on a focusable item count
    /// (a right answer is then focused out).
    public var isCertification: Bool

    public init(elapsedSeconds: Double? = nil, focusLost: Bool = false, isCertification: Bool = false) {
        self.elapsedSeconds = elapsedSeconds
        self.focusLost = focusLost
        self.isCertification = isCertification
    }
}

/// The outcome of an answer (Pix's answer statuses). Only ``ok`` counts as a success, for knowledge
/// elements, scoring and certification alike.
public enum AnswerOutcome: String, Hashable, Codable, Sendable, CaseIterable {
    /// Right, in time, without leaving the page.
    case ok
    /// Wrong (or partly right: no partial credit).
    case ko
    /// Not answered: the learner passed, or submitted no choice and only empty responses.
    case skipped
    /// Right, but given after the item's timer.
    case timedOut = "timed-out"
    /// Right, but the learner left the page of a focusable item during a certification.
    case focusedOut = "focused-out"

    /// True for ``ok`` only.
    public var isSuccess: Bool { self == .ok }
}

/// The outcome of one answer to an item (notes/pix-domain.md, "Answer outcomes").
///
/// Only ``ok`` counts as a success anywhere (scoring, positioning, certification).
public enum AnswerOutcome: String, Codable, Hashable, Sendable, CaseIterable {
    /// Right, in time.
    case ok
    /// Wrong.
    case ko
    /// The learner passed the item without answering.
    case skipped
    /// Right, but after the item's timer ran out.
    case timedOut = "timed-out"
    /// Right, but the learner left the page of a focusable item during a certification.
    case focusedOut = "focused-out"

    /// True for ``ok`` only.
    public var isSuccess: Bool { self == .ok }
}

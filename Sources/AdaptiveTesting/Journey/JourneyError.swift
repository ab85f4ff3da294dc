/// Why a journey step was refused. The message of each case says what to do.
public enum JourneyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No competence of the bank has this code.
    case unknownCompetence(String)
    /// No item of the bank has this id.
    case unknownItem(String)
    /// The state was made on another bank (its content digest differs).
    case otherBank(expected: String, found: String)
    /// The item recorded is not one the session can record: outside its competences, already answered,
    /// or of a skill already tested.
    case itemNotExpected(String, reason: String)
    /// The session has ended: nothing is left to ask.
    case sessionEnded
    /// A certification cannot be assembled: fewer certifiable competences than required.
    case notEligible(certifiable: Int, required: Int)
    /// A certification answer names an item that is not in the test.
    case itemNotInTest(String)
    /// A state whose indices do not fit the bank (edited or corrupt).
    case invalidState(String)
    /// A certification is scored without an answer for one of its items (record a skip instead).
    case missingAnswer(String)
    /// No item of these competences can be served in the locale.
    case noPlayableItems(competences: [String], locale: String)
    /// A session needs at least one competence.
    case noCompetence
    /// A certification test would have no item: no skill of a certifiable competence was validated
    /// directly (inferred skills are not certified).
    case emptyCertification

    public var description: String {
        switch self {
        case .unknownCompetence(let code): "no competence \(code) in the bank"
        case .unknownItem(let id): "no item \(id) in the bank"
        case .otherBank(let expected, let found):
            "the state was made on bank \(found)…, this bank is \(expected)…; start a new session on this bank"
        case .itemNotExpected(let id, let reason): "item \(id) cannot be recorded: \(reason)"
        case .sessionEnded: "the session has ended: nothing is left to ask"
        case .notEligible(let certifiable, let required):
            "not eligible: level 1 or more is reached in \(certifiable) competences, \(required) are required"
        case .itemNotInTest(let id): "item \(id) is not in this certification test"
        case .invalidState(let reason): "invalid session state: \(reason)"
        case .missingAnswer(let id):
            "no answer for item \(id) of the test (record `skipped` when the learner passed it)"
        case .noPlayableItems(let competences, let locale):
            "no item of competence \(competences.joined(separator: ", ")) can be served in locale \(locale) "
                + "(validated or archived, with that locale)"
        case .noCompetence: "no competence given"
        case .emptyCertification:
            "no item can be asked: no skill of a certifiable competence was validated directly (answered right)"
        }
    }
}

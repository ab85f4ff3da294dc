import Foundation

/// A session as stored: who, what kind, on which bank release, and its journey state.
public struct SessionRecord: Codable, Hashable, Sendable {
    /// Session id: 128 random bits, hex.
    public var id: String
    /// The learner the session belongs to.
    public var learner: String
    /// `positioning`, `training` or `certification`.
    public var kind: String
    /// Content digest of the bank release the session runs on.
    public var bankDigest: String
    /// Locale the items are served in.
    public var locale: String
    /// The journey state (JSON of ``SessionProgress``).
    public var state: String
    /// Answers recorded so far: the version a commit expects (optimistic concurrency).
    public var answerCount: Int
    /// True when nothing is left to ask.
    public var finished: Bool
    /// When the session started.
    public var createdAt: Date

    public init(
        id: String, learner: String, kind: String, bankDigest: String, locale: String, state: String,
        answerCount: Int, finished: Bool, createdAt: Date
    ) {
        self.id = id
        self.learner = learner
        self.kind = kind
        self.bankDigest = bankDigest
        self.locale = locale
        self.state = state
        self.answerCount = answerCount
        self.finished = finished
        self.createdAt = createdAt
    }
}

/// One scored answer, as exported for calibration.
public struct ResponseRecord: Codable, Hashable, Sendable {
    /// The learner (calibration's `person`).
    public var learner: String
    public var session: String
    /// Item id.
    public var item: String
    /// 1 for ``ItemBankRuntime/AnswerOutcome/ok``, 0 otherwise.
    public var score: Int
    /// The outcome's raw value (`ok`, `ko`, `skipped`, `timed-out`, `focused-out`).
    public var outcome: String
    public var answeredAt: Date
    /// Content digest of the bank release the item was served from.
    public var bankDigest: String

    public init(
        learner: String, session: String, item: String, score: Int, outcome: String, answeredAt: Date,
        bankDigest: String
    ) {
        self.learner = learner
        self.session = session
        self.item = item
        self.score = score
        self.outcome = outcome
        self.answeredAt = answeredAt
        self.bankDigest = bankDigest
    }
}

/// The learner's new profile (JSON of `LearnerProfile`) from the stored one (nil before their first
/// finished session). Two sessions of one learner finishing at once both land in the profile (each
/// merges into what the other committed): PostgreSQL calls it inside the answer's transaction with the
/// learner's profile locked; SQLite calls it on the profile it read and commits the result only if the
/// stored profile is still that one, else calls it again in a transaction with its lock held. It may therefore run more than
/// once for one commit: it must be a function of `stored` alone. Throwing writes nothing.
public typealias ProfileUpdate = @Sendable (_ stored: String?) throws -> String

/// Everything one acknowledged answer changes, committed in one transaction before the reply.
public struct AnswerCommit: Sendable {
    public var session: String
    /// The session's ``SessionRecord/answerCount`` the answer was checked against: the commit fails
    /// (returns false) when another request recorded an answer in between.
    public var expectedAnswerCount: Int
    /// The new journey state.
    public var state: String
    public var finished: Bool
    public var response: ResponseRecord
    /// When the session finished: how the learner's profile changes, applied to the profile as stored
    /// at commit time (see ``ProfileUpdate``).
    public var profileUpdate: ProfileUpdate?
    /// A certificate (JSON), when a certification finished.
    public var certificate: String?

    public init(
        session: String, expectedAnswerCount: Int, state: String, finished: Bool, response: ResponseRecord,
        profileUpdate: ProfileUpdate?, certificate: String?
    ) {
        self.session = session
        self.expectedAnswerCount = expectedAnswerCount
        self.state = state
        self.finished = finished
        self.response = response
        self.profileUpdate = profileUpdate
        self.certificate = certificate
    }
}

/// What one read finds for a bearer token and a session id (``LearnerStore/session(id:tokenHash:)``).
public enum SessionLookup: Sendable, Hashable {
    /// No learner has this token.
    case unknownToken
    /// The token is this learner's, who has no session with this id.
    case notFound(learner: String)
    /// The learner's session.
    case found(SessionRecord)
}

/// Durable learner state: learners and their tokens, profiles, sessions, answers, certificates.
///
/// One implementation per database (``SQLiteLearnerStore``, ``PostgresLearnerStore``). Every method is one transaction; the
/// service never holds a transaction across requests. Errors are thrown as the driver's; the service
/// turns them into a 503 problem.
public protocol LearnerStore: Sendable {
    /// Applies the schema migrations not applied yet; returns the schema version.
    func migrate() async throws -> Int
    /// Records a learner with the SHA-256 (hex) of their token.
    func createLearner(id: String, tokenHash: String, at date: Date) async throws
    /// The learner whose token has this SHA-256, if any.
    func learner(tokenHash: String) async throws -> String?
    /// The learner's profile (JSON of `LearnerProfile`), nil before their first finished session.
    func profile(learner: String) async throws -> String?
    /// The learner whose token has this SHA-256 (hex) and their profile (nil before their first finished
    /// session), in one read: a session's start. Nil when no learner has the token.
    func learnerAndProfile(tokenHash: String) async throws -> (learner: String, profile: String?)?
    func createSession(_ session: SessionRecord) async throws
    func session(id: String) async throws -> SessionRecord?
    /// The session `id` of the learner whose token has this SHA-256 (hex), in one read: the answer
    /// path's authentication and session read together.
    func session(id: String, tokenHash: String) async throws -> SessionLookup
    /// Commits an answer; false when the session's answer count is no longer the expected one.
    func commit(_ answer: AnswerCommit) async throws -> Bool
    /// The learner's certificates (JSON), oldest first.
    func certificates(learner: String) async throws -> [String]
    /// Every recorded answer, in the order they were recorded.
    func responses() async throws -> [ResponseRecord]
    /// Releases the connection.
    func close() async throws
}

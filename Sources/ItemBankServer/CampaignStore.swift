import Foundation

/// A positioning campaign as stored: who organises it, its code and the competences it covers.
public struct CampaignRecord: Codable, Hashable, Sendable {
    /// Internal id (`c-` and 64 random bits, hex); the API names a campaign by its ``code``.
    public var id: String
    /// The short code learners join with (``CampaignCode``).
    public var code: String
    /// The organiser (teacher) who created it.
    public var organiser: String
    public var title: String
    /// Competence codes (`1.1`), in the order the organiser gave them.
    public var competences: [String]
    public var createdAt: Date

    public init(
        id: String, code: String, organiser: String, title: String, competences: [String], createdAt: Date
    ) {
        self.id = id
        self.code = code
        self.organiser = organiser
        self.title = title
        self.competences = competences
        self.createdAt = createdAt
    }
}

/// A learner's participation in a campaign.
public struct ParticipationRecord: Codable, Hashable, Sendable {
    /// The campaign's internal id (``CampaignRecord/id``).
    public var campaign: String
    public var learner: String
    /// The name the learner gave when joining (what the organiser sees); may be empty.
    public var name: String
    public var joinedAt: Date

    public init(campaign: String, learner: String, name: String, joinedAt: Date) {
        self.campaign = campaign
        self.learner = learner
        self.name = name
        self.joinedAt = joinedAt
    }
}

/// The positioning session a participant runs for one competence of a campaign, as it stands.
public struct CampaignSessionRecord: Hashable, Sendable {
    /// The campaign's internal id.
    public var campaign: String
    public var learner: String
    public var competence: String
    /// The session id (a session of ``SessionRecord``).
    public var session: String
    public var answerCount: Int
    public var finished: Bool
    /// Last write to the session (its last answer, or its start).
    public var updatedAt: Date
    /// Content digest of the release the session runs on.
    public var bankDigest: String
    public var locale: String
    /// The journey state (JSON).
    public var state: String

    public init(
        campaign: String, learner: String, competence: String, session: String, answerCount: Int, finished: Bool,
        updatedAt: Date, bankDigest: String, locale: String, state: String
    ) {
        self.campaign = campaign
        self.learner = learner
        self.competence = competence
        self.session = session
        self.answerCount = answerCount
        self.finished = finished
        self.updatedAt = updatedAt
        self.bankDigest = bankDigest
        self.locale = locale
        self.state = state
    }
}

/// Durable campaign state beside the learners': organisers and their token hashes, campaigns,
/// participations, and the session each participant runs per competence.
///
/// Schema version 2 of both stores (``SQLiteLearnerStore``, ``PostgresLearnerStore``). Every method is
/// one transaction; errors are the driver's (the service answers 503).
public protocol CampaignStore: LearnerStore {
    /// Records an organiser with the SHA-256 (hex) of their token; false when that token is already an
    /// organiser's (nothing is written).
    func createOrganiser(id: String, tokenHash: String, name: String, at date: Date) async throws -> Bool
    /// The organiser whose token has this SHA-256, if any.
    func organiser(tokenHash: String) async throws -> String?
    /// Records a campaign; false when its code is taken (nothing is written: draw another code).
    func createCampaign(_ campaign: CampaignRecord) async throws -> Bool
    /// The campaign with this code (exact, normalised), if any.
    func campaign(code: String) async throws -> CampaignRecord?
    /// The campaign with this internal id, if any.
    func campaign(id: String) async throws -> CampaignRecord?
    /// An organiser's campaigns, oldest first.
    func campaigns(organiser: String) async throws -> [CampaignRecord]
    /// Records a participation; false when the learner had joined already (nothing is written).
    func join(_ participation: ParticipationRecord) async throws -> Bool
    /// A campaign's participations, in the order learners joined.
    func participations(campaign: String) async throws -> [ParticipationRecord]
    /// A learner's participations, in the order they joined.
    func participations(learner: String) async throws -> [ParticipationRecord]
    /// Links a session to (campaign, learner, competence); false when that competence already has a
    /// session in the campaign for this learner (nothing is written).
    func linkCampaignSession(
        campaign: String, learner: String, competence: String, session: String
    ) async throws
        -> Bool
    /// The sessions of a campaign (of one learner when `learner` is given), with where they stand.
    func campaignSessions(campaign: String, learner: String?) async throws -> [CampaignSessionRecord]
}

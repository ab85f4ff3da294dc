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
    /// When the organiser closed it (no learner joins or starts a positioning after); nil while open.
    public var closedAt: Date?

    public init(
        id: String, code: String, organiser: String, title: String, competences: [String], createdAt: Date,
        closedAt: Date? = nil
    ) {
        self.id = id
        self.code = code
        self.organiser = organiser
        self.title = title
        self.competences = competences
        self.createdAt = createdAt
        self.closedAt = closedAt
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

/// Where an organiser's token came from.
public enum OrganiserSource: String, Codable, Hashable, Sendable {
    /// `POST /v1/admin/organisers`: stays until revoked with `DELETE /v1/admin/organisers/{id}`.
    case admin
    /// `--organiser-token`: also revoked when a later start no longer gives the token.
    case commandLine = "command-line"
}

/// An organiser as stored (never their token, of which the store keeps the SHA-256 only).
public struct OrganiserRecord: Codable, Hashable, Sendable {
    /// `o-` and 64 random bits, hex.
    public var id: String
    /// The name given by the admin; empty for a `--organiser-token`'s organiser.
    public var name: String
    public var createdAt: Date
    public var source: OrganiserSource
    /// When the organiser (and their token) was revoked; nil while the token works.
    public var revokedAt: Date?

    public init(id: String, name: String, createdAt: Date, source: OrganiserSource, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.source = source
        self.revokedAt = revokedAt
    }
}

/// Durable campaign state beside the learners': organisers and their token hashes, campaigns,
/// participations, and the session each participant runs per competence.
///
/// Schema version 2 of both stores, with the organisers' `source` and `revoked_at` of version 5 (SQLite)
/// and 3 (PostgreSQL) and the campaigns' `closed_at` of version 6 (SQLite) and 4 (PostgreSQL) (``SQLiteLearnerStore``, ``PostgresLearnerStore``). Every method is
/// one transaction; errors are the driver's (the service answers 503).
public protocol CampaignStore: LearnerStore {
    /// Records an organiser (source ``OrganiserSource/admin``) with the SHA-256 (hex) of their token;
    /// false when that token is already an organiser's (nothing is written).
    func createOrganiser(id: String, tokenHash: String, name: String, at date: Date) async throws -> Bool
    /// The organiser whose token has this SHA-256, if any and not revoked.
    func organiser(tokenHash: String) async throws -> String?
    /// Every organiser, revoked ones included, oldest first.
    func organisers() async throws -> [OrganiserRecord]
    /// Revokes the organiser `id` (their token stops working; their campaigns stay); false when no
    /// organiser has this id or it was revoked already (nothing is written).
    func revokeOrganiser(id: String, at date: Date) async throws -> Bool
    /// Makes the organisers of `--organiser-token` what this start gives, in one transaction: each
    /// token hash becomes (or stays) an unrevoked organiser of source ``OrganiserSource/commandLine``
    /// (`id` is used for a new one; a revoked one is reinstated; an admin-made one is marked as given on
    /// the command line), and every other unrevoked organiser of that source is revoked.
    /// - Returns: the ids of the organisers revoked.
    func syncCommandLineOrganisers(_ given: [(id: String, tokenHash: String)], at date: Date) async throws -> [String]
    /// Records a campaign; false when its code is taken (nothing is written: draw another code).
    func createCampaign(_ campaign: CampaignRecord) async throws -> Bool
    /// The campaign with this code (exact, normalised), if any.
    func campaign(code: String) async throws -> CampaignRecord?
    /// The campaign with this internal id, if any.
    func campaign(id: String) async throws -> CampaignRecord?
    /// Closes the campaign `id` at `date`; false when no campaign has this id or it was closed already
    /// (nothing is written: the first closing date stays).
    func closeCampaign(id: String, at date: Date) async throws -> Bool
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

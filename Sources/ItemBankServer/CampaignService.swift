import AdaptiveTesting
import Foundation

/// Positioning campaigns as schools run them: an organiser (a teacher) creates a campaign over chosen
/// competences and gives its short code to a class; learners join with the code and take one positioning
/// per competence, over as many visits as they need; the organiser follows their progress and exports
/// level and pix per learner and competence as CSV. Knows nothing of HTTP; throws ``ServiceError``.
///
/// Campaign positionings are ordinary sessions of ``JourneyService`` (answered, resumed and committed the
/// same way), linked to (campaign, learner, competence) in the ``CampaignStore``.
public struct CampaignService: Sendable {
    public let journey: JourneyService
    public let store: any CampaignStore

    public init(journey: JourneyService, store: any CampaignStore) {
        self.journey = journey
        self.store = store
    }

    // MARK: organisers

    /// Registers an organiser (admin); the token is returned once.
    /// - Throws: 422 `invalid-organiser` for a blank name, a name over 200 characters or with control
    ///   characters.
    public func registerOrganiser(_ request: CreateOrganiserRequest) async throws(ServiceError) -> OrganiserRegistration
    {
        let name = try Self.text(request.name ?? "", field: "name", maximum: 200, code: "invalid-organiser")
        if request.name != nil, name.isEmpty {
            throw .unprocessable(
                "invalid-organiser", "name must not be blank: give the organiser's name, or leave it out")
        }
        let id = "o-" + JourneyService.randomHex(bytes: 8)
        let token = JourneyService.randomHex(bytes: 16)
        _ = try await journey.storeCall {
            try await store.createOrganiser(id: id, tokenHash: JourneyService.hash(token), name: name, at: Date())
        }
        return OrganiserRegistration(organiser: id, name: name, token: token)
    }

    /// Makes `tokens` the organiser tokens of `--organiser-token` (at start): each one an organiser's
    /// token (a new organiser, or the one it was, reinstated if revoked), and every organiser made by an
    /// earlier start's `--organiser-token` that is not among them revoked.
    /// - Returns: the ids of the organisers revoked.
    public func syncCommandLineOrganisers(tokens: [String]) async throws(ServiceError) -> [String] {
        var seen = Set<String>()
        let given = tokens.map { JourneyService.hash($0) }.filter { seen.insert($0).inserted }.map {
            (id: "o-" + JourneyService.randomHex(bytes: 8), tokenHash: $0)
        }
        return try await journey.storeCall { try await store.syncCommandLineOrganisers(given, at: Date()) }
    }

    /// Every organiser, revoked ones included, oldest first (admin).
    public func organisers() async throws(ServiceError) -> OrganisersReply {
        let records = try await journey.storeCall { try await store.organisers() }
        return OrganisersReply(
            organisers: records.map {
                OrganiserSummary(
                    organiser: $0.id, name: $0.name, createdAt: $0.createdAt, source: $0.source,
                    revokedAt: $0.revokedAt)
            })
    }

    /// Revokes the organiser `id` (admin): their token stops working at once on every instance (each
    /// request checks it in the store); their campaigns and the learners' participations stay.
    /// - Throws: 404 `organiser-not-found` when no organiser has this id or it is revoked already.
    public func revokeOrganiser(id: String) async throws(ServiceError) {
        guard try await journey.storeCall({ try await store.revokeOrganiser(id: id, at: Date()) }) else {
            throw .notFound(
                "organiser-not-found",
                "no organiser \(id) whose token works (GET /v1/admin/organisers lists them, revoked ones too)")
        }
    }

    /// The organiser a bearer token acts for.
    /// - Throws: 401 when the token is missing or is not an organiser's.
    public func authenticateOrganiser(token: String?) async throws(ServiceError) -> String {
        guard let token, !token.isEmpty else {
            throw .unauthorized(
                "send an organiser's token: Authorization: Bearer <token> (POST /v1/admin/organisers gives one)")
        }
        guard
            let organiser = try await journey.storeCall({
                try await store.organiser(tokenHash: JourneyService.hash(token))
            })
        else {
            throw .unauthorized("the token is not an organiser's token")
        }
        return organiser
    }

    // MARK: the organiser's side

    /// Creates a campaign on the current release's competences, with a code no other campaign has.
    /// - Throws: 422 `invalid-campaign` (empty or long title, no competence), `unknown-competence`: the
    ///   first of ``problems(in:)``.
    public func createCampaign(
        organiser: String, request: CreateCampaignRequest
    ) async throws(ServiceError) -> CampaignReply {
        if let problem = problems(in: request).first { throw .unprocessable(problem.code, problem.message) }
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var competences: [String] = []
        for code in request.competences where !competences.contains(code) { competences.append(code) }
        for _ in 0..<8 {
            let record = CampaignRecord(
                id: "c-" + JourneyService.randomHex(bytes: 8), code: CampaignCode.random(), organiser: organiser,
                title: title, competences: competences, createdAt: Date())
            if try await journey.storeCall({ try await store.createCampaign(record) }) {
                return Self.reply(record, participants: 0)
            }
        }
        throw .unavailable("no free campaign code was found; retry the request")
    }

    /// What is wrong with a campaign to create, field by field (empty: it can be created). The API
    /// answers the first as a 422; the organiser's page shows each next to its field.
    ///
    /// The title must hold 1 to 200 characters once trimmed, without control characters; at least one
    /// competence, each a competence of the current release.
    public func problems(in request: CreateCampaignRequest) -> [CampaignFieldProblem] {
        var problems: [CampaignFieldProblem] = []
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            problems.append(.init(field: .title, code: "invalid-campaign", message: "give the campaign a title"))
        } else if title.unicodeScalars.count > 200 {
            problems.append(
                .init(
                    field: .title, code: "invalid-campaign",
                    message: "the title is \(title.unicodeScalars.count) characters long: at most 200"))
        } else if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(
                .init(
                    field: .title, code: "invalid-campaign",
                    message: "the title holds a control character (a line break, a tab): remove it"))
        }
        let known = journey.competenceTitles().map(\.code)
        if request.competences.isEmpty {
            problems.append(
                .init(field: .competences, code: "invalid-campaign", message: "choose at least one competence"))
        } else if let unknown = request.competences.first(where: { !known.contains($0) }) {
            problems.append(
                .init(
                    field: .competences, code: "unknown-competence",
                    message:
                        "the bank has no competence \(unknown.prefix(20)); its competences are "
                        + known.joined(separator: ", ")))
        }
        return problems
    }

    /// The organiser's campaigns, oldest first, each with its number of learners who joined and of those
    /// who finished every competence's positioning (no level is computed: cheap enough for a list).
    public func overviews(organiser: String) async throws(ServiceError) -> [CampaignOverview] {
        let records = try await journey.storeCall { try await store.campaigns(organiser: organiser) }
        var overviews: [CampaignOverview] = []
        for record in records {
            let participations = try await journey.storeCall { try await store.participations(campaign: record.id) }
            let sessions = try await journey.storeCall {
                try await store.campaignSessions(campaign: record.id, learner: nil)
            }
            var completed: [String: Set<String>] = [:]
            for session in sessions where session.finished && record.competences.contains(session.competence) {
                completed[session.learner, default: []].insert(session.competence)
            }
            let finished = participations.filter {
                completed[$0.learner]?.count == Set(record.competences).count
            }.count
            overviews.append(
                CampaignOverview(campaign: Self.reply(record, participants: participations.count), finished: finished))
        }
        return overviews
    }

    /// The organiser's campaigns, oldest first.
    public func campaigns(organiser: String) async throws(ServiceError) -> CampaignsReply {
        let records = try await journey.storeCall { try await store.campaigns(organiser: organiser) }
        var replies: [CampaignReply] = []
        for record in records {
            let count = try await journey.storeCall { try await store.participations(campaign: record.id) }.count
            replies.append(Self.reply(record, participants: count))
        }
        return CampaignsReply(campaigns: replies)
    }

    /// The campaign and every participant's progress, in the order they joined.
    /// - Throws: 404 no campaign has this code; 403 it is another organiser's.
    public func progress(organiser: String, code: String) async throws(ServiceError) -> CampaignProgressReply {
        let campaign = try await ownCampaign(organiser: organiser, code: code)
        let participations = try await journey.storeCall { try await store.participations(campaign: campaign.id) }
        let sessions = try await journey.storeCall {
            try await store.campaignSessions(campaign: campaign.id, learner: nil)
        }
        let byLearner = Dictionary(grouping: sessions, by: \.learner)
        var participants: [ParticipantProgress] = []
        for participation in participations {
            let mine = byLearner[participation.learner] ?? []
            let competences = try await progress(campaign, learner: participation.learner, sessions: mine)
            let last = mine.map(\.updatedAt).max().map { max($0, participation.joinedAt) } ?? participation.joinedAt
            participants.append(
                ParticipantProgress(
                    learner: participation.learner, name: participation.name, joinedAt: participation.joinedAt,
                    done: competences.filter { $0.status == "completed" }.count, total: competences.count,
                    lastActivity: last, competences: competences))
        }
        return CampaignProgressReply(
            campaign: Self.reply(campaign, participants: participations.count), participants: participants)
    }

    /// The campaign's results as CSV (RFC 4180, LF line ends, a header row): one row per participant and
    /// competence, `learner,name,competence,level,pix,completed_at,completion`, participants in the order
    /// they joined, competences in the campaign's order. `completion` is `completed`, `in-progress` or
    /// `not-started`; level, pix and completed_at are empty unless completed. A name a spreadsheet would
    /// read as a formula (starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
    public func resultsCSV(organiser: String, code: String) async throws(ServiceError) -> String {
        let reply = try await progress(organiser: organiser, code: code)
        var csv = "learner,name,competence,level,pix,completed_at,completion\n"
        for participant in reply.participants {
            for competence in participant.competences {
                let fields = [
                    JourneyService.csvField(participant.learner),
                    JourneyService.csvField(Self.spreadsheetSafe(participant.name)),
                    JourneyService.csvField(competence.competence), competence.level.map(String.init) ?? "",
                    competence.pix.map(String.init) ?? "", competence.completedAt.map(JourneyService.timestamp) ?? "",
                    competence.status,
                ]
                csv += fields.joined(separator: ",") + "\n"
            }
        }
        return csv
    }

    // MARK: the learner's side

    /// Joins the campaign with this code (once: joining again returns the participation unchanged, even
    /// once the campaign is closed).
    /// - Returns: the participation, and whether this call created it.
    /// - Throws: 404 no campaign has this code; 422 `invalid-name` (a blank, over-long or control-holding
    ///   name); 409 `campaign-closed` the campaign is closed and the learner had not joined it.
    public func join(
        learner: String, request: JoinCampaignRequest
    ) async throws(ServiceError) -> (participation: ParticipationReply, created: Bool) {
        let name = try Self.text(request.name ?? "", field: "name", maximum: 100, code: "invalid-name")
        if request.name != nil, name.isEmpty {
            throw .unprocessable(
                "invalid-name", "name must not be blank: give the name the organiser knows you by, or leave it out")
        }
        let campaign = try await campaign(code: request.code)
        if let closedAt = campaign.closedAt {
            // A participant joining again gets their participation, as in an open campaign; nobody else joins.
            do {
                return (try await participation(learner: learner, campaign: campaign), false)
            } catch  where error.code == "participation-not-found" {
                throw Self.closed(campaign, closedAt: closedAt, doing: "joins it")
            }
        }
        let created = try await journey.storeCall {
            try await store.join(
                ParticipationRecord(campaign: campaign.id, learner: learner, name: name, joinedAt: Date()))
        }
        return (try await participation(learner: learner, campaign: campaign), created)
    }

    /// The learner's participation in the campaign with this code.
    /// - Throws: 404 no such campaign, or the learner has not joined it.
    public func participation(learner: String, code: String) async throws(ServiceError) -> ParticipationReply {
        try await participation(learner: learner, campaign: try await campaign(code: code))
    }

    /// The campaigns the learner joined, in the order they joined.
    public func participations(learner: String) async throws(ServiceError) -> ParticipationsReply {
        let records = try await journey.storeCall { try await store.participations(learner: learner) }
        var replies: [ParticipationReply] = []
        for record in records {
            guard let campaign = try await journey.storeCall({ try await store.campaign(id: record.campaign) }) else {
                continue
            }
            replies.append(try await participation(learner: learner, campaign: campaign))
        }
        return ParticipationsReply(campaigns: replies)
    }

    /// The positioning on `competence` in the campaign: started on the first call, the same session after
    /// (resume: where the learner left it, on whichever device holds their token).
    /// - Returns: the session, and whether this call started it.
    /// - Throws: 404 no such campaign or not joined; 422 `competence-not-in-campaign`; 409 `campaign-closed`
    ///   the campaign is closed and this positioning was not started (one started goes on).
    public func startSession(
        learner: String, code: String, request: CampaignSessionRequest
    ) async throws(ServiceError) -> (session: SessionReply, created: Bool) {
        let campaign = try await campaign(code: code)
        _ = try await participationRecord(learner: learner, campaign: campaign)
        guard campaign.competences.contains(request.competence) else {
            throw .unprocessable(
                "competence-not-in-campaign",
                "campaign \(campaign.code) covers \(campaign.competences.joined(separator: ", ")), not "
                    + "\(request.competence)")
        }
        if let existing = try await linkedSession(campaign: campaign, learner: learner, competence: request.competence)
        {
            return (try await journey.session(learner: learner, id: existing), false)
        }
        if let closedAt = campaign.closedAt {
            throw Self.closed(campaign, closedAt: closedAt, doing: "starts a positioning in it")
        }
        let started = try await journey.startSession(
            learner: learner, request: StartSessionRequest(kind: "positioning", competence: request.competence))
        let linked = try await journey.storeCall {
            try await store.linkCampaignSession(
                campaign: campaign.id, learner: learner, competence: request.competence, session: started.session)
        }
        if !linked,
            let existing = try await linkedSession(campaign: campaign, learner: learner, competence: request.competence)
        {
            // Another request started it meanwhile: both continue the one that was linked.
            return (try await journey.session(learner: learner, id: existing), false)
        }
        return (started, true)
    }

    /// Closes the organiser's campaign with this code: from now on no learner joins it and no
    /// participant starts a positioning they had not started; positionings started go on, and the
    /// progress and results stay readable. Closing a closed campaign changes nothing (its first closing
    /// date stays).
    /// - Throws: 404 no campaign has this code; 403 it is another organiser's.
    public func closeCampaign(organiser: String, code: String) async throws(ServiceError) -> CampaignReply {
        let campaign = try await ownCampaign(organiser: organiser, code: code)
        _ = try await journey.storeCall { try await store.closeCampaign(id: campaign.id, at: Date()) }
        guard let closed = try await journey.storeCall({ try await store.campaign(id: campaign.id) }) else {
            throw .notFound("campaign-not-found", "no campaign has the code \(campaign.code); check it")
        }
        let participants = try await journey.storeCall { try await store.participations(campaign: closed.id) }.count
        return Self.reply(closed, participants: participants)
    }

    /// 409 `campaign-closed`: what a learner cannot do in a closed campaign, and since when.
    static func closed(_ campaign: CampaignRecord, closedAt: Date, doing: String) -> ServiceError {
        ServiceError(
            status: 409, code: "campaign-closed", title: "Campaign closed",
            detail: "campaign \(campaign.code) was closed by its organiser on "
                + "\(closedAt.formatted(.iso8601.year().month().day())): nobody \(doing) any more; ask the organiser")
    }

    // MARK: helpers

    func campaign(code: String) async throws(ServiceError) -> CampaignRecord {
        guard let normalised = CampaignCode.normalised(code) else {
            throw .notFound(
                "campaign-not-found",
                "\(code.prefix(40)) is not a campaign code: a code is \(CampaignCode.length) characters among "
                    + String(CampaignCode.alphabet))
        }
        guard let campaign = try await journey.storeCall({ try await store.campaign(code: normalised) }) else {
            throw .notFound("campaign-not-found", "no campaign has the code \(normalised); check it with the organiser")
        }
        return campaign
    }

    func ownCampaign(organiser: String, code: String) async throws(ServiceError) -> CampaignRecord {
        let campaign = try await campaign(code: code)
        guard campaign.organiser == organiser else {
            throw ServiceError(
                status: 403, code: "not-campaign-organiser", title: "Forbidden",
                detail: "campaign \(campaign.code) is another organiser's: only its organiser sees it")
        }
        return campaign
    }

    func participationRecord(
        learner: String, campaign: CampaignRecord
    ) async throws(ServiceError) -> ParticipationRecord {
        let records = try await journey.storeCall { try await store.participations(learner: learner) }
        guard let record = records.first(where: { $0.campaign == campaign.id }) else {
            throw .notFound(
                "participation-not-found",
                "you have not joined campaign \(campaign.code): join it first (POST /v1/learner/campaigns)")
        }
        return record
    }

    func participation(learner: String, campaign: CampaignRecord) async throws(ServiceError) -> ParticipationReply {
        let record = try await participationRecord(learner: learner, campaign: campaign)
        let sessions = try await journey.storeCall {
            try await store.campaignSessions(campaign: campaign.id, learner: learner)
        }
        let competences = try await progress(campaign, learner: learner, sessions: sessions)
        return ParticipationReply(
            code: campaign.code, title: campaign.title, name: record.name, joinedAt: record.joinedAt,
            done: competences.filter { $0.status == "completed" }.count, total: competences.count,
            competences: competences, closedAt: campaign.closedAt)
    }

    func linkedSession(
        campaign: CampaignRecord, learner: String, competence: String
    ) async throws(ServiceError) -> String? {
        try await journey.storeCall { try await store.campaignSessions(campaign: campaign.id, learner: learner) }
            .first { $0.competence == competence }?.session
    }

    /// Each competence of the campaign for one learner, in the campaign's order.
    func progress(
        _ campaign: CampaignRecord, learner: String, sessions: [CampaignSessionRecord]
    ) async throws(ServiceError) -> [CompetenceProgress] {
        var result: [CompetenceProgress] = []
        var profileScores: [CompetenceScore]?
        for competence in campaign.competences {
            guard let session = sessions.first(where: { $0.competence == competence }) else {
                result.append(CompetenceProgress(competence: competence, status: "not-started", answered: 0))
                continue
            }
            var entry = CompetenceProgress(
                competence: competence, status: session.finished ? "completed" : "in-progress",
                session: session.session, answered: session.answerCount)
            if session.finished {
                entry.completedAt = session.updatedAt
                if let score = Self.sessionScore(session, competence: competence, releases: journey.releases) {
                    entry.level = score.level
                    entry.pix = score.pix
                } else {
                    // The session's release is no longer held (a restart on a new release): the learner's
                    // profile scored on the current release.
                    if profileScores == nil { profileScores = try await journey.profile(learner: learner).competences }
                    let score = profileScores?.first { $0.competence == competence }
                    entry.level = score?.level
                    entry.pix = score?.pix
                }
            }
            result.append(entry)
        }
        return result
    }

    /// The competence's level and pix as the finished positioning gave them, on the session's release.
    static func sessionScore(
        _ session: CampaignSessionRecord, competence: String, releases: BankReleases
    ) -> CompetenceScore? {
        guard let release = releases.release(digest: session.bankDigest),
            let progress = try? JourneyService.decoder.decode(SessionProgress.self, from: Data(session.state.utf8)),
            let state = progress.journey,
            let result = try? release.engine(locale: session.locale).result(state)
        else { return nil }
        return result.competences.first { $0.competence == competence }
    }

    static func reply(_ record: CampaignRecord, participants: Int) -> CampaignReply {
        CampaignReply(
            code: record.code, title: record.title, competences: record.competences, createdAt: record.createdAt,
            participants: participants, closedAt: record.closedAt)
    }

    /// `text` trimmed; refused when longer than `maximum` characters (Unicode code points: a letter
    /// followed by thousands of combining marks is that many characters, not one) or holding control
    /// characters.
    static func text(_ text: String, field: String, maximum: Int, code: String) throws(ServiceError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.count <= maximum else {
            throw .unprocessable(
                code, "\(field) is \(trimmed.unicodeScalars.count) characters long: at most \(maximum)")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .unprocessable(code, "\(field) holds a control character (a line break, a tab): remove it")
        }
        return trimmed
    }

    /// A cell a spreadsheet would not evaluate: text starting with `=`, `+`, `-` or `@` gets a leading `'`.
    static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.first, "=+-@".contains(first) else { return text }
        return "'" + text
    }
}

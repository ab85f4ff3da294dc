import Foundation
import PostgresNIO

extension PostgresLearnerStore: CampaignStore {
    /// Schema version 2: organisers, campaigns, participations and the session of each participant per
    /// competence (sessions themselves stay in `sessions`).
    static let campaignSchema: [String] = [
        """
        CREATE TABLE organisers (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          created_at DOUBLE PRECISION NOT NULL)
        """,
        """
        CREATE TABLE campaigns (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE,
          organiser TEXT NOT NULL REFERENCES organisers(id), title TEXT NOT NULL, competences TEXT NOT NULL,
          created_at DOUBLE PRECISION NOT NULL)
        """,
        """
        CREATE TABLE campaign_participants (campaign TEXT NOT NULL REFERENCES campaigns(id),
          learner TEXT NOT NULL REFERENCES learners(id), name TEXT NOT NULL, joined_at DOUBLE PRECISION NOT NULL,
          seq BIGSERIAL NOT NULL, PRIMARY KEY (campaign, learner))
        """,
        """
        CREATE TABLE campaign_sessions (campaign TEXT NOT NULL REFERENCES campaigns(id),
          learner TEXT NOT NULL REFERENCES learners(id), competence TEXT NOT NULL,
          session TEXT NOT NULL REFERENCES sessions(id), PRIMARY KEY (campaign, learner, competence))
        """,
        "CREATE INDEX campaigns_by_organiser ON campaigns (organiser)",
        "CREATE INDEX campaign_participants_by_learner ON campaign_participants (learner)",
    ]

    /// True when `query` returns at least one row.
    private func returnsRow(_ query: PostgresQuery) async throws -> Bool {
        for try await _ in try await client.query(query, logger: logger) { return true }
        return false
    }

    public func createOrganiser(id: String, tokenHash: String, name: String, at date: Date) async throws -> Bool {
        let created = date.timeIntervalSince1970
        return try await returnsRow(
            """
            INSERT INTO organisers (id, token_hash, name, created_at) VALUES (\(id), \(tokenHash), \(name), \(created))
            ON CONFLICT (token_hash) DO NOTHING RETURNING id
            """)
    }

    public func organiser(tokenHash: String) async throws -> String? {
        for try await id in try await client.query(
            "SELECT id FROM organisers WHERE token_hash = \(tokenHash) AND revoked_at IS NULL", logger: logger
        ).decode(String.self) {
            return id
        }
        return nil
    }

    /// Schema version 3: where an organiser's token came from, and when it was revoked. Organisers of
    /// earlier versions count as admin-made until a start gives their token with `--organiser-token`.
    static let organiserRevocationSchema: [String] = [
        "ALTER TABLE organisers ADD COLUMN source TEXT NOT NULL DEFAULT 'admin'",
        "ALTER TABLE organisers ADD COLUMN revoked_at DOUBLE PRECISION",
    ]

    public func organisers() async throws -> [OrganiserRecord] {
        var records: [OrganiserRecord] = []
        for try await (id, name, created, source, revoked) in try await client.query(
            "SELECT id, name, created_at, source, revoked_at FROM organisers ORDER BY created_at, id", logger: logger
        ).decode((String, String, Double, String, Double?).self) {
            records.append(
                OrganiserRecord(
                    id: id, name: name, createdAt: Date(timeIntervalSince1970: created),
                    source: OrganiserSource(rawValue: source) ?? .admin,
                    revokedAt: revoked.map { Date(timeIntervalSince1970: $0) }))
        }
        return records
    }

    public func revokeOrganiser(id: String, at date: Date) async throws -> Bool {
        let revoked = date.timeIntervalSince1970
        return try await returnsRow(
            "UPDATE organisers SET revoked_at = \(revoked) WHERE id = \(id) AND revoked_at IS NULL RETURNING id")
    }

    public func syncCommandLineOrganisers(
        _ given: [(id: String, tokenHash: String)], at date: Date
    ) async throws -> [String] {
        let now = date.timeIntervalSince1970
        let hashes = given.map(\.tokenHash)
        return try await client.withTransaction(logger: logger) { connection in
            for organiser in given {
                try await connection.query(
                    """
                    INSERT INTO organisers (id, token_hash, name, created_at, source)
                      VALUES (\(organiser.id), \(organiser.tokenHash), '', \(now), 'command-line')
                    ON CONFLICT (token_hash) DO UPDATE SET source = 'command-line', revoked_at = NULL
                    """, logger: logger)
            }
            var revoked: [String] = []
            for try await id in try await connection.query(
                """
                UPDATE organisers SET revoked_at = \(now) WHERE source = 'command-line' AND revoked_at IS NULL
                  AND NOT (token_hash = ANY(\(hashes))) RETURNING id
                """, logger: logger
            ).decode(String.self) {
                revoked.append(id)
            }
            return revoked.sorted()
        }
    }

    public func createCampaign(_ campaign: CampaignRecord) async throws -> Bool {
        let competences = campaign.competences.joined(separator: ",")
        let created = campaign.createdAt.timeIntervalSince1970
        return try await returnsRow(
            """
            INSERT INTO campaigns (id, code, organiser, title, competences, created_at)
            VALUES (\(campaign.id), \(campaign.code), \(campaign.organiser), \(campaign.title), \(competences),
              \(created))
            ON CONFLICT (code) DO NOTHING RETURNING id
            """)
    }

    public func campaign(code: String) async throws -> CampaignRecord? {
        try await campaigns(
            "SELECT id, code, organiser, title, competences, created_at, closed_at FROM campaigns WHERE code = \(code)"
        ).first
    }

    public func campaign(id: String) async throws -> CampaignRecord? {
        try await campaigns(
            "SELECT id, code, organiser, title, competences, created_at, closed_at FROM campaigns WHERE id = \(id)"
        ).first
    }

    /// Schema version 4: when a campaign was closed.
    static let campaignClosingSchema: [String] = ["ALTER TABLE campaigns ADD COLUMN closed_at DOUBLE PRECISION"]

    public func closeCampaign(id: String, at date: Date) async throws -> Bool {
        let closed = date.timeIntervalSince1970
        return try await returnsRow(
            "UPDATE campaigns SET closed_at = \(closed) WHERE id = \(id) AND closed_at IS NULL RETURNING id")
    }

    public func campaigns(organiser: String) async throws -> [CampaignRecord] {
        try await campaigns(
            """
            SELECT id, code, organiser, title, competences, created_at, closed_at FROM campaigns WHERE organiser = \(organiser)
            ORDER BY created_at, code
            """)
    }

    private func campaigns(_ query: PostgresQuery) async throws -> [CampaignRecord] {
        var records: [CampaignRecord] = []
        for try await (id, code, organiser, title, competences, created, closed) in try await client.query(
            query, logger: logger
        ).decode((String, String, String, String, String, Double, Double?).self) {
            records.append(
                CampaignRecord(
                    id: id, code: code, organiser: organiser, title: title,
                    competences: competences.split(separator: ",").map(String.init),
                    createdAt: Date(timeIntervalSince1970: created),
                    closedAt: closed.map { Date(timeIntervalSince1970: $0) }))
        }
        return records
    }

    public func join(_ participation: ParticipationRecord) async throws -> Bool {
        let joined = participation.joinedAt.timeIntervalSince1970
        return try await returnsRow(
            """
            INSERT INTO campaign_participants (campaign, learner, name, joined_at)
            VALUES (\(participation.campaign), \(participation.learner), \(participation.name), \(joined))
            ON CONFLICT (campaign, learner) DO NOTHING RETURNING learner
            """)
    }

    public func participations(campaign: String) async throws -> [ParticipationRecord] {
        try await participations(
            "SELECT campaign, learner, name, joined_at FROM campaign_participants WHERE campaign = \(campaign) ORDER BY seq"
        )
    }

    public func participations(learner: String) async throws -> [ParticipationRecord] {
        try await participations(
            "SELECT campaign, learner, name, joined_at FROM campaign_participants WHERE learner = \(learner) ORDER BY seq"
        )
    }

    private func participations(_ query: PostgresQuery) async throws -> [ParticipationRecord] {
        var records: [ParticipationRecord] = []
        for try await (campaign, learner, name, joined) in try await client.query(query, logger: logger).decode(
            (String, String, String, Double).self)
        {
            records.append(
                ParticipationRecord(
                    campaign: campaign, learner: learner, name: name, joinedAt: Date(timeIntervalSince1970: joined)))
        }
        return records
    }

    public func linkCampaignSession(
        campaign: String, learner: String, competence: String, session: String
    ) async throws -> Bool {
        try await returnsRow(
            """
            INSERT INTO campaign_sessions (campaign, learner, competence, session)
            VALUES (\(campaign), \(learner), \(competence), \(session))
            ON CONFLICT (campaign, learner, competence) DO NOTHING RETURNING session
            """)
    }

    public func campaignSessions(campaign: String, learner: String?) async throws -> [CampaignSessionRecord] {
        let query: PostgresQuery =
            if let learner {
                """
                SELECT c.campaign, c.learner, c.competence, c.session, s.answer_count, s.finished, s.updated_at,
                  s.bank_digest, s.locale, s.state
                FROM campaign_sessions c JOIN sessions s ON s.id = c.session
                WHERE c.campaign = \(campaign) AND c.learner = \(learner) ORDER BY c.learner, c.competence
                """
            } else {
                """
                SELECT c.campaign, c.learner, c.competence, c.session, s.answer_count, s.finished, s.updated_at,
                  s.bank_digest, s.locale, s.state
                FROM campaign_sessions c JOIN sessions s ON s.id = c.session
                WHERE c.campaign = \(campaign) ORDER BY c.learner, c.competence
                """
            }
        var records: [CampaignSessionRecord] = []
        let rows = try await client.query(query, logger: logger)
        for try await (campaign, learner, competence, session, count, finished, updated, digest, locale, state)
            in rows.decode((String, String, String, String, Int, Bool, Double, String, String, String).self)
        {
            records.append(
                CampaignSessionRecord(
                    campaign: campaign, learner: learner, competence: competence, session: session, answerCount: count,
                    finished: finished, updatedAt: Date(timeIntervalSince1970: updated), bankDigest: digest,
                    locale: locale, state: state))
        }
        return records
    }
}

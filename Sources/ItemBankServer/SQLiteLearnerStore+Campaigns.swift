import Foundation
import SQLiteNIO

extension SQLiteLearnerStore: CampaignStore {
    /// Schema version 2: organisers, campaigns, participations and the session of each participant per
    /// competence (sessions themselves stay in `sessions`).
    static let campaignSchema: [String] = [
        """
        CREATE TABLE organisers (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          created_at REAL NOT NULL)
        """,
        """
        CREATE TABLE campaigns (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE,
          organiser TEXT NOT NULL REFERENCES organisers(id), title TEXT NOT NULL, competences TEXT NOT NULL,
          created_at REAL NOT NULL)
        """,
        """
        CREATE TABLE campaign_participants (campaign TEXT NOT NULL REFERENCES campaigns(id),
          learner TEXT NOT NULL REFERENCES learners(id), name TEXT NOT NULL, joined_at REAL NOT NULL,
          seq INTEGER NOT NULL, PRIMARY KEY (campaign, learner))
        """,
        """
        CREATE TABLE campaign_sessions (campaign TEXT NOT NULL REFERENCES campaigns(id),
          learner TEXT NOT NULL REFERENCES learners(id), competence TEXT NOT NULL,
          session TEXT NOT NULL REFERENCES sessions(id), PRIMARY KEY (campaign, learner, competence))
        """,
        "CREATE INDEX campaigns_by_organiser ON campaigns (organiser)",
        "CREATE INDEX campaign_participants_by_learner ON campaign_participants (learner)",
    ]

    public func createOrganiser(id: String, tokenHash: String, name: String, at date: Date) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                """
                INSERT INTO organisers (id, token_hash, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (token_hash) DO NOTHING RETURNING id
                """, [.text(id), .text(tokenHash), .text(name), .float(date.timeIntervalSince1970)]
            ).isEmpty)
        }
    }

    public func organiser(tokenHash: String) async throws -> String? {
        try await lock.withLock {
            try await connection.query(
                "SELECT id FROM organisers WHERE token_hash = ? AND revoked_at IS NULL", [.text(tokenHash)]
            ).first?.column("id")?.string
        }
    }

    /// Schema version 5: where an organiser's token came from, and when it was revoked. Organisers of
    /// earlier versions count as admin-made until a start gives their token with `--organiser-token`.
    static let organiserRevocationSchema: [String] = [
        "ALTER TABLE organisers ADD COLUMN source TEXT NOT NULL DEFAULT 'admin'",
        "ALTER TABLE organisers ADD COLUMN revoked_at REAL",
    ]

    public func organisers() async throws -> [OrganiserRecord] {
        try await lock.withLock {
            try await connection.query(
                "SELECT id, name, created_at, source, revoked_at FROM organisers ORDER BY created_at, id"
            ).map { row in
                OrganiserRecord(
                    id: row.column("id")?.string ?? "", name: row.column("name")?.string ?? "",
                    createdAt: Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0),
                    source: OrganiserSource(rawValue: row.column("source")?.string ?? "") ?? .admin,
                    revokedAt: row.column("revoked_at")?.double.map { Date(timeIntervalSince1970: $0) })
            }
        }
    }

    public func revokeOrganiser(id: String, at date: Date) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                "UPDATE organisers SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id",
                [.float(date.timeIntervalSince1970), .text(id)]
            ).isEmpty)
        }
    }

    public func syncCommandLineOrganisers(
        _ given: [(id: String, tokenHash: String)], at date: Date
    ) async throws -> [String] {
        try await lock.withLock {
            try await transaction {
                let now = SQLiteData.float(date.timeIntervalSince1970)
                for organiser in given {
                    _ = try await connection.query(
                        """
                        INSERT INTO organisers (id, token_hash, name, created_at, source) VALUES (?, ?, '', ?, 'command-line')
                        ON CONFLICT (token_hash) DO UPDATE SET source = 'command-line', revoked_at = NULL
                        """, [.text(organiser.id), .text(organiser.tokenHash), now])
                }
                let placeholders = given.map { _ in "?" }.joined(separator: ", ")
                return try await connection.query(
                    """
                    UPDATE organisers SET revoked_at = ? WHERE source = 'command-line' AND revoked_at IS NULL
                      AND token_hash NOT IN (\(placeholders)) RETURNING id
                    """, [now] + given.map { .text($0.tokenHash) }
                ).compactMap { $0.column("id")?.string }.sorted()
            }
        }
    }

    public func createCampaign(_ campaign: CampaignRecord) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                """
                INSERT INTO campaigns (id, code, organiser, title, competences, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO NOTHING RETURNING id
                """,
                [
                    .text(campaign.id), .text(campaign.code), .text(campaign.organiser), .text(campaign.title),
                    .text(campaign.competences.joined(separator: ",")),
                    .float(campaign.createdAt.timeIntervalSince1970),
                ]
            ).isEmpty)
        }
    }

    public func campaign(code: String) async throws -> CampaignRecord? {
        try await lock.withLock {
            try await connection.query("SELECT * FROM campaigns WHERE code = ?", [.text(code)]).first.map(
                Self.campaignRecord)
        }
    }

    public func campaign(id: String) async throws -> CampaignRecord? {
        try await lock.withLock {
            try await connection.query("SELECT * FROM campaigns WHERE id = ?", [.text(id)]).first.map(
                Self.campaignRecord)
        }
    }

    /// Schema version 6: when a campaign was closed.
    static let campaignClosingSchema: [String] = ["ALTER TABLE campaigns ADD COLUMN closed_at REAL"]

    public func closeCampaign(id: String, at date: Date) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                "UPDATE campaigns SET closed_at = ? WHERE id = ? AND closed_at IS NULL RETURNING id",
                [.float(date.timeIntervalSince1970), .text(id)]
            ).isEmpty)
        }
    }

    public func campaigns(organiser: String) async throws -> [CampaignRecord] {
        try await lock.withLock {
            try await connection.query(
                "SELECT * FROM campaigns WHERE organiser = ? ORDER BY created_at, code", [.text(organiser)]
            ).map(Self.campaignRecord)
        }
    }

    public func join(_ participation: ParticipationRecord) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                """
                INSERT INTO campaign_participants (campaign, learner, name, joined_at, seq)
                VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_participants))
                ON CONFLICT (campaign, learner) DO NOTHING RETURNING learner
                """,
                [
                    .text(participation.campaign), .text(participation.learner), .text(participation.name),
                    .float(participation.joinedAt.timeIntervalSince1970),
                ]
            ).isEmpty)
        }
    }

    public func participations(campaign: String) async throws -> [ParticipationRecord] {
        try await lock.withLock {
            try await connection.query(
                "SELECT * FROM campaign_participants WHERE campaign = ? ORDER BY seq", [.text(campaign)]
            ).map(Self.participationRecord)
        }
    }

    public func participations(learner: String) async throws -> [ParticipationRecord] {
        try await lock.withLock {
            try await connection.query(
                "SELECT * FROM campaign_participants WHERE learner = ? ORDER BY seq", [.text(learner)]
            ).map(Self.participationRecord)
        }
    }

    public func linkCampaignSession(
        campaign: String, learner: String, competence: String, session: String
    ) async throws -> Bool {
        try await lock.withLock {
            !(try await connection.query(
                """
                INSERT INTO campaign_sessions (campaign, learner, competence, session) VALUES (?, ?, ?, ?)
                ON CONFLICT (campaign, learner, competence) DO NOTHING RETURNING session
                """, [.text(campaign), .text(learner), .text(competence), .text(session)]
            ).isEmpty)
        }
    }

    public func campaignSessions(campaign: String, learner: String?) async throws -> [CampaignSessionRecord] {
        try await lock.withLock {
            let select = """
                SELECT c.campaign, c.learner, c.competence, c.session, s.answer_count, s.finished, s.updated_at,
                  s.bank_digest, s.locale, s.state
                FROM campaign_sessions c JOIN sessions s ON s.id = c.session WHERE c.campaign = ?
                """
            let rows =
                if let learner {
                    try await connection.query(
                        select + " AND c.learner = ? ORDER BY c.learner, c.competence",
                        [.text(campaign), .text(learner)])
                } else {
                    try await connection.query(select + " ORDER BY c.learner, c.competence", [.text(campaign)])
                }
            return rows.map { row in
                CampaignSessionRecord(
                    campaign: row.column("campaign")?.string ?? campaign, learner: row.column("learner")?.string ?? "",
                    competence: row.column("competence")?.string ?? "", session: row.column("session")?.string ?? "",
                    answerCount: row.column("answer_count")?.integer ?? 0,
                    finished: (row.column("finished")?.integer ?? 0) != 0,
                    updatedAt: Date(timeIntervalSince1970: row.column("updated_at")?.double ?? 0),
                    bankDigest: row.column("bank_digest")?.string ?? "", locale: row.column("locale")?.string ?? "",
                    state: row.column("state")?.string ?? "")
            }
        }
    }

    static func campaignRecord(_ row: SQLiteRow) -> CampaignRecord {
        CampaignRecord(
            id: row.column("id")?.string ?? "", code: row.column("code")?.string ?? "",
            organiser: row.column("organiser")?.string ?? "", title: row.column("title")?.string ?? "",
            competences: (row.column("competences")?.string ?? "").split(separator: ",").map(String.init),
            createdAt: Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0),
            closedAt: row.column("closed_at")?.double.map { Date(timeIntervalSince1970: $0) })
    }

    static func participationRecord(_ row: SQLiteRow) -> ParticipationRecord {
        ParticipationRecord(
            campaign: row.column("campaign")?.string ?? "", learner: row.column("learner")?.string ?? "",
            name: row.column("name")?.string ?? "",
            joinedAt: Date(timeIntervalSince1970: row.column("joined_at")?.double ?? 0))
    }
}

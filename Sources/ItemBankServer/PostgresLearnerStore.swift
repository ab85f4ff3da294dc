import Foundation
import Logging
import PostgresNIO

/// The shared store: PostgreSQL through postgres-nio's connection pool. Several server processes on
/// one database serve the same learners interchangeably: every request reads the session from the
/// database and an answer commits with a conditional update on the session's answer count.
public final class PostgresLearnerStore: LearnerStore {
    let client: PostgresClient
    let logger: Logger
    let runner: Task<Void, Never>

    /// Connects to `url` (`postgres://user:password@host:port/database`; TLS is not used: keep the
    /// database on a private network or loopback).
    /// - Throws: ``ServiceError`` 422 `invalid-database-url` for a URL without a host or user.
    public init(url: String, logger: Logger) throws(ServiceError) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw ServiceError.unprocessable(
                "invalid-database-url", "\(url): give postgres://user[:password]@host[:port]/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    static let migrations: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE learners (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
                  created_at DOUBLE PRECISION NOT NULL)
                """,
                """
                CREATE TABLE profiles (learner TEXT PRIMARY KEY REFERENCES learners(id), profile TEXT NOT NULL,
                  updated_at DOUBLE PRECISION NOT NULL)
                """,
                """
                CREATE TABLE sessions (id TEXT PRIMARY KEY, learner TEXT NOT NULL REFERENCES learners(id),
                  kind TEXT NOT NULL, bank_digest TEXT NOT NULL, locale TEXT NOT NULL, state TEXT NOT NULL,
                  answer_count BIGINT NOT NULL, finished BOOLEAN NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                  updated_at DOUBLE PRECISION NOT NULL)
                """,
                """
                CREATE TABLE responses (seq BIGSERIAL PRIMARY KEY, session TEXT NOT NULL REFERENCES sessions(id),
                  learner TEXT NOT NULL, item TEXT NOT NULL, score BIGINT NOT NULL, outcome TEXT NOT NULL,
                  answered_at DOUBLE PRECISION NOT NULL, bank_digest TEXT NOT NULL, UNIQUE (session, item))
                """,
                """
                CREATE TABLE certificates (seq BIGSERIAL PRIMARY KEY, learner TEXT NOT NULL REFERENCES learners(id),
                  session TEXT NOT NULL UNIQUE, certificate TEXT NOT NULL, issued_at DOUBLE PRECISION NOT NULL)
                """,
                "CREATE INDEX sessions_by_learner ON sessions (learner)",
                "CREATE INDEX certificates_by_learner ON certificates (learner)",
            ]
        ),
        (2, campaignSchema),
    ]

    public func migrate() async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            // One instance migrates at a time (the others wait here, then find the work done).
            try await connection.query("SELECT pg_advisory_xact_lock(7310413)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY,
                  applied_at DOUBLE PRECISION NOT NULL)
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query(
                "SELECT version FROM schema_migrations", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            for migration in Self.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(now))",
                    logger: logger)
            }
        }
        return Self.migrations.map(\.version).max() ?? 0
    }

    public func createLearner(id: String, tokenHash: String, at date: Date) async throws {
        let created = date.timeIntervalSince1970
        try await client.query(
            "INSERT INTO learners (id, token_hash, created_at) VALUES (\(id), \(tokenHash), \(created))",
            logger: logger)
    }

    public func learner(tokenHash: String) async throws -> String? {
        for try await id in try await client.query(
            "SELECT id FROM learners WHERE token_hash = \(tokenHash)", logger: logger
        ).decode(String.self) {
            return id
        }
        return nil
    }

    public func profile(learner: String) async throws -> String? {
        for try await profile in try await client.query(
            "SELECT profile FROM profiles WHERE learner = \(learner)", logger: logger
        ).decode(String.self) {
            return profile
        }
        return nil
    }

    public func createSession(_ session: SessionRecord) async throws {
        let created = session.createdAt.timeIntervalSince1970
        let now = Date().timeIntervalSince1970
        try await client.query(
            """
            INSERT INTO sessions (id, learner, kind, bank_digest, locale, state, answer_count, finished, created_at,
              updated_at) VALUES (\(session.id), \(session.learner), \(session.kind), \(session.bankDigest),
              \(session.locale), \(session.state), \(session.answerCount), \(session.finished), \(created), \(now))
            """, logger: logger)
    }

    public func session(id: String) async throws -> SessionRecord? {
        let rows = try await client.query(
            """
            SELECT id, learner, kind, bank_digest, locale, state, answer_count, finished, created_at
            FROM sessions WHERE id = \(id)
            """, logger: logger)
        for try await (id, learner, kind, digest, locale, state, count, finished, created) in rows.decode(
            (String, String, String, String, String, String, Int, Bool, Double).self)
        {
            return SessionRecord(
                id: id, learner: learner, kind: kind, bankDigest: digest, locale: locale, state: state,
                answerCount: count, finished: finished, createdAt: Date(timeIntervalSince1970: created))
        }
        return nil
    }

    public func commit(_ answer: AnswerCommit) async throws -> Bool {
        let logger = logger
        return try await client.withTransaction(logger: logger) { connection in
            let now = Date().timeIntervalSince1970
            var updated = false
            for try await _ in try await connection.query(
                """
                UPDATE sessions SET state = \(answer.state), answer_count = answer_count + 1,
                  finished = \(answer.finished), updated_at = \(now)
                WHERE id = \(answer.session) AND answer_count = \(answer.expectedAnswerCount) AND NOT finished
                RETURNING id
                """, logger: logger
            ).decode(String.self) {
                updated = true
            }
            guard updated else { return false }
            let response = answer.response
            let answeredAt = response.answeredAt.timeIntervalSince1970
            try await connection.query(
                """
                INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
                VALUES (\(response.session), \(response.learner), \(response.item), \(response.score),
                  \(response.outcome), \(answeredAt), \(response.bankDigest))
                """, logger: logger)
            if let profile = answer.profile {
                try await connection.query(
                    """
                    INSERT INTO profiles (learner, profile, updated_at) VALUES (\(response.learner), \(profile), \(now))
                    ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
                    """, logger: logger)
            }
            if let certificate = answer.certificate {
                try await connection.query(
                    """
                    INSERT INTO certificates (learner, session, certificate, issued_at)
                    VALUES (\(response.learner), \(answer.session), \(certificate), \(now))
                    """, logger: logger)
            }
            return true
        }
    }

    public func certificates(learner: String) async throws -> [String] {
        var certificates: [String] = []
        for try await certificate in try await client.query(
            "SELECT certificate FROM certificates WHERE learner = \(learner) ORDER BY seq", logger: logger
        ).decode(String.self) {
            certificates.append(certificate)
        }
        return certificates
    }

    public func responses() async throws -> [ResponseRecord] {
        var records: [ResponseRecord] = []
        let rows = try await client.query(
            "SELECT learner, session, item, score, outcome, answered_at, bank_digest FROM responses ORDER BY seq",
            logger: logger)
        for try await (learner, session, item, score, outcome, answeredAt, digest) in rows.decode(
            (String, String, String, Int, String, Double, String).self)
        {
            records.append(
                ResponseRecord(
                    learner: learner, session: session, item: item, score: score, outcome: outcome,
                    answeredAt: Date(timeIntervalSince1970: answeredAt), bankDigest: digest))
        }
        return records
    }

    public func close() async throws {
        runner.cancel()
    }
}

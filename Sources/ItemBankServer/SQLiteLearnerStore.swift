import Foundation
import SQLiteNIO

/// The embedded store: one SQLite file (sqlite-nio, which bundles SQLite), no set-up.
///
/// Write-ahead log with `synchronous=FULL`: a committed answer survives a crash of the process and
/// of the machine. One connection; transactions are serialised (`BEGIN IMMEDIATE`), so one server
/// process should own the file (several instances use ``LearnerStore`` on PostgreSQL instead).
public final class SQLiteLearnerStore: LearnerStore {
    let connection: SQLiteConnection
    let lock = AsyncLock()
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database file at `path`.
    /// - Throws: the driver's error when the file cannot be opened.
    public init(path: String) async throws {
        self.path = path
        connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("PRAGMA journal_mode=WAL")
        _ = try await connection.query("PRAGMA synchronous=FULL")
        _ = try await connection.query("PRAGMA foreign_keys=ON")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
    }

    /// Versioned migrations, applied in order, each in its own transaction.
    static let migrations: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE learners (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, created_at REAL NOT NULL)
                """,
                """
                CREATE TABLE profiles (learner TEXT PRIMARY KEY REFERENCES learners(id), profile TEXT NOT NULL,
                  updated_at REAL NOT NULL)
                """,
                """
                CREATE TABLE sessions (id TEXT PRIMARY KEY, learner TEXT NOT NULL REFERENCES learners(id),
                  kind TEXT NOT NULL, bank_digest TEXT NOT NULL, locale TEXT NOT NULL, state TEXT NOT NULL,
                  answer_count INTEGER NOT NULL, finished INTEGER NOT NULL, created_at REAL NOT NULL,
                  updated_at REAL NOT NULL)
                """,
                """
                CREATE TABLE responses (seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  session TEXT NOT NULL REFERENCES sessions(id), learner TEXT NOT NULL, item TEXT NOT NULL,
                  score INTEGER NOT NULL, outcome TEXT NOT NULL, answered_at REAL NOT NULL,
                  bank_digest TEXT NOT NULL, UNIQUE (session, item))
                """,
                """
                CREATE TABLE certificates (seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  learner TEXT NOT NULL REFERENCES learners(id), session TEXT NOT NULL UNIQUE,
                  certificate TEXT NOT NULL, issued_at REAL NOT NULL)
                """,
                "CREATE INDEX sessions_by_learner ON sessions (learner)",
                "CREATE INDEX certificates_by_learner ON certificates (learner)",
            ]
        ),
        (2, campaignSchema),
    ]

    public func migrate() async throws -> Int {
        try await lock.withLock {
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
            let rows = try await connection.query("SELECT version FROM schema_migrations")
            let applied = Set(rows.compactMap { $0.column("version")?.integer })
            for migration in Self.migrations where !applied.contains(migration.version) {
                try await transaction {
                    for statement in migration.statements { _ = try await connection.query(statement) }
                    _ = try await connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        [.integer(migration.version), .float(Date().timeIntervalSince1970)])
                }
            }
            return Self.migrations.map(\.version).max() ?? 0
        }
    }

    /// Runs `body` between BEGIN IMMEDIATE and COMMIT (ROLLBACK when it throws). Call with the lock held.
    private func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            let value = try await body()
            _ = try await connection.query("COMMIT")
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    public func createLearner(id: String, tokenHash: String, at date: Date) async throws {
        try await lock.withLock {
            _ = try await connection.query(
                "INSERT INTO learners (id, token_hash, created_at) VALUES (?, ?, ?)",
                [.text(id), .text(tokenHash), .float(date.timeIntervalSince1970)])
        }
    }

    public func learner(tokenHash: String) async throws -> String? {
        try await lock.withLock {
            try await connection.query("SELECT id FROM learners WHERE token_hash = ?", [.text(tokenHash)])
                .first?.column("id")?.string
        }
    }

    public func profile(learner: String) async throws -> String? {
        try await lock.withLock {
            try await connection.query("SELECT profile FROM profiles WHERE learner = ?", [.text(learner)])
                .first?.column("profile")?.string
        }
    }

    public func createSession(_ session: SessionRecord) async throws {
        try await lock.withLock {
            let now = Date().timeIntervalSince1970
            _ = try await connection.query(
                """
                INSERT INTO sessions (id, learner, kind, bank_digest, locale, state, answer_count, finished,
                  created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(session.id), .text(session.learner), .text(session.kind), .text(session.bankDigest),
                    .text(session.locale), .text(session.state), .integer(session.answerCount),
                    .integer(session.finished ? 1 : 0), .float(session.createdAt.timeIntervalSince1970),
                    .float(now),
                ])
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await lock.withLock {
            guard let row = try await connection.query("SELECT * FROM sessions WHERE id = ?", [.text(id)]).first
            else { return nil }
            return SessionRecord(
                id: row.column("id")?.string ?? id, learner: row.column("learner")?.string ?? "",
                kind: row.column("kind")?.string ?? "", bankDigest: row.column("bank_digest")?.string ?? "",
                locale: row.column("locale")?.string ?? "", state: row.column("state")?.string ?? "",
                answerCount: row.column("answer_count")?.integer ?? 0,
                finished: (row.column("finished")?.integer ?? 0) != 0,
                createdAt: Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0))
        }
    }

    public func commit(_ answer: AnswerCommit) async throws -> Bool {
        try await lock.withLock {
            try await transaction {
                let now = Date().timeIntervalSince1970
                let updated = try await connection.query(
                    """
                    UPDATE sessions SET state = ?, answer_count = answer_count + 1, finished = ?, updated_at = ?
                    WHERE id = ? AND answer_count = ? AND finished = 0 RETURNING id
                    """,
                    [
                        .text(answer.state), .integer(answer.finished ? 1 : 0), .float(now), .text(answer.session),
                        .integer(answer.expectedAnswerCount),
                    ])
                guard !updated.isEmpty else { return false }
                let response = answer.response
                _ = try await connection.query(
                    """
                    INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(response.session), .text(response.learner), .text(response.item),
                        .integer(response.score), .text(response.outcome),
                        .float(response.answeredAt.timeIntervalSince1970), .text(response.bankDigest),
                    ])
                if let profile = answer.profile {
                    _ = try await connection.query(
                        """
                        INSERT INTO profiles (learner, profile, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
                        """, [.text(response.learner), .text(profile), .float(now)])
                }
                if let certificate = answer.certificate {
                    _ = try await connection.query(
                        "INSERT INTO certificates (learner, session, certificate, issued_at) VALUES (?, ?, ?, ?)",
                        [.text(response.learner), .text(answer.session), .text(certificate), .float(now)])
                }
                return true
            }
        }
    }

    public func certificates(learner: String) async throws -> [String] {
        try await lock.withLock {
            try await connection.query(
                "SELECT certificate FROM certificates WHERE learner = ? ORDER BY seq", [.text(learner)]
            ).compactMap { $0.column("certificate")?.string }
        }
    }

    public func responses() async throws -> [ResponseRecord] {
        try await lock.withLock {
            try await connection.query("SELECT * FROM responses ORDER BY seq").map { row in
                ResponseRecord(
                    learner: row.column("learner")?.string ?? "", session: row.column("session")?.string ?? "",
                    item: row.column("item")?.string ?? "", score: row.column("score")?.integer ?? 0,
                    outcome: row.column("outcome")?.string ?? "",
                    answeredAt: Date(timeIntervalSince1970: row.column("answered_at")?.double ?? 0),
                    bankDigest: row.column("bank_digest")?.string ?? "")
            }
        }
    }

    public func close() async throws {
        try await connection.close()
    }
}

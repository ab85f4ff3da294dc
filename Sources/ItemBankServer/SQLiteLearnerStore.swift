import Foundation
import SQLiteNIO

/// The embedded store: one SQLite file (sqlite-nio, which bundles SQLite), no set-up.
///
/// Write-ahead log. With ``Synchronous/normal`` (the default) a commit writes the transaction to the
/// log before it returns and the log is synced to disk at checkpoints: a committed answer survives a
/// crash of the process (kill -9), not always a power loss or a crash of the operating system, which
/// can lose the last commits (never corrupt the file). ``Synchronous/full`` syncs the log at every
/// commit: a committed answer survives those too, at the cost of one disk sync per answer. One
/// connection writes, its transactions serialised (`BEGIN IMMEDIATE` under the store's lock); a second
/// one reads the request paths' rows. One server process owns the file (several instances use
/// ``LearnerStore`` on PostgreSQL instead).
public final class SQLiteLearnerStore: LearnerStore {
    /// How far a commit goes before it returns (SQLite's `synchronous` setting, in WAL mode).
    public enum Synchronous: String, CaseIterable, Sendable {
        /// The transaction is in the log (the operating system holds it) before the commit returns:
        /// durable against a crash of the process.
        case normal
        /// The log is synced to disk at every commit: durable against a power loss too.
        case full
    }

    let connection: SQLiteConnection
    /// A second connection for the reads of the request paths (a token's learner, a session, a profile):
    /// they neither wait for the store's lock nor run inside a transaction of the writing connection,
    /// and they run beside its writes (write-ahead log: a read sees every commit made before it
    /// starts). Nil for `:memory:`, a database of one connection.
    let readConnection: SQLiteConnection?
    /// This process's claim on the file: a second server on it refuses to start.
    let owner: SQLiteOwnerLock?
    let lock = AsyncLock()
    let writes = GroupCommit<PendingWrite, CommitOutcome>(limit: groupCommitLimit)
    /// The database file.
    public let path: String
    /// The `synchronous` setting the store runs with.
    public let synchronous: Synchronous

    /// Opens (creating if needed) the database file at `path`, after taking the lock `path.lock`: one
    /// process per file (``close()`` or the end of the process releases it).
    /// - Throws: ``ServiceError`` `store-locked` when another process holds the file (the error names
    ///   it, the holder's process id, and PostgreSQL for several instances); the driver's error when
    ///   the file cannot be opened.
    public init(path: String, synchronous: Synchronous = .normal) async throws {
        self.path = path
        self.synchronous = synchronous
        // `:memory:` is a database of this connection alone: nothing to share, nothing to lock.
        owner = path == ":memory:" ? nil : try SQLiteOwnerLock(database: path)
        connection = try await SQLiteConnection.open(storage: .file(path: path))
        _ = try await connection.query("PRAGMA journal_mode=WAL")
        _ = try await connection.query("PRAGMA synchronous=\(synchronous.rawValue.uppercased())")
        _ = try await connection.query("PRAGMA foreign_keys=ON")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
        if path == ":memory:" {
            readConnection = nil
        } else {
            do {
                let reader = try await SQLiteConnection.open(storage: .file(path: path))
                readConnection = reader
                _ = try await reader.query("PRAGMA busy_timeout=5000")
                _ = try await reader.query("PRAGMA query_only=ON")
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    /// Runs a read on the read connection, or on the writing one under the store's lock (`:memory:`).
    func read<T: Sendable>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        if let readConnection { return try await body(readConnection) }
        return try await lock.withLock { try await body(connection) }
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
        (3, answerCommitSchema),
        (4, finishingCommitSchema),
        (5, organiserRevocationSchema),
        (6, campaignClosingSchema),
    ]

    /// The answer's commit as one statement (one hop to sqlite-nio's thread pool instead of four): an
    /// `INSERT` into the view `answer_commits`, whose trigger checks the session's answer count, updates
    /// the session and records the response. A single statement is atomic in autocommit mode; a stale
    /// answer count aborts it (nothing written) with the message ``staleAnswerCount``.
    static let answerCommitSchema: [String] = [
        """
        CREATE VIEW answer_commits AS SELECT NULL AS session, NULL AS expected_answer_count, NULL AS state,
          NULL AS finished, NULL AS updated_at, NULL AS learner, NULL AS item, NULL AS score, NULL AS outcome,
          NULL AS answered_at, NULL AS bank_digest WHERE 0
        """,
        """
        CREATE TRIGGER answer_commit INSTEAD OF INSERT ON answer_commits BEGIN
          SELECT RAISE(ABORT, '\(staleAnswerCount)') WHERE NOT EXISTS (SELECT 1 FROM sessions
            WHERE id = NEW.session AND answer_count = NEW.expected_answer_count AND finished = 0);
          UPDATE sessions SET state = NEW.state, answer_count = answer_count + 1, finished = NEW.finished,
            updated_at = NEW.updated_at
            WHERE id = NEW.session AND answer_count = NEW.expected_answer_count AND finished = 0;
          INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
            VALUES (NEW.session, NEW.learner, NEW.item, NEW.score, NEW.outcome, NEW.answered_at, NEW.bank_digest);
        END
        """,
    ]

    /// Every answer's commit as one row of `answer_commits`, the finishing ones too: the view gains the
    /// profile written (with the stored profile it was computed from) and the certificate issued. The
    /// trigger refuses the row when the stored profile changed since it was read (``staleProfile``: the
    /// answer is then committed in a transaction), upserts the profile and records the certificate. A
    /// session's last answer is then a read and one row of a group commit, instead of a transaction of
    /// six statements that held the store's lock.
    static let finishingCommitSchema: [String] = [
        "DROP TRIGGER answer_commit",
        "DROP VIEW answer_commits",
        """
        CREATE VIEW answer_commits AS SELECT NULL AS session, NULL AS expected_answer_count, NULL AS state,
          NULL AS finished, NULL AS updated_at, NULL AS learner, NULL AS item, NULL AS score, NULL AS outcome,
          NULL AS answered_at, NULL AS bank_digest, NULL AS profile, NULL AS expected_profile,
          NULL AS certificate WHERE 0
        """,
        """
        CREATE TRIGGER answer_commit INSTEAD OF INSERT ON answer_commits BEGIN
          SELECT RAISE(ABORT, '\(staleAnswerCount)') WHERE NOT EXISTS (SELECT 1 FROM sessions
            WHERE id = NEW.session AND answer_count = NEW.expected_answer_count AND finished = 0);
          SELECT RAISE(ABORT, '\(staleProfile)') WHERE NEW.profile IS NOT NULL
            AND (SELECT profile FROM profiles WHERE learner = NEW.learner) IS NOT NEW.expected_profile;
          UPDATE sessions SET state = NEW.state, answer_count = answer_count + 1, finished = NEW.finished,
            updated_at = NEW.updated_at
            WHERE id = NEW.session AND answer_count = NEW.expected_answer_count AND finished = 0;
          INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
            VALUES (NEW.session, NEW.learner, NEW.item, NEW.score, NEW.outcome, NEW.answered_at, NEW.bank_digest);
          INSERT INTO profiles (learner, profile, updated_at)
            SELECT NEW.learner, NEW.profile, NEW.updated_at WHERE NEW.profile IS NOT NULL
            ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at;
          INSERT INTO certificates (learner, session, certificate, issued_at)
            SELECT NEW.learner, NEW.session, NEW.certificate, NEW.updated_at WHERE NEW.certificate IS NOT NULL;
        END
        """,
    ]

    /// The message of the abort raised by `answer_commit` when the learner's profile changed since the
    /// commit's profile was computed from it.
    static let staleProfile = "itembank: stale profile"

    /// The message of the abort raised by `answer_commit` when the answer count moved on.
    static let staleAnswerCount = "itembank: stale answer count"

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
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
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
        try await read { connection in
            try await connection.query("SELECT id FROM learners WHERE token_hash = ?", [.text(tokenHash)])
                .first?.column("id")?.string
        }
    }

    public func learnerAndProfile(tokenHash: String) async throws -> (learner: String, profile: String?)? {
        try await read { connection in
            guard
                let row = try await connection.query(
                    """
                    SELECT l.id AS learner_id, p.profile FROM learners l LEFT JOIN profiles p ON p.learner = l.id
                    WHERE l.token_hash = ?
                    """, [.text(tokenHash)]
                ).first, let learner = row.column("learner_id")?.string
            else { return nil }
            return (learner, row.column("profile")?.string)
        }
    }

    public func profile(learner: String) async throws -> String? {
        try await read { connection in
            try await connection.query("SELECT profile FROM profiles WHERE learner = ?", [.text(learner)])
                .first?.column("profile")?.string
        }
    }

    /// Written as a row of a group commit (``commit(_:)``): session starts arriving together share one
    /// `INSERT`.
    public func createSession(_ session: SessionRecord) async throws {
        _ = try await enqueue(.session(session))
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await read { connection in
            guard let row = try await connection.query("SELECT * FROM sessions WHERE id = ?", [.text(id)]).first
            else { return nil }
            return Self.session(row, id: id)
        }
    }

    public func session(id: String, tokenHash: String) async throws -> SessionLookup {
        try await read { connection in
            guard
                let row = try await connection.query(
                    """
                    SELECT l.id AS learner_id, s.* FROM learners l LEFT JOIN sessions s ON s.id = ? AND s.learner = l.id
                    WHERE l.token_hash = ?
                    """, [.text(id), .text(tokenHash)]
                ).first
            else { return .unknownToken }
            let learner = row.column("learner_id")?.string ?? ""
            guard let found = row.column("id")?.string else { return .notFound(learner: learner) }
            return .found(Self.session(row, id: found))
        }
    }

    static func session(_ row: SQLiteRow, id: String) -> SessionRecord {
        SessionRecord(
            id: row.column("id")?.string ?? id, learner: row.column("learner")?.string ?? "",
            kind: row.column("kind")?.string ?? "", bankDigest: row.column("bank_digest")?.string ?? "",
            locale: row.column("locale")?.string ?? "", state: row.column("state")?.string ?? "",
            answerCount: row.column("answer_count")?.integer ?? 0,
            finished: (row.column("finished")?.integer ?? 0) != 0,
            createdAt: Date(timeIntervalSince1970: row.column("created_at")?.double ?? 0))
    }

    public func commit(_ answer: AnswerCommit) async throws -> Bool {
        guard let update = answer.profileUpdate else {
            return try await enqueue(.answer(PendingCommit(commit: answer))) == .committed
        }
        // The profile is read, the update computed from it, and the row committed (in a group commit)
        // only if the stored profile is still the one read. When another session of the learner finished
        // in between, the commit is made again in a transaction that reads the profile and writes it with
        // the store's lock held: it cannot be overtaken.
        let stored = try await profile(learner: answer.response.learner)
        let pending = PendingCommit(commit: answer, profile: try update(stored), expectedProfile: stored)
        switch try await enqueue(.answer(pending)) {
        case .committed: return true
        case .staleAnswerCount: return false
        case .staleProfile: return try await commitInTransaction(answer, update: update)
        }
    }

    /// A finishing answer's commit in one transaction with the store's lock held: the session, the
    /// response, the profile read and written, the certificate.
    private func commitInTransaction(_ answer: AnswerCommit, update: ProfileUpdate) async throws -> Bool {
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
                // Read in the transaction (BEGIN IMMEDIATE holds the write lock): nobody else writes the
                // profile between this read and the write below.
                let stored = try await connection.query(
                    "SELECT profile FROM profiles WHERE learner = ?", [.text(response.learner)]
                ).first?.column("profile")?.string
                _ = try await connection.query(
                    """
                    INSERT INTO profiles (learner, profile, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
                    """, [.text(response.learner), .text(try update(stored)), .float(now)])
                if let certificate = answer.certificate {
                    _ = try await connection.query(
                        "INSERT INTO certificates (learner, session, certificate, issued_at) VALUES (?, ?, ?, ?)",
                        [.text(response.learner), .text(answer.session), .text(certificate), .float(now)])
                }
                return true
            }
        }
    }

    /// What became of a commit.
    enum CommitOutcome: Sendable {
        case committed
        /// Another request recorded an answer to the session first: nothing written.
        case staleAnswerCount
        /// The learner's profile changed since it was read: nothing written.
        case staleProfile
    }

    /// An answer's commit as a row of `answer_commits`: the profile written, when it changes, and the
    /// stored profile it was computed from.
    struct PendingCommit: Sendable {
        var commit: AnswerCommit
        var profile: String?
        var expectedProfile: String?
    }

    /// A write waiting for the next group commit: a new session, or an answer's commit.
    enum PendingWrite: Sendable {
        case session(SessionRecord)
        case answer(PendingCommit)
    }

    /// A write as a row of a group commit (``GroupCommit``): the group's new sessions in one
    /// statement (``insertSessions(_:)``), then its answers in another (``insertAnswers(_:)``).
    private func enqueue(_ write: PendingWrite) async throws -> CommitOutcome {
        try await writes.submit(write) { group in await self.writeGroup(group) }
    }

    /// Group commits run so far: fewer than the writes they recorded when writes arrive together.
    var groupCommits: Int { writes.groups }

    /// Rows of one group commit at most (14 parameters each, far under SQLite's 32,766).
    static let groupCommitLimit = 128

    /// Writes a group: its new sessions, then its answers. A statement that fails aborts as a whole
    /// (nothing written); its rows are then written one by one, so only the failing ones are refused (a
    /// stale answer count or profile) or fail.
    private func writeGroup(_ group: [Waiting]) async {
        var sessions: [Waiting] = []
        var answers: [Waiting] = []
        for waiting in group {
            if case .session = waiting.row { sessions.append(waiting) } else { answers.append(waiting) }
        }
        await write(sessions, with: insertSessions)
        await write(answers, with: insertAnswers)
    }

    typealias Waiting = GroupCommit<PendingWrite, CommitOutcome>.Waiting

    /// Writes `rows` in one statement, or one by one when it fails, and resumes each row's caller.
    private func write(_ rows: [Waiting], with insert: ([Waiting]) async throws -> Void) async {
        guard !rows.isEmpty else { return }
        do {
            try await insert(rows)
            for row in rows { row.resume(.committed) }
        } catch let error as SQLiteError where rows.count == 1 {
            if let stale = Self.staleness(error) { rows[0].resume(stale) } else { rows[0].fail(error) }
        } catch  where rows.count == 1 {
            rows[0].fail(error)
        } catch {
            for row in rows { await write([row], with: insert) }
        }
    }

    /// One `INSERT` of new sessions: atomic, all or nothing.
    private func insertSessions(_ rows: [Waiting]) async throws {
        let now = Date().timeIntervalSince1970
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * 10)
        for waiting in rows {
            guard case .session(let session) = waiting.row else { continue }
            binds += [
                .text(session.id), .text(session.learner), .text(session.kind), .text(session.bankDigest),
                .text(session.locale), .text(session.state), .integer(session.answerCount),
                .integer(session.finished ? 1 : 0), .float(session.createdAt.timeIntervalSince1970), .float(now),
            ]
        }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: binds.count / 10).joined(separator: ", ")
        try await lock.withLock {
            _ = try await connection.query(
                """
                INSERT INTO sessions (id, learner, kind, bank_digest, locale, state, answer_count, finished,
                  created_at, updated_at) VALUES \(values)
                """, binds)
        }
    }

    /// The refusal an abort of `answer_commit` stands for; nil for any other error.
    static func staleness(_ error: SQLiteError) -> CommitOutcome? {
        if error.message.contains(staleAnswerCount) { return .staleAnswerCount }
        if error.message.contains(staleProfile) { return .staleProfile }
        return nil
    }

    /// One `INSERT` of the answers into the view `answer_commits` (its trigger checks each session's
    /// answer count and the profile read, updates the session, records the response, the profile and
    /// the certificate): atomic, all or nothing.
    private func insertAnswers(_ rows: [Waiting]) async throws {
        let now = Date().timeIntervalSince1970
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * 14)
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        for waiting in rows {
            guard case .answer(let pending) = waiting.row else { continue }
            let answer = pending.commit
            let response = answer.response
            binds += [
                .text(answer.session), .integer(answer.expectedAnswerCount), .text(answer.state),
                .integer(answer.finished ? 1 : 0), .float(now), .text(response.learner), .text(response.item),
                .integer(response.score), .text(response.outcome), .float(response.answeredAt.timeIntervalSince1970),
                .text(response.bankDigest), text(pending.profile), text(pending.expectedProfile),
                text(answer.certificate),
            ]
        }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: binds.count / 14)
            .joined(separator: ", ")
        try await lock.withLock {
            _ = try await connection.query(
                """
                INSERT INTO answer_commits (session, expected_answer_count, state, finished, updated_at, learner,
                  item, score, outcome, answered_at, bank_digest, profile, expected_profile, certificate)
                VALUES \(values)
                """, binds)
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
        defer { owner?.release() }
        try await readConnection?.close()
        try await connection.close()
    }

    /// A store released without ``close()`` (a start-up path or a test that failed before it) still
    /// closes its connection, on the driver's thread pool (a second close is harmless: SQLite ignores a
    /// closed handle), rather than leaving the file open (and, in a debug build, tripping sqlite-nio's
    /// assertion that stops the process).
    deinit {
        _ = readConnection?.close()
        _ = connection.close()
    }
}

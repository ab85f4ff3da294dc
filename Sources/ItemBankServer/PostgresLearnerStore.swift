import Foundation
import Logging
import PostgresNIO

/// The shared store: PostgreSQL through postgres-nio's connection pool. Several server processes on
/// one database serve the same learners interchangeably: a request reads the session from the database
/// unless the service has it in its cache, and every answer commits with a conditional update on the
/// session's answer count, so an answer checked against a session another instance moved is refused.
///
/// The answer path is at most two round trips: one read (the token's learner and the session
/// together, ``SessionRead``; none when the service has the session in its cache) and one write, a
/// row of a group commit (``GroupWrite``: the waiting answers' conditional session updates and
/// response inserts, and the new sessions, in one statement committed on its own). A session's last
/// answer is a profile read and one statement (``FinishingWrite``) that writes only if the profile is
/// still the one read; else one transaction that locks the learner's row and merges the session into
/// the stored profile. Every statement of these paths is prepared once per connection.
public final class PostgresLearnerStore: LearnerStore {
    /// Connections the pool opens at most when `init` is not given a number.
    public static let defaultMaximumConnections = 32
    /// Seconds a pool connection may stay idle before it is closed, when `init` is not given a number
    /// (postgres-nio's own default is 60).
    public static let defaultIdleTimeout = 10.0
    /// postgres-nio's keep-alive period (a `SELECT 1` on a connection idle that long), in seconds: kept
    /// only when connections may stay idle longer.
    static let keepAliveSeconds = 30.0
    let client: PostgresClient
    let logger: Logger
    let runner: Task<Void, Never>
    let writes = GroupCommit<PendingWrite, Bool>(limit: groupCommitLimit, distinctBy: { $0.session })

    /// Connects to `url` (`postgres://user:password@host:port/database`; TLS is not used: keep the
    /// database on a private network or loopback) with a pool of at most `maximumConnections`
    /// connections (each instance's; keep the sum over the instances under the server's
    /// `max_connections`). A connection idle for `idleTimeout` seconds is closed (the pool opens
    /// another on demand). postgres-nio's pool starts a timer task for each connection that goes idle,
    /// about 1.5 KB, which lives until its deadline even when the connection is used again at once: the
    /// timeout bounds that memory to the query rate × `idleTimeout` (docs/performance.md). The keep-alive
    /// query (another timer per idle period, of 30 s) is turned off when `idleTimeout` is 30 s or less:
    /// no connection then stays idle long enough to need one.
    /// - Throws: ``ServiceError`` 422 `invalid-database-url` for a URL without a host or user.
    public init(
        url: String, maximumConnections: Int = defaultMaximumConnections, idleTimeout: Double = defaultIdleTimeout,
        logger: Logger
    ) throws(ServiceError) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw ServiceError.unprocessable(
                "invalid-database-url", "\(url): give postgres://user[:password]@host[:port]/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectionIdleTimeout = .milliseconds(Int64((max(0.1, idleTimeout) * 1000).rounded()))
        if idleTimeout <= Self.keepAliveSeconds {
            configuration.options.keepAliveBehavior = nil
        } else {
            configuration.options.keepAliveBehavior = .init(frequency: .seconds(Self.keepAliveSeconds))
        }
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
        (3, organiserRevocationSchema),
        (4, campaignClosingSchema),
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

    public func learnerAndProfile(tokenHash: String) async throws -> (learner: String, profile: String?)? {
        for try await (learner, profile) in try await client.execute(
            LearnerAndProfileRead(tokenHash: tokenHash), logger: logger)
        {
            return (learner, profile)
        }
        return nil
    }

    public func profile(learner: String) async throws -> String? {
        for try await profile in try await client.execute(ProfileRead(learner: learner), logger: logger) {
            return profile
        }
        return nil
    }

    public func createSession(_ session: SessionRecord) async throws {
        _ = try await enqueue(.session(session))
    }

    /// A session's start: the learner a token hash names and their profile (NULL before their first
    /// finished session; no row when no learner has the token).
    struct LearnerAndProfileRead: PostgresPreparedStatement {
        static let name = "itembank_learner_profile_read"
        static let sql = """
            SELECT l.id, p.profile FROM learners l LEFT JOIN profiles p ON p.learner = l.id WHERE l.token_hash = $1
            """
        typealias Row = (String, String?)
        var tokenHash: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(tokenHash)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A learner's stored profile (no row before their first finished session).
    struct ProfileRead: PostgresPreparedStatement {
        static let name = "itembank_profile_read"
        static let sql = "SELECT profile FROM profiles WHERE learner = $1"
        typealias Row = String
        var learner: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(learner)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(String.self) }
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

    /// The answer path's read: the learner a token hash names and that learner's session `id`
    /// (NULL columns when the learner has no such session; no row when no learner has the token).
    struct SessionRead: PostgresPreparedStatement {
        static let name = "itembank_session_read"
        static let sql = """
            SELECT l.id, s.id, s.kind, s.bank_digest, s.locale, s.state, s.answer_count, s.finished, s.created_at
            FROM learners l LEFT JOIN sessions s ON s.id = $1 AND s.learner = l.id WHERE l.token_hash = $2
            """
        typealias Row = (String, String?, String?, String?, String?, String?, Int?, Bool?, Double?)
        var session: String
        var tokenHash: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(session)
            bindings.append(tokenHash)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    public func session(id: String, tokenHash: String) async throws -> SessionLookup {
        for try await row in try await client.execute(SessionRead(session: id, tokenHash: tokenHash), logger: logger) {
            guard let found = row.1 else { return .notFound(learner: row.0) }
            return .found(
                SessionRecord(
                    id: found, learner: row.0, kind: row.2 ?? "", bankDigest: row.3 ?? "", locale: row.4 ?? "",
                    state: row.5 ?? "", answerCount: row.6 ?? 0, finished: row.7 ?? false,
                    createdAt: Date(timeIntervalSince1970: row.8 ?? 0)))
        }
        return .unknownToken
    }

    public func commit(_ answer: AnswerCommit) async throws -> Bool {
        guard let update = answer.profileUpdate else {
            // Not the last answer: a row of the next group commit.
            return try await enqueue(.answer(answer))
        }
        // The profile is read, the update computed from it, and the whole answer written in one
        // statement that writes nothing unless the stored profile is still the one read (two round trips,
        // no transaction held open). When another session of the learner finished in between, the commit
        // is made again in a transaction that locks the learner's row before it reads the profile.
        let stored = try await profile(learner: answer.response.learner)
        let finishing = FinishingWrite(
            answer: answer, profile: try update(stored), expectedProfile: stored, now: Date().timeIntervalSince1970)
        do {
            for try await outcome in try await client.execute(finishing, logger: logger) {
                switch outcome {
                case FinishingWrite.recorded: return true
                case FinishingWrite.staleAnswerCount: return false
                default: break  // the profile moved: the transaction below
                }
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "40P01" {
            // A deadlock with another instance's transaction on the same rows: the transaction below.
        }
        return try await commitInTransaction(answer, update: update)
    }

    /// A finishing answer's commit in one transaction that locks the learner's row: the session, the
    /// response, the profile read and written, the certificate.
    private func commitInTransaction(_ answer: AnswerCommit, update: ProfileUpdate) async throws -> Bool {
        let logger = logger
        let write = GroupWrite([.answer(answer)], now: Date().timeIntervalSince1970)
        do {
            return try await client.withTransaction(logger: logger) { connection in
                var recorded = false
                for try await _ in try await connection.execute(write, logger: logger) { recorded = true }
                guard recorded else { return false }
                let learner = answer.response.learner
                // The learner's row locked until the commit: another session of the learner finishing
                // now waits here and then merges into this one's profile (no lost update). The profile is
                // read by a second statement, after the lock: in READ COMMITTED a statement's snapshot
                // is taken when it starts, so a join in the locking statement would still see the
                // profile as it was before the other commit.
                for try await _ in try await connection.query(
                    "SELECT 1 FROM learners WHERE id = \(learner) FOR NO KEY UPDATE", logger: logger)
                {}
                var stored: String?
                for try await profile in try await connection.query(
                    "SELECT profile FROM profiles WHERE learner = \(learner)", logger: logger
                ).decode(String.self) {
                    stored = profile
                }
                let profile = try update(stored)
                let now = write.now
                try await connection.query(
                    """
                    INSERT INTO profiles (learner, profile, updated_at) VALUES (\(learner), \(profile), \(now))
                    ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
                    """, logger: logger)
                if let certificate = answer.certificate {
                    try await connection.query(
                        """
                        INSERT INTO certificates (learner, session, certificate, issued_at)
                        VALUES (\(learner), \(answer.session), \(certificate), \(now))
                        """, logger: logger)
                }
                return true
            }
        } catch let error as PostgresTransactionError {
            // The profile update's own error (a stored profile that cannot be read), not the driver's wrapper.
            if let closure = error.closureError as? ServiceError { throw closure }
            throw error
        }
    }

    /// A session's last answer in one statement, written only if the session's answer count is still
    /// the expected one and the learner's stored profile is still `expectedProfile` (the one `profile`
    /// was computed from; NULL: no profile yet). Returns one row: ``recorded``, ``staleAnswerCount`` or
    /// ``staleProfile``.
    ///
    /// It takes the locks the transaction of ``commit(_:)``'s fallback takes, in the same order (the
    /// session's row, then the learner's), so that the two paths exclude each other. The profile's
    /// check is `ON CONFLICT … DO UPDATE … WHERE`, which PostgreSQL evaluates on the latest committed
    /// version of the locked row (READ COMMITTED), not on the statement's snapshot (a first profile is
    /// an insert, which finds a row inserted meanwhile through the unique index and then fails that
    /// `WHERE`); every other write reads the profile's `RETURNING` row, so none happens when the profile
    /// moved.
    struct FinishingWrite: PostgresPreparedStatement {
        static let name = "itembank_finishing_write"
        static let sql = """
            WITH target AS (
              SELECT id FROM sessions WHERE id = $1 AND answer_count = $2 AND NOT finished FOR NO KEY UPDATE
            ), owner AS (
              SELECT id FROM learners WHERE id = $5 AND EXISTS (SELECT 1 FROM target) FOR NO KEY UPDATE
            ), profile AS (
              INSERT INTO profiles (learner, profile, updated_at) SELECT id, $11, $13 FROM owner
              WHERE $12::text IS NULL OR EXISTS (SELECT 1 FROM profiles WHERE learner = $5)
              ON CONFLICT (learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
              WHERE profiles.profile = $12
              RETURNING learner
            ), updated AS (
              UPDATE sessions s SET state = $3, answer_count = s.answer_count + 1, finished = $4, updated_at = $13
              FROM profile WHERE s.id = $1 RETURNING s.id
            ), recorded AS (
              INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
              SELECT $1, $5, $6, $7, $8, $9, $10 FROM updated RETURNING session
            ), certified AS (
              INSERT INTO certificates (learner, session, certificate, issued_at)
              SELECT $5, $1, $14, $13 FROM updated WHERE $14::text IS NOT NULL RETURNING session
            )
            SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM target) THEN 0
              WHEN EXISTS (SELECT 1 FROM recorded) THEN 1 ELSE 2 END
            """
        /// The outcomes the statement returns.
        static let staleAnswerCount = 0
        static let recorded = 1
        static let staleProfile = 2
        typealias Row = Int
        var answer: AnswerCommit
        var profile: String
        var expectedProfile: String?
        var now: Double

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            let response = answer.response
            bindings.append(answer.session)
            bindings.append(answer.expectedAnswerCount)
            bindings.append(answer.state)
            bindings.append(answer.finished)
            bindings.append(response.learner)
            bindings.append(response.item)
            bindings.append(response.score)
            bindings.append(response.outcome)
            bindings.append(response.answeredAt.timeIntervalSince1970)
            bindings.append(response.bankDigest)
            bindings.append(profile)
            bindings.append(expectedProfile)
            bindings.append(now)
            bindings.append(answer.certificate)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int.self) }
    }

    /// One row in its own statement (``GroupWrite`` of one row): whether it was recorded (a new session
    /// always is, or the statement throws the driver's error).
    func writeAlone(_ row: PendingWrite) async throws -> Bool {
        var recorded = false
        for try await _ in try await client.execute(
            GroupWrite([row], now: Date().timeIntervalSince1970), logger: logger)
        {
            recorded = true
        }
        return recorded
    }

    /// Group commits run so far: fewer than the rows they recorded when requests arrive together.
    var groupCommits: Int { writes.groups }

    /// Rows of one group commit at most.
    static let groupCommitLimit = 128

    /// A write waiting for the next group commit: a new session, or an answer that changes no profile.
    enum PendingWrite: Sendable {
        case session(SessionRecord)
        case answer(AnswerCommit)

        /// The session the row writes: no two rows of a group share one.
        var session: String {
            switch self {
            case .session(let record): record.id
            case .answer(let answer): answer.session
            }
        }
    }

    /// A new session or an answer that changes no profile as a row of a group commit (``GroupCommit``),
    /// at most one row per session in a group (a second waits for the next group), so that each
    /// answer's condition is checked against the session as the earlier groups left it: one statement
    /// (``GroupWrite``), one round trip and one commit for the group. Returns whether the row was
    /// recorded (an answer's session's answer count was still the one it was checked against).
    func enqueue(_ write: PendingWrite) async throws -> Bool {
        try await writes.submit(write) { group in await self.writeGroup(group) }
    }

    /// Writes a group; a group whose statement fails (a deadlock with another instance's group, a
    /// session whose learner does not exist) is written again row by row, so that only the failing
    /// rows fail.
    private func writeGroup(_ group: [GroupCommit<PendingWrite, Bool>.Waiting]) async {
        do {
            var recorded: Set<String> = []
            let write = GroupWrite(group.map(\.row), now: Date().timeIntervalSince1970)
            for try await session in try await client.execute(write, logger: logger) { recorded.insert(session) }
            for waiting in group { waiting.resume(recorded.contains(waiting.row.session)) }
        } catch {
            for waiting in group {
                do {
                    waiting.resume(try await writeAlone(waiting.row))
                } catch {
                    waiting.fail(error)
                }
            }
        }
    }

    /// A group commit's statement: new sessions inserted, and answers of other sessions (one each),
    /// each its session's conditional update (on its answer count) and its response's insert. Returns
    /// the sessions it recorded: every new one, and those whose answer it recorded.
    struct GroupWrite: PostgresPreparedStatement {
        static let name = "itembank_group_write"
        static let sql = """
            WITH input AS (
              SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::boolean[], $5::text[], $6::text[],
                $7::bigint[], $8::text[], $9::double precision[], $10::text[])
                AS i(session, expected, state, finished, learner, item, score, outcome, answered_at, bank_digest)
            ), updated AS (
              UPDATE sessions s SET state = i.state, answer_count = s.answer_count + 1, finished = i.finished,
                updated_at = $11
              FROM input i WHERE s.id = i.session AND s.answer_count = i.expected AND NOT s.finished
              RETURNING s.id
            ), recorded AS (
              INSERT INTO responses (session, learner, item, score, outcome, answered_at, bank_digest)
              SELECT i.session, i.learner, i.item, i.score, i.outcome, i.answered_at, i.bank_digest
              FROM input i JOIN updated u ON u.id = i.session RETURNING session
            ), started AS (
              INSERT INTO sessions (id, learner, kind, bank_digest, locale, state, answer_count, finished,
                created_at, updated_at)
              SELECT n.*, $11 FROM unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                $17::text[], $18::bigint[], $19::boolean[], $20::double precision[])
                AS n(id, learner, kind, bank_digest, locale, state, answer_count, finished, created_at)
              RETURNING id
            )
            SELECT session FROM recorded UNION ALL SELECT id FROM started
            """
        typealias Row = String
        var answers: [AnswerCommit] = []
        var sessions: [SessionRecord] = []
        var now: Double

        init(_ rows: [PendingWrite], now: Double) {
            for row in rows {
                switch row {
                case .session(let record): sessions.append(record)
                case .answer(let answer): answers.append(answer)
                }
            }
            self.now = now
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(answers.map(\.session))
            bindings.append(answers.map(\.expectedAnswerCount))
            bindings.append(answers.map(\.state))
            bindings.append(answers.map(\.finished))
            bindings.append(answers.map(\.response.learner))
            bindings.append(answers.map(\.response.item))
            bindings.append(answers.map(\.response.score))
            bindings.append(answers.map(\.response.outcome))
            bindings.append(answers.map(\.response.answeredAt.timeIntervalSince1970))
            bindings.append(answers.map(\.response.bankDigest))
            bindings.append(now)
            bindings.append(sessions.map(\.id))
            bindings.append(sessions.map(\.learner))
            bindings.append(sessions.map(\.kind))
            bindings.append(sessions.map(\.bankDigest))
            bindings.append(sessions.map(\.locale))
            bindings.append(sessions.map(\.state))
            bindings.append(sessions.map(\.answerCount))
            bindings.append(sessions.map(\.finished))
            bindings.append(sessions.map(\.createdAt.timeIntervalSince1970))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(String.self) }
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

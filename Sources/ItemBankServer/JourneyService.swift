import AdaptiveTesting
import Crypto
import Foundation
import ItemBankRuntime

/// The runtime service: the learner journey over the bank releases and a ``LearnerStore``. Knows
/// nothing of HTTP: every operation takes and returns values and throws ``ServiceError``.
///
/// Answers are checked here, against the release the session started on; an answer is acknowledged
/// (returned) only after the store committed it.
public struct JourneyService: Sendable {
    public let releases: BankReleases
    public let store: any LearnerStore
    /// The default locale of new sessions.
    public let defaultLocale: String
    /// Sessions answered recently, decoded (the answer path skips the store's read for them).
    public let sessions: SessionCache

    /// - Parameter sessionCache: most sessions held decoded in memory (``SessionCache``; 0: none).
    public init(
        releases: BankReleases, store: any LearnerStore, defaultLocale: String = "fr-FR", sessionCache: Int = 10_000
    ) {
        self.releases = releases
        self.store = store
        self.defaultLocale = defaultLocale
        self.sessions = SessionCache(capacity: sessionCache)
    }

    // MARK: learners

    /// Registers a new learner; the token is returned once.
    public func registerLearner() async throws(ServiceError) -> LearnerRegistration {
        let learner = "l-" + Self.randomHex(bytes: 8)
        let token = Self.randomHex(bytes: 16)
        try await storeCall { try await store.createLearner(id: learner, tokenHash: Self.hash(token), at: Date()) }
        return LearnerRegistration(learner: learner, token: token)
    }

    /// The learner a bearer token acts for.
    /// - Throws: 401 when the token is missing or unknown.
    public func authenticate(token: String?) async throws(ServiceError) -> String {
        guard let token, !token.isEmpty else { throw Self.missingToken }
        guard let learner = try await storeCall({ try await store.learner(tokenHash: Self.hash(token)) }) else {
            throw Self.unknownToken
        }
        return learner
    }

    static let missingToken = ServiceError.unauthorized(
        "send the learner's token: Authorization: Bearer <token> (POST /v1/learners gives one)")
    static let unknownToken = ServiceError.unauthorized("the token is not a learner's token")

    /// The learner's profile scored on the current release.
    public func profile(learner: String) async throws(ServiceError) -> ProfileReply {
        let profile = try await loadProfile(learner)
        let engine = releases.current.engine(locale: defaultLocale)
        let score = engine.score(profile)
        return ProfileReply(
            learner: learner, knowledge: profile.knowledge, answeredItems: profile.answeredItems,
            competences: score.competences, totalPix: score.total, eligibility: engine.eligibility(profile),
            abilities: Self.abilities(profile))
    }

    /// The learner's certificates, oldest first.
    public func certificates(learner: String) async throws(ServiceError) -> CertificatesReply {
        let stored = try await storeCall { try await store.certificates(learner: learner) }
        return CertificatesReply(learner: learner, certificates: try Self.decodeCertificates(stored, learner: learner))
    }

    // MARK: sessions

    /// Starts a session on the current release for the learner whose bearer token this is: the API's
    /// start, where the token's learner and their profile are read in one read; the session is then held
    /// in ``sessions`` for its answers.
    /// - Throws: 401 when the token is missing or unknown; otherwise as ``startSession(learner:request:)``.
    public func startSession(token: String?, request: StartSessionRequest) async throws(ServiceError) -> SessionReply {
        guard let token, !token.isEmpty else { throw Self.missingToken }
        let tokenHash = Self.hash(token)
        guard let found = try await storeCall({ try await store.learnerAndProfile(tokenHash: tokenHash) }) else {
            throw Self.unknownToken
        }
        return try await startSession(
            learner: found.learner, request: request,
            profile: try Self.decodeProfile(found.profile, learner: found.learner), tokenHash: tokenHash)
    }

    /// Starts a session on the current release.
    /// - Throws: 422 for an unknown kind or competence, a learner not eligible for certification, or no
    ///   playable item in the locale.
    public func startSession(learner: String, request: StartSessionRequest) async throws(ServiceError) -> SessionReply {
        try await startSession(
            learner: learner, request: request, profile: try await loadProfile(learner), tokenHash: nil)
    }

    func startSession(
        learner: String, request: StartSessionRequest, profile: LearnerProfile, tokenHash: String?
    ) async throws(ServiceError) -> SessionReply {
        let release = releases.current
        let locale = request.locale ?? defaultLocale
        guard !locale.isEmpty, locale.count <= 35, locale.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else { throw .unprocessable("invalid-locale", "locale must be a BCP 47 tag such as fr-FR") }
        let engine = release.engine(locale: locale)
        let seed = UInt64.random(in: .min ... .max)
        var progress = SessionProgress()
        switch request.kind {
        case "positioning":
            guard let code = request.competence, request.competences == nil else {
                throw .unprocessable(
                    "invalid-session",
                    "a positioning names one competence: {\"kind\": \"positioning\", \"competence\": \"1.1\"}")
            }
            progress.journey = try journey { () throws(JourneyError) in
                try engine.startPositioning(competence: code, profile: profile, seed: seed)
            }
        case "training":
            guard let codes = request.competences, request.competence == nil else {
                throw .unprocessable(
                    "invalid-session",
                    "a training names its competences: {\"kind\": \"training\", \"competences\": [\"1.1\"]}")
            }
            progress.journey = try journey { () throws(JourneyError) in
                try engine.startTraining(competences: codes, profile: profile, seed: seed, now: Date())
            }
            // A training that would finish before its first item is refused, with the reason, rather than
            // stored as a finished session of 0 items.
            if try currentItem(progress, engine: engine) == nil {
                throw .unprocessable(
                    "nothing-to-train",
                    "nothing left to train in \(codes.joined(separator: ", ")): every skill there is tested already "
                        + "(validated, or invalidated too recently to try again); choose another competence or come back later"
                )
            }
        case "certification":
            guard request.competence == nil, request.competences == nil else {
                throw .unprocessable(
                    "invalid-session", "a certification covers the competences the learner reached: send no competence")
            }
            let eligibility = engine.eligibility(profile)
            guard eligibility.isEligible else {
                throw .unprocessable(
                    "not-eligible",
                    "not eligible for certification: level 1 is reached in \(eligibility.certifiable.count) competences, "
                        + "\(eligibility.certifiable.count + eligibility.missing) are required; position in "
                        + "\(eligibility.missing) more among \(eligibility.notReached.joined(separator: ", "))")
            }
            progress.certification = try journey { () throws(JourneyError) in
                try engine.assembleCertification(profile, seed: seed)
            }
            progress.certificationAnswers = []
        case IRTForm.pixCampaign.rawValue, IRTForm.pixCertification.rawValue:
            guard request.competence == nil, request.competences == nil else {
                throw .unprocessable("invalid-session", "\(request.kind) covers the whole bank: send no competence")
            }
            if request.kind == IRTForm.pixCertification.rawValue {
                let eligibility = engine.eligibility(profile)
                guard eligibility.isEligible else {
                    throw .unprocessable(
                        "not-eligible",
                        "not eligible for certification: level 1 is reached in \(eligibility.certifiable.count) "
                            + "competences, \(eligibility.certifiable.count + eligibility.missing) are required")
                }
            }
            progress.irt = try startIRT(kind: request.kind, bank: release.bank, seed: seed)
        default:
            throw .unprocessable(
                "invalid-session",
                "kind must be positioning, training, certification, pix-campaign or pix-certification")
        }
        let record = SessionRecord(
            id: Self.randomHex(bytes: 16), learner: learner, kind: request.kind, bankDigest: release.digest,
            locale: locale, state: try encodeProgress(progress), answerCount: 0, finished: false, createdAt: Date())
        try await storeCall { try await store.createSession(record) }
        if let tokenHash { sessions.store(record, progress: progress, tokenHash: tokenHash) }
        return try reply(record, progress: progress, release: release)
    }

    /// The session where it stands: the item to answer or the result (resume).
    /// - Throws: 404 when there is no such session for this learner.
    public func session(learner: String, id: String) async throws(ServiceError) -> SessionReply {
        let (record, release) = try await loadSession(learner: learner, id: id)
        return try reply(record, progress: try decodeProgress(record), release: release)
    }

    /// Checks and records an answer, committed before this returns.
    /// - Throws: 404 no such session; 409 the session finished, the item is not the one served (or was
    ///   answered already), or another request recorded an answer meanwhile; 422 an answer of the wrong
    ///   shape for the item, or `elapsedSeconds` outside 0…86,400.
    public func answer(
        learner: String, session id: String, request: AnswerRequest
    ) async throws(ServiceError)
        -> AnswerReply
    {
        try request.validate()
        let (record, release) = try await loadSession(learner: learner, id: id)
        return try await answer(record, progress: try decodeProgress(record), release: release, request: request)
    }

    /// Checks and records an answer for the learner whose bearer token this is: the API's answer path,
    /// where the token's learner and the session are read from the store together (one read, then
    /// one write), or found in ``sessions`` (one write). An answer checked against a cached session and
    /// refused with a 409 (the session may have moved on through another instance) is checked again on
    /// a fresh read; nothing was written for it.
    /// - Throws: 401 when the token is missing or unknown; otherwise as
    ///   ``answer(learner:session:request:)``.
    public func answer(
        token: String?, session id: String, request: AnswerRequest
    ) async throws(ServiceError)
        -> AnswerReply
    {
        guard let token, !token.isEmpty else { throw Self.missingToken }
        try request.validate()
        let tokenHash = Self.hash(token)
        if let cached = sessions.entry(session: id, tokenHash: tokenHash),
            let release = releases.release(digest: cached.record.bankDigest)
        {
            do {
                return try await answer(
                    cached.record, progress: cached.progress, release: release, request: request, tokenHash: tokenHash)
            } catch  where error.status == 409 {
                sessions.remove(session: id)
            }
        }
        let lookup = try await storeCall { try await store.session(id: id, tokenHash: tokenHash) }
        switch lookup {
        case .unknownToken:
            throw Self.unknownToken
        case .notFound:
            throw .notFound("session-not-found", "no session \(id) for this learner")
        case .found(let record):
            return try await answer(
                record, progress: try decodeProgress(record), release: try release(of: record), request: request,
                tokenHash: tokenHash)
        }
    }

    /// Checks the answer against the session (as read, or as cached with `progress` decoded), commits it,
    /// and caches the session as committed when `tokenHash` is given.
    func answer(
        _ record: SessionRecord, progress stored: SessionProgress, release: BankRelease, request: AnswerRequest,
        tokenHash: String? = nil
    ) async throws(ServiceError)
        -> AnswerReply
    {
        let id = record.id
        let learner = record.learner
        var progress = stored
        guard !record.finished else {
            throw .conflict("session-finished", "session \(id) has finished: nothing is left to answer")
        }
        let engine = release.engine(locale: record.locale)
        guard let served = try currentItem(progress, engine: engine) else {
            throw .conflict("session-finished", "session \(id) has finished: nothing is left to answer")
        }
        guard served.id == request.item else {
            let answered = answeredItems(progress, bank: release.bank).contains(request.item)
            throw .conflict(
                answered ? "item-already-answered" : "item-not-served",
                answered
                    ? "item \(request.item) was already answered in this session; answer item \(served.id)"
                    : "item \(request.item) is not the item served; answer item \(served.id) (GET the session to see it)"
            )
        }
        let isCertification = progress.certification != nil || progress.irt?.form == IRTForm.pixCertification.rawValue
        let check: AnswerCheck
        do {
            check = try served.check(
                request.answer,
                context: AnswerContext(
                    elapsedSeconds: request.elapsedSeconds, focusLost: request.focusLost ?? false,
                    isCertification: isCertification))
        } catch {
            throw .unprocessable("invalid-answer", "item \(served.id): \(error.message)")
        }
        let now = Date()
        var profileUpdate: ProfileUpdate?
        var certificateJSON: String?
        var finished = false
        // The item served next, when already chosen here (the reply then does not choose it again).
        var upcoming: ItemView??
        if let state = progress.journey {
            let next = try journey { () throws(JourneyError) in
                try engine.record(state, item: served.id, outcome: check.outcome, at: now)
            }
            progress.journey = next
            let nextItem = try journey { () throws(JourneyError) in try engine.next(next) }
            upcoming = .some(nextItem)
            if nextItem == nil {
                finished = true
                // Merged into the profile as stored at commit time (``ProfileUpdate``): another session of
                // the learner finishing at the same time is not overwritten.
                profileUpdate = { stored in
                    let profile = try Self.decodeProfile(stored, learner: learner)
                    return try Self.encodeProfile(
                        try Self.journey { () throws(JourneyError) in try engine.updatedProfile(profile, with: next) })
                }
            }
        } else if let test = progress.certification {
            var answers = progress.certificationAnswers ?? []
            answers.append(CertificationAnswer(item: served.id, outcome: check.outcome))
            progress.certificationAnswers = answers
            if answers.count >= test.questions.count {
                finished = true
                let certificate = try journey { () throws(JourneyError) in
                    try engine.scoreCertification(test, answers: answers, date: now)
                }
                progress.certificate = certificate
                certificateJSON = try encode(certificate)
                profileUpdate = { [answers] stored in
                    var profile = try Self.decodeProfile(stored, learner: learner)
                    for answer in answers { profile.recordAnswered(item: answer.item) }
                    return try Self.encodeProfile(profile)
                }
            }
        } else if var irt = progress.irt {
            finished = try advanceIRT(&irt, bank: release.bank, correct: check.outcome.isSuccess)
            if finished {
                (profileUpdate, certificateJSON) = try finishIRT(&irt, release: release, learner: learner, at: now)
            }
            progress.irt = irt
        }
        let commit = AnswerCommit(
            session: id, expectedAnswerCount: record.answerCount, state: try encodeProgress(progress),
            finished: finished,
            response: ResponseRecord(
                learner: learner, session: id, item: served.id, score: check.outcome.isSuccess ? 1 : 0,
                outcome: check.outcome.rawValue, answeredAt: now, bankDigest: release.digest),
            profileUpdate: profileUpdate, certificate: certificateJSON)
        guard try await storeCall({ try await store.commit(commit) }) else {
            throw .conflict(
                "item-already-answered",
                "another request recorded an answer to session \(id) meanwhile; GET the session to see where it stands")
        }
        var updated = record
        updated.answerCount += 1
        updated.finished = finished
        updated.state = commit.state
        if let tokenHash { sessions.store(updated, progress: progress, tokenHash: tokenHash) }
        let isChoice = served.type == .qcu || served.type == .qcm
        return AnswerReply(
            outcome: check.outcome.rawValue,
            responses: isChoice ? nil : check.responses.map { .init(id: $0.id, right: $0.isRight, empty: $0.isEmpty) },
            matchedAnswerCount: check.matchedAnswerCount, requiredAnswerCount: check.requiredAnswerCount,
            session: try reply(updated, progress: progress, release: release, current: upcoming))
    }

    // MARK: learner page

    /// The item served in a session, as the bank's view (for a page rendered with ItemBankHTML), with the
    /// session where it stands; the item is nil when the session has finished.
    /// - Throws: 404 when there is no such session for this learner; 409 when its release is no longer held.
    public func servedItem(
        learner: String, session id: String
    ) async throws(ServiceError) -> (
        session: SessionReply, item: ItemView?
    ) {
        let (record, release) = try await loadSession(learner: learner, id: id)
        let progress = try decodeProgress(record)
        let item = record.finished ? nil : try currentItem(progress, engine: release.engine(locale: record.locale))
        return (try reply(record, progress: progress, release: release), item)
    }

    /// Whether a token is a registered learner's (false also when the store fails: then
    /// ``authenticate(token:)`` answers the error).
    public func isKnownLearner(token: String) async -> Bool {
        do {
            _ = try await authenticate(token: token)
            return true
        } catch {
            return error.status != 401
        }
    }

    /// The competences of the current release, in bank order: code and title.
    public func competenceTitles() -> [(code: String, title: String)] {
        let bank = releases.current.bank
        return (0..<bank.competenceCount).compactMap { bank.competence(at: $0) }.map { ($0.code, $0.title) }
    }

    // MARK: admin

    /// The current release and the releases held.
    public func releaseInfo(reload outcome: BankReleases.ReloadOutcome? = nil) -> ReleaseInfo {
        let release = releases.current
        let bank = release.bank
        let reload: String? =
            switch outcome {
            case .loaded?: "loaded"
            case .unchanged?: "unchanged"
            case nil: nil
            }
        return ReleaseInfo(
            bank: bank.id, version: bank.version, title: bank.title, path: release.path,
            contentDigest: release.digest, fileDigest: bank.fileDigest, items: bank.itemCount,
            competences: bank.competenceCount, loadedAt: release.loadedAt, releases: releases.digests, reload: reload)
    }

    /// Reads the bank file again; a file that fails verification is refused (422) and the current
    /// release keeps serving.
    public func reload() throws(ServiceError) -> ReleaseInfo {
        releaseInfo(reload: try releases.reload())
    }

    /// Every recorded answer as CSV for calibration: `person,item,score,answered_at,bank_digest`
    /// (RFC 4180, LF line ends, times in ISO 8601 UTC with milliseconds).
    public func responsesCSV() async throws(ServiceError) -> String {
        let rows = try await storeCall { try await store.responses() }
        var csv = "person,item,score,answered_at,bank_digest\n"
        for row in rows {
            csv +=
                [
                    Self.csvField(row.learner), Self.csvField(row.item), String(row.score),
                    Self.timestamp(row.answeredAt),
                    row.bankDigest,
                ].joined(separator: ",") + "\n"
        }
        return csv
    }

    // MARK: helpers

    func loadProfile(_ learner: String) async throws(ServiceError) -> LearnerProfile {
        try Self.decodeProfile(try await storeCall { try await store.profile(learner: learner) }, learner: learner)
    }

    /// A stored profile (JSON), the empty profile for nil.
    static func decodeProfile(_ json: String?, learner: String) throws(ServiceError) -> LearnerProfile {
        guard let json else { return LearnerProfile() }
        do {
            return try LearnerProfile.decodeJSON(Array(json.utf8))
        } catch {
            throw .unavailable("the stored profile of \(learner) cannot be read: \(error)")
        }
    }

    func loadSession(learner: String, id: String) async throws(ServiceError) -> (SessionRecord, BankRelease) {
        guard let record = try await storeCall({ try await store.session(id: id) }), record.learner == learner else {
            throw .notFound("session-not-found", "no session \(id) for this learner")
        }
        return (record, try release(of: record))
    }

    /// The release a session runs on.
    /// - Throws: 409 `release-unavailable` when the service no longer holds it.
    func release(of record: SessionRecord) throws(ServiceError) -> BankRelease {
        guard let release = releases.release(digest: record.bankDigest) else {
            throw .conflict(
                "release-unavailable",
                "session \(record.id) runs on bank release \(record.bankDigest.prefix(16))…, which this server no "
                    + "longer holds (it restarted on another release); start a new session")
        }
        return release
    }

    func decodeProgress(_ record: SessionRecord) throws(ServiceError) -> SessionProgress {
        do {
            return try Self.decoder.decode(SessionProgress.self, from: Data(record.state.utf8))
        } catch {
            throw .unavailable("the stored state of session \(record.id) cannot be read: \(error)")
        }
    }

    func currentItem(_ progress: SessionProgress, engine: JourneyEngine) throws(ServiceError) -> ItemView? {
        if let irt = progress.irt { return try irtItem(irt, bank: engine.bank) }
        if let state = progress.journey {
            return try journey { () throws(JourneyError) in try engine.next(state) }
        }
        if let test = progress.certification {
            let done = progress.certificationAnswers?.count ?? 0
            guard done < test.questions.count else { return nil }
            return engine.bank.item(id: test.questions[done].item)
        }
        return nil
    }

    func answeredItems(_ progress: SessionProgress, bank: Bank) -> Set<String> {
        if let irt = progress.irt { return irtAnswered(irt, bank: bank) }
        if let state = progress.journey {
            return Set(state.answers.compactMap { bank.item(at: $0.item)?.id })
        }
        return Set((progress.certificationAnswers ?? []).map(\.item))
    }

    /// The session's reply; `current` is the item to serve when the caller chose it already (nil inside:
    /// nothing left), else it is chosen here.
    func reply(
        _ record: SessionRecord, progress: SessionProgress, release: BankRelease, current: ItemView?? = nil
    ) throws(ServiceError)
        -> SessionReply
    {
        let engine = release.engine(locale: record.locale)
        var reply = SessionReply(
            session: record.id, learner: record.learner, kind: record.kind, locale: record.locale,
            bankDigest: record.bankDigest, status: "in-progress", answered: record.answerCount)
        let item: ItemView?
        if let current { item = current } else { item = try currentItem(progress, engine: engine) }
        if let item {
            reply.item = ItemScreen(item, number: record.answerCount + 1)
            return reply
        }
        reply.status = "finished"
        if let state = progress.journey {
            let result = try journey { () throws(JourneyError) in try engine.result(state) }
            reply.competences = result.competences
            reply.knowledge = result.knowledge
        } else if let irt = progress.irt {
            reply.irt = try irtResult(irt, bank: release.bank)
            reply.certificate = irt.certificate.map(IssuedCertificate.pixCertification)
        } else {
            reply.certificate = progress.certificate.map(IssuedCertificate.certification)
        }
        return reply
    }

    func journey<Value>(_ body: () throws(JourneyError) -> Value) throws(ServiceError) -> Value {
        try Self.journey(body)
    }

    static func journey<Value>(_ body: () throws(JourneyError) -> Value) throws(ServiceError) -> Value {
        do {
            return try body()
        } catch {
            let code: String =
                switch error {
                case .unknownCompetence: "unknown-competence"
                case .noPlayableItems: "no-playable-items"
                case .notEligible: "not-eligible"
                case .noCompetence: "invalid-session"
                default: "journey-refused"
                }
            throw .unprocessable(code, error.description)
        }
    }

    func storeCall<Value>(_ body: () async throws -> Value) async throws(ServiceError) -> Value {
        do {
            return try await body()
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .unavailable("the learner store failed: \(error); retry the request")
        }
    }

    /// A session's state as stored: JSON of ``SessionProgress``. A positioning's or training's (every
    /// answer of those) is written directly (`SessionState.jsonBytes()`: the same object as
    /// `JSONEncoder`'s, at a fraction of the cost); the other kinds go through `JSONEncoder`.
    func encodeProgress(_ progress: SessionProgress) throws(ServiceError) -> String {
        guard let state = progress.journeyAlone else { return try encode(progress) }
        do {
            var bytes = Array(#"{"journey":"#.utf8)
            bytes.append(contentsOf: try state.jsonBytes())
            bytes.append(UInt8(ascii: "}"))
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            throw .unavailable("cannot encode the state: \(error)")
        }
    }

    func encode<Value: Encodable>(_ value: Value) throws(ServiceError) -> String {
        try Self.encodeJSON(value)
    }

    /// A profile as stored: its JSON written directly (`LearnerProfile.jsonBytes()`, what `encoder`
    /// gives with sorted keys).
    static func encodeProfile(_ profile: LearnerProfile) throws(ServiceError) -> String {
        do {
            return String(decoding: try profile.jsonBytes(), as: UTF8.self)
        } catch {
            throw .unavailable("cannot encode the profile: \(error)")
        }
    }

    static func encodeJSON<Value: Encodable>(_ value: Value) throws(ServiceError) -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .unavailable("cannot encode the state: \(error)")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Hex of `bytes` bytes from the system's cryptographic random source.
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// SHA-256 hex of a token: the store never holds tokens themselves.
    static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Lower-case hex of bytes (once per request on the answer path: no `String(format:)`).
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import AdaptiveTesting
import Foundation
import ItemBankRuntime

/// The IRT forms as session kinds: `pix-campaign` (Pix's flash campaign form) and `pix-certification`
/// (Pix's v3 certification form), run by ``CATEngine`` over the release's calibrated items
/// (``BankItemPool``: its IRTX selection index when the bank stores one).
///
/// The engine's state (``CATSession``: items given, answers, estimator, random state) and the item it
/// picked are stored with the session, so any instance continues it; the item is picked once, when the
/// previous answer is recorded, and served again unchanged until answered.
public enum IRTForm: String, CaseIterable, Sendable {
    case pixCampaign = "pix-campaign"
    case pixCertification = "pix-certification"

    /// Items asked (fixed length, as Pix's forms).
    public static let length = 32

    /// The engine's settings of the form.
    public var settings: CATSettings {
        switch self {
        case .pixCampaign: .pixCampaign(length: Self.length)
        case .pixCertification: .pixCertification(length: Self.length)
        }
    }
}

/// The result of an IRT session: the ability estimate and what the engine maps it to.
public struct IRTResult: Codable, Hashable, Sendable {
    /// `pix-campaign` or `pix-certification`.
    public var form: String
    /// The final ability estimate θ (logits) and its standard error.
    public var theta: Double
    public var standardError: Double
    /// Why the test ended (`maximum-length`, `pool-exhausted`, …).
    public var stopReason: String
    /// The v3 score of θ, 0 … 896 pix (``CertificationScoring/pix``).
    public var pix: Int
    /// Each competence's level from the bank's θ tables (nil where the bank has none), in bank order.
    public var competences: [CertificationResult.CompetenceLevel]
}

/// The stored state of an IRT session.
struct IRTProgress: Codable, Sendable {
    var form: String
    var cat: CATSession
    /// Pool index of the item served, nil once the test ended.
    var pending: Int?
    var stopReason: String?
    /// `pix-certification`: the certificate, issued when the test ended.
    var certificate: V3Certificate?
}

/// One engine per (release, form), built on first use: building the pool's information index is the
/// costly part when the bank stores none.
final class IRTEngines: @unchecked Sendable {
    static let shared = IRTEngines()
    private let lock = NSLock()
    private var engines: [String: (engine: CATEngine, pool: BankItemPool)] = [:]

    func engine(bank: Bank, form: IRTForm) throws(ServiceError) -> (engine: CATEngine, pool: BankItemPool) {
        let key = bank.contentDigest + "/" + form.rawValue
        lock.lock()
        defer { lock.unlock() }
        if let cached = engines[key] { return cached }
        do {
            let pool = try BankItemPool(bank: bank)
            guard pool.pool.count > 0 else {
                throw CATError(.invalidSetting, "the bank has no calibrated validated item")
            }
            let engine = try CATEngine(pool: pool.pool, settings: form.settings)
            engines[key] = (engine, pool)
            return (engine, pool)
        } catch {
            throw .unprocessable("no-playable-items", "the \(form.rawValue) form cannot run on this release: \(error)")
        }
    }
}

extension JourneyService {
    /// Starts an IRT form: the engine's first pick is stored with the session.
    func startIRT(kind: String, bank: Bank, seed: UInt64) throws(ServiceError) -> IRTProgress? {
        guard let form = IRTForm(rawValue: kind) else { return nil }
        let (engine, _) = try IRTEngines.shared.engine(bank: bank, form: form)
        var session = engine.startSession(seed: seed)
        let first: Int?
        do {
            first = try engine.nextItem(in: &session)
        } catch {
            throw .unprocessable("no-playable-items", "\(kind): \(error)")
        }
        guard let first else { throw .unprocessable("no-playable-items", "\(kind): the pool is empty") }
        return IRTProgress(form: kind, cat: session, pending: first)
    }

    /// The item an IRT session waits for, nil once it ended.
    func irtItem(_ progress: IRTProgress, bank: Bank) throws(ServiceError) -> ItemView? {
        guard let pending = progress.pending, let form = IRTForm(rawValue: progress.form) else { return nil }
        let (_, pool) = try IRTEngines.shared.engine(bank: bank, form: form)
        guard pool.bankItems.indices.contains(pending) else {
            throw .unavailable("the stored state of an IRT session names an item outside the pool")
        }
        return bank.item(at: pool.bankItems[pending])
    }

    /// Ids of the items an IRT session has given (answered).
    func irtAnswered(_ progress: IRTProgress, bank: Bank) -> Set<String> {
        Set((try? irtAnsweredInOrder(progress, bank: bank)) ?? [])
    }

    /// Ids of the items an IRT session has given, in the order given.
    func irtAnsweredInOrder(_ progress: IRTProgress, bank: Bank) throws(ServiceError) -> [String] {
        guard let form = IRTForm(rawValue: progress.form) else { return [] }
        let (_, pool) = try IRTEngines.shared.engine(bank: bank, form: form)
        return progress.cat.administered.compactMap {
            pool.bankItems.indices.contains($0) ? bank.item(at: pool.bankItems[$0])?.id : nil
        }
    }

    /// What the last answer of an IRT session changes besides the session: the learner's profile (the
    /// items given are recorded as answered, so training and certification do not ask them again, and
    /// the form's measure of θ replaces its previous one) and, for `pix-certification`, the certificate
    /// (kept in `progress` and returned as the JSON the store keeps). Both are committed with the answer.
    func finishIRT(
        _ progress: inout IRTProgress, release: BankRelease, learner: String, at date: Date
    ) throws(ServiceError) -> (profileUpdate: ProfileUpdate, certificate: String?) {
        let bank = release.bank
        guard let form = IRTForm(rawValue: progress.form) else {
            throw .unavailable("the stored state of an IRT session names an unknown form \(progress.form)")
        }
        let (_, pool) = try IRTEngines.shared.engine(bank: bank, form: form)
        let estimate = progress.cat.estimate
        var certificateJSON: String?
        if form == .pixCertification {
            let certificate = V3Certificate(
                estimate: estimate, answered: progress.cat.answerCount,
                stopReason: progress.stopReason.flatMap(StopReason.init(rawValue:)) ?? .maximumLength,
                levels: pool.competenceLevels, bankDigest: release.digest, date: date,
                settings: V3CertificationSettings(length: IRTForm.length))
            progress.certificate = certificate
            certificateJSON = try encode(IssuedCertificate.pixCertification(certificate))
        }
        let items = try irtAnsweredInOrder(progress, bank: bank)
        let ability = MeasuredAbility(
            form: form.rawValue, theta: estimate.theta, standardError: estimate.standardError, date: date)
        // Merged into the profile as stored at commit time, in the commit's transaction (see ProfileUpdate).
        let update: ProfileUpdate = { stored in
            var profile = try Self.decodeProfile(stored, learner: learner)
            for item in items { profile.recordAnswered(item: item) }
            profile.record(ability)
            return try Self.encodeProfile(profile)
        }
        return (update, certificateJSON)
    }

    /// The profile's IRT measures as the profile reply shows them.
    static func abilities(_ profile: LearnerProfile) -> [AbilityReply] {
        profile.abilities.map {
            AbilityReply(
                form: $0.form, theta: $0.theta, standardError: $0.standardError,
                pix: CertificationScoring.pix.score(theta: $0.theta), date: $0.date)
        }
    }

    /// Stored certificates (JSON), v2 and v3.
    /// - Throws: 503 naming the learner when one cannot be read (none is left out silently).
    static func decodeCertificates(_ stored: [String], learner: String) throws(ServiceError) -> [IssuedCertificate] {
        var certificates: [IssuedCertificate] = []
        for (index, json) in stored.enumerated() {
            do {
                certificates.append(try decoder.decode(IssuedCertificate.self, from: Data(json.utf8)))
            } catch {
                throw .unavailable("certificate \(index + 1) of \(learner) in the store cannot be read: \(error)")
            }
        }
        return certificates
    }

    /// Records the answer to the pending item and picks the next one; returns true when the test ended.
    func advanceIRT(_ progress: inout IRTProgress, bank: Bank, correct: Bool) throws(ServiceError) -> Bool {
        guard let pending = progress.pending, let form = IRTForm(rawValue: progress.form) else { return true }
        let (engine, _) = try IRTEngines.shared.engine(bank: bank, form: form)
        do {
            try engine.record(item: pending, correct: correct, in: &progress.cat)
            if let reason = engine.stopReason(for: progress.cat) {
                progress.pending = nil
                progress.stopReason = reason.rawValue
                return true
            }
            progress.pending = try engine.nextItem(in: &progress.cat)
            if progress.pending == nil { progress.stopReason = StopReason.poolExhausted.rawValue }
            return progress.pending == nil
        } catch {
            throw .unavailable("the IRT session cannot go on: \(error)")
        }
    }

    /// The result of an ended IRT session.
    func irtResult(_ progress: IRTProgress, bank: Bank) throws(ServiceError) -> IRTResult? {
        guard progress.pending == nil, let form = IRTForm(rawValue: progress.form) else { return nil }
        let (_, pool) = try IRTEngines.shared.engine(bank: bank, form: form)
        let estimate = progress.cat.estimate
        let result = CertificationScoring.pix.result(theta: estimate.theta, levels: pool.competenceLevels)
        return IRTResult(
            form: form.rawValue, theta: estimate.theta, standardError: estimate.standardError,
            stopReason: progress.stopReason ?? StopReason.maximumLength.rawValue, pix: result.score,
            competences: result.competences)
    }
}

import Foundation
import ItemBankRuntime

/// Settings of the v3 certificate. Defaults are Pix's (notes/pix-domain.md, "Certification"; Pix's
/// `v3Certification.scoring.minimumAnswersRequiredToValidateACertification`).
public struct V3CertificationSettings: Codable, Hashable, Sendable {
    /// Items the form asks (Pix: 32).
    public var length: Int
    /// Answers needed for a certificate to be validated (Pix: 20); with fewer the certificate is rejected.
    public var minimumAnswers: Int
    /// Validity of a validated certificate, in years (the seed: 3).
    public var validityYears: Int

    public init(length: Int = 32, minimumAnswers: Int = 20, validityYears: Int = 3) {
        self.length = length
        self.minimumAnswers = minimumAnswers
        self.validityYears = validityYears
    }
}

/// A v3 certificate: what Pix's IRT certification form (`pix-certification`, ``CATSettings/pixCertification(length:)``)
/// certifies from the final ability θ.
///
/// Pix's rule on a test that ends before its length: a certificate is validated only when the learner
/// answered at least ``V3CertificationSettings/minimumAnswers`` items (20), otherwise it is rejected
/// and certifies nothing. When the engine stops early because the bank has no item left that its content
/// rules allow (`stopReason` `pool-exhausted`), the candidate is not at fault: with enough answers the
/// score of θ stands, not lowered (Pix lowers it only when the candidate abandons, which an engine
/// stop is not), and the certificate says so (``answered`` < ``length``, ``stopReason``, ``isComplete``).
public struct V3Certificate: Codable, Hashable, Sendable {
    public var status: Certificate.Status
    /// Why a rejected certificate was rejected.
    public var rejectionReason: String?
    /// Day the certification was taken (ISO 8601 date, UTC).
    public var date: String
    /// Last day of validity (ISO 8601 date, UTC): `date` + ``V3CertificationSettings/validityYears``;
    /// nil for a rejected certificate.
    public var expiry: String?
    /// The final ability estimate θ and its standard error (logits); given even when rejected.
    public var theta: Double
    public var standardError: Double
    /// The v3 score of θ, 0 … 896 pix (``CertificationScoring/score(theta:)``); 0 when rejected.
    public var pix: Int
    /// Each competence's level from the bank's θ tables (nil where the bank has none), in bank order;
    /// empty when rejected.
    public var competences: [CertificationResult.CompetenceLevel]
    /// Items answered, and the items the form asks: fewer answered means the engine stopped early.
    public var answered: Int
    public var length: Int
    /// Why the test ended: `maximum-length` (complete) or `pool-exhausted` (no item left).
    public var stopReason: String
    /// Content digest (SHA-256 hex) of the bank release the test ran on.
    public var bankDigest: String

    /// Whether every item of the form was asked.
    public var isComplete: Bool { answered >= length }

    /// Issues the certificate of an ended test.
    /// - Parameters:
    ///   - estimate: the final θ and its error.
    ///   - answered: answers recorded.
    ///   - stopReason: why the engine stopped.
    ///   - scoring: θ → pix (``CertificationScoring/pix``).
    ///   - levels: the bank's θ tables (`BankItemPool.competenceLevels`).
    ///   - bankDigest: the release's content digest.
    ///   - date: when the test ended; the certificate's days are in UTC.
    public init(
        estimate: AbilityEstimate, answered: Int, stopReason: StopReason, scoring: CertificationScoring = .pix,
        levels: CompetenceLevels, bankDigest: String, date: Date, settings: V3CertificationSettings = .init()
    ) {
        let result = scoring.result(theta: estimate.theta, levels: levels)
        let days = Certificate.days(takenAt: date, validityYears: settings.validityYears)
        var reason: String?
        if answered < settings.minimumAnswers {
            reason =
                "\(answered) of \(settings.length) items answered, \(settings.minimumAnswers) are needed"
                + (stopReason == .poolExhausted ? " (the bank had no item left for the test)" : "")
        }
        self.status = reason == nil ? .validated : .rejected
        self.rejectionReason = reason
        self.date = days.date
        self.expiry = reason == nil ? days.expiry : nil
        self.theta = estimate.theta
        self.standardError = estimate.standardError
        self.pix = reason == nil ? result.score : 0
        self.competences = reason == nil ? result.competences : []
        self.answered = answered
        self.length = settings.length
        self.stopReason = stopReason.rawValue
        self.bankDigest = bankDigest
    }
}

extension Certificate {
    /// The day of a certification taken at `date` and the last day of its certificate's validity,
    /// `validityYears` later (ISO 8601 dates, UTC): the dates of every certificate.
    public static func days(takenAt date: Date, validityYears: Int) -> (date: String, expiry: String) {
        (JourneyEngine.day(date), JourneyEngine.day(JourneyEngine.expiry(of: date, years: validityYears)))
    }
}

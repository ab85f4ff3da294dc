import AdaptiveTesting
import Foundation
import ItemBankRuntime

/// `POST /v1/sessions`: what to start.
public struct StartSessionRequest: Codable, Hashable, Sendable {
    /// `positioning`, `training`, `certification`, or an IRT form: `pix-campaign`, `pix-certification`.
    public var kind: String
    /// Positioning: the competence code (`1.1`).
    public var competence: String?
    /// Training: the competences the learner chose.
    public var competences: [String]?
    /// Locale of the items (BCP 47); default `fr-FR`.
    public var locale: String?

    public init(kind: String, competence: String? = nil, competences: [String]? = nil, locale: String? = nil) {
        self.kind = kind
        self.competence = competence
        self.competences = competences
        self.locale = locale
    }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["kind", "competence", "competences", "locale"]
}

/// `POST /v1/sessions/{id}/answers`: the learner's answer to the item served.
public struct AnswerRequest: Codable, Hashable, Sendable {
    /// The id of the item served (a 409 when it is not the item the session waits for).
    public var item: String
    /// The answer: `{"choices": [1, 3]}`, `{"text": "…"}`, `{"texts": {"r1": "…"}}` or `{"skipped": true}`.
    public var answer: LearnerAnswer
    /// Seconds the item was shown (a right answer after the item's timer is `timed-out`).
    public var elapsedSeconds: Double?
    /// The learner left the page while the item was shown (counts in certification, on focusable items).
    public var focusLost: Bool?

    public init(item: String, answer: LearnerAnswer, elapsedSeconds: Double? = nil, focusLost: Bool? = nil) {
        self.item = item
        self.answer = answer
        self.elapsedSeconds = elapsedSeconds
        self.focusLost = focusLost
    }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["item", "answer", "elapsedSeconds", "focusLost"]

    /// Largest ``elapsedSeconds`` accepted: one day, in seconds.
    public static let maximumElapsedSeconds = 86_400.0

    /// Checks what the JSON schema cannot: ``elapsedSeconds`` lies in 0…``maximumElapsedSeconds``.
    /// - Throws: ``ServiceError`` 422 `invalid-answer`.
    public func validate() throws(ServiceError) {
        if let elapsedSeconds, !(0...Self.maximumElapsedSeconds).contains(elapsedSeconds) {
            throw .unprocessable(
                "invalid-answer",
                "elapsedSeconds must be between 0 and \(Int(Self.maximumElapsedSeconds)) (one day), not \(elapsedSeconds)"
            )
        }
    }
}

/// A new learner and the bearer token that acts for them (shown once; the store keeps its SHA-256).
public struct LearnerRegistration: Codable, Hashable, Sendable {
    public var learner: String
    /// 128 random bits, hex.
    public var token: String
}

/// An item as a learner's screen shows it: never a key, an accepted answer, a solution or a calibration.
public struct ItemScreen: Codable, Hashable, Sendable {
    public struct Choice: Codable, Hashable, Sendable {
        /// 1-based position: what `{"choices": [...]}` answers with.
        public var position: Int
        /// XHTML fragment.
        public var text: String
    }
    public struct Response: Codable, Hashable, Sendable {
        public var id: String
        public var label: String?
        /// `short`, `words`, `sentence`, `paragraph`, `number`, or `dropdown`.
        public var format: String
        /// Options of a drop-down, in the author's order.
        public var options: [String]?
    }
    public struct Media: Codable, Hashable, Sendable {
        /// Path relative to the bank's media folder.
        public var source: String
        /// Alt text of an illustration, title of an attachment.
        public var text: String?
        public var decorative: Bool
    }
    public struct Embed: Codable, Hashable, Sendable {
        public var url: String
        public var title: String
        /// Pixels.
        public var height: Int?
    }

    /// 1-based number of the item in the session.
    public var number: Int
    public var id: String
    /// `qcu`, `qcm`, `qroc`, `qrocm-ind`, `qrocm-dep`.
    public var type: String
    /// Competence code of the item's skill.
    public var competence: String?
    public var language: String
    /// XHTML fragment.
    public var stem: String
    /// The stem as plain text.
    public var stemText: String
    public var choices: [Choice]?
    /// The player may show the choices in another order (answers still use ``Choice/position``).
    public var shuffleChoices: Bool
    public var responses: [Response]?
    public var illustration: Media?
    public var attachments: [Media]
    public var embed: Embed?
    /// Seconds allowed, when the item is timed.
    public var timer: Int?
    /// Leaving the page counts during a certification.
    public var focusable: Bool
    /// What the answer looks like: `choices`, `text` or `texts`.
    public var answerShape: String

    init(_ item: ItemView, number: Int) {
        self.number = number
        id = item.id
        type = item.type.rawValue
        competence = item.skill?.competence?.code
        language = item.language
        stem = item.stem
        stemText = item.stemText
        let isChoice = item.type == .qcu || item.type == .qcm
        choices =
            isChoice ? item.choices.enumerated().map { Choice(position: $0.offset + 1, text: $0.element.text) } : nil
        shuffleChoices = item.shufflesChoices
        responses =
            isChoice
            ? nil
            : item.responses.map { response in
                Response(
                    id: response.id, label: response.label,
                    format: response.isDropdown ? "dropdown" : (response.format ?? "short"),
                    options: response.isDropdown ? response.options : nil)
            }
        let media = item.media
        illustration = media.first { $0.kind == .illustration }.map {
            Media(source: $0.source, text: $0.text, decorative: $0.isDecorative)
        }
        attachments = media.filter { $0.kind == .attachment }.map {
            Media(source: $0.source, text: $0.text, decorative: false)
        }
        embed = item.embed.map { Embed(url: $0.url, title: $0.title, height: $0.height) }
        timer = item.timer
        focusable = item.isFocusable
        answerShape = isChoice ? "choices" : (item.responses.count == 1 ? "text" : "texts")
    }
}

/// A session as the learner sees it: the item to answer, or the result.
public struct SessionReply: Codable, Hashable, Sendable {
    public var session: String
    public var learner: String
    public var kind: String
    public var locale: String
    /// Content digest of the bank release the session runs on.
    public var bankDigest: String
    /// `in-progress` or `finished`.
    public var status: String
    /// Answers recorded.
    public var answered: Int
    /// The item to answer (in progress).
    public var item: ItemScreen?
    /// Positioning and training: scores of the session's competences (finished).
    public var competences: [CompetenceScore]?
    /// Positioning and training: knowledge elements recorded by the session (finished).
    public var knowledge: [KnowledgeElement]?
    /// Certification and `pix-certification`: the certificate the session issued (finished).
    public var certificate: IssuedCertificate?
    /// The IRT forms: θ, its standard error, the v3 pix score and the levels from the θ tables (finished).
    public var irt: IRTResult?
}

/// The check of one response, without the accepted answer.
public struct ResponseOutcome: Codable, Hashable, Sendable {
    public var id: String
    public var right: Bool
    public var empty: Bool
}

/// The reply to an answer: its outcome, then the session (next item or result).
public struct AnswerReply: Codable, Hashable, Sendable {
    /// `ok`, `ko`, `skipped`, `timed-out`, `focused-out`.
    public var outcome: String
    /// Per-response detail (qroc, qrocm); absent for qcu / qcm.
    public var responses: [ResponseOutcome]?
    /// qrocm-dep: answers matched to distinct groups, and the number required.
    public var matchedAnswerCount: Int?
    public var requiredAnswerCount: Int?
    public var session: SessionReply
}

/// A learner's profile: knowledge elements and scores on the current release.
public struct ProfileReply: Codable, Hashable, Sendable {
    public var learner: String
    public var knowledge: [KnowledgeElement]
    public var answeredItems: [String]
    /// Level and pix per competence, in bank order.
    public var competences: [CompetenceScore]
    /// Sum of the competences' pix.
    public var totalPix: Int
    public var eligibility: Eligibility
    /// The latest ability measured by each IRT form (`pix-campaign`, `pix-certification`), in the order
    /// measured; empty before the learner's first finished IRT session.
    public var abilities: [AbilityReply]
}

/// The latest ability an IRT form measured, as the profile shows it.
public struct AbilityReply: Codable, Hashable, Sendable {
    /// `pix-campaign` or `pix-certification`.
    public var form: String
    /// θ and its standard error (logits).
    public var theta: Double
    public var standardError: Double
    /// The v3 score of θ, 0 … 896 pix (``CertificationScoring/pix``).
    public var pix: Int
    /// When the form ended.
    public var date: Date
}

/// A learner's certificates, latest last.
public struct CertificatesReply: Codable, Hashable, Sendable {
    public var learner: String
    /// v2 (`form` `certification`) and v3 (`form` `pix-certification`) certificates, oldest first.
    public var certificates: [IssuedCertificate]
}

/// The bank release the service serves.
public struct ReleaseInfo: Codable, Hashable, Sendable {
    public var bank: String
    public var version: String
    public var title: String
    public var path: String
    /// Content digest (SHA-256 hex) of the current release.
    public var contentDigest: String
    public var fileDigest: String
    public var items: Int
    public var competences: Int
    public var loadedAt: Date
    /// Digests of every release held (running sessions may use older ones).
    public var releases: [String]
    /// `loaded` or `unchanged` after a reload.
    public var reload: String?
}

/// What a running session stores between requests.
struct SessionProgress: Codable, Sendable {
    /// Positioning and training.
    var journey: SessionState?
    /// Certification: the assembled test and the answers so far.
    var certification: CertificationTest?
    var certificationAnswers: [CertificationAnswer]?
    /// Certification: the certificate, once scored.
    var certificate: Certificate?
    /// The IRT forms (`pix-campaign`, `pix-certification`): the engine's state.
    var irt: IRTProgress?

    /// A positioning's or training's state when it is all the progress holds (nil for the other kinds):
    /// what the answer path writes directly and caches. A field added above must be checked here
    /// (`StoredStateTests/journeyAloneChecksEveryField` lists them).
    var journeyAlone: SessionState? {
        guard certification == nil, certificationAnswers == nil, certificate == nil, irt == nil else { return nil }
        return journey
    }
}

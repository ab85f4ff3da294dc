import AdaptiveTesting
import Foundation

/// `POST /v1/admin/organisers`: an organiser (a teacher) to register.
public struct CreateOrganiserRequest: Codable, Hashable, Sendable {
    /// How the organiser is named in logs and lists (optional, at most 200 characters).
    public var name: String?

    public init(name: String? = nil) { self.name = name }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["name"]
}

/// A new organiser and the bearer token that acts for them (shown once; the store keeps its SHA-256).
public struct OrganiserRegistration: Codable, Hashable, Sendable {
    public var organiser: String
    public var name: String
    /// 128 random bits, hex.
    public var token: String
}

/// `GET /v1/admin/organisers`: every organiser, revoked ones included, oldest first.
public struct OrganisersReply: Codable, Hashable, Sendable {
    public var organisers: [OrganiserSummary]
}

/// One organiser as the admin sees them (never a token).
public struct OrganiserSummary: Codable, Hashable, Sendable {
    /// The id that `DELETE /v1/admin/organisers/{organiser}` takes.
    public var organiser: String
    public var name: String
    public var createdAt: Date
    /// `admin` (`POST /v1/admin/organisers`) or `command-line` (`--organiser-token`).
    public var source: OrganiserSource
    /// When the organiser was revoked; absent while their token works.
    public var revokedAt: Date?
}

/// `POST /v1/campaigns`: a positioning campaign over chosen competences.
public struct CreateCampaignRequest: Codable, Hashable, Sendable {
    /// What learners and the organiser see (`4e B — positionnement de rentrée`), 1 to 200 characters.
    public var title: String
    /// Competence codes of the current release (`1.1`); duplicates are dropped, order kept.
    public var competences: [String]

    public init(title: String, competences: [String]) {
        self.title = title
        self.competences = competences
    }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["title", "competences"]
}

/// A campaign as its organiser sees it.
public struct CampaignReply: Codable, Hashable, Sendable {
    /// The code learners join with (8 characters of ``CampaignCode/alphabet``).
    public var code: String
    public var title: String
    /// Competence codes, in the organiser's order.
    public var competences: [String]
    public var createdAt: Date
    /// Learners who joined.
    public var participants: Int
    /// When the organiser closed the campaign (absent while it is open): learners who had not joined
    /// cannot join it, and participants cannot start a positioning they had not started; the
    /// positionings started go on, and the progress and results stay readable.
    public var closedAt: Date?
}

/// A campaign in its organiser's list: the campaign and how many of its learners finished.
public struct CampaignOverview: Hashable, Sendable {
    public var campaign: CampaignReply
    /// Learners who finished the positioning of every competence of the campaign (out of
    /// ``CampaignReply/participants``).
    public var finished: Int

    public init(campaign: CampaignReply, finished: Int) {
        self.campaign = campaign
        self.finished = finished
    }
}

/// One reason a campaign cannot be created, tied to the field it is about
/// (``CampaignService/problems(in:)``).
public struct CampaignFieldProblem: Hashable, Sendable {
    /// The fields of a campaign to create.
    public enum Field: String, Hashable, Sendable {
        case title, competences
    }

    public var field: Field
    /// The stable code the API answers with (`invalid-campaign`, `unknown-competence`).
    public var code: String
    /// What is wrong and what to do, in lower case (`give the campaign a title`).
    public var message: String

    public init(field: Field, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// An organiser's campaigns, oldest first.
public struct CampaignsReply: Codable, Hashable, Sendable {
    public var campaigns: [CampaignReply]
}

/// Where one participant stands on one competence of a campaign.
public struct CompetenceProgress: Codable, Hashable, Sendable {
    public var competence: String
    /// `not-started`, `in-progress` or `completed`.
    public var status: String
    /// The positioning session (absent before it started).
    public var session: String?
    /// Answers recorded in it.
    public var answered: Int
    /// Level and pix the positioning gave (completed only).
    public var level: Int?
    public var pix: Int?
    /// When the positioning finished (completed only).
    public var completedAt: Date?
}

/// One participant's progress, as the organiser sees it.
public struct ParticipantProgress: Codable, Hashable, Sendable {
    public var learner: String
    /// The name the learner gave when joining (may be empty).
    public var name: String
    public var joinedAt: Date
    /// Competences completed, out of ``total``.
    public var done: Int
    public var total: Int
    /// The learner's latest answer in the campaign, or when they joined.
    public var lastActivity: Date
    public var competences: [CompetenceProgress]
}

/// `GET /v1/campaigns/{code}`: the campaign and every participant's progress, in the order they joined.
public struct CampaignProgressReply: Codable, Hashable, Sendable {
    public var campaign: CampaignReply
    public var participants: [ParticipantProgress]
}

/// `POST /v1/learner/campaigns`: join a campaign with its code.
public struct JoinCampaignRequest: Codable, Hashable, Sendable {
    /// The code the organiser gave (case, spaces and hyphens do not matter: `7kx4-m9qp`).
    public var code: String
    /// How the organiser will see the learner (`Camille D.`), at most 100 characters. Optional: left out,
    /// the organiser knows the learner by their id only (the `learner` column of the CSV); given, it must
    /// not be blank (422 `invalid-name`).
    public var name: String?

    public init(code: String, name: String? = nil) {
        self.code = code
        self.name = name
    }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["code", "name"]
}

/// A learner's participation in a campaign: what is done and what is left.
public struct ParticipationReply: Codable, Hashable, Sendable {
    public var code: String
    public var title: String
    public var name: String
    public var joinedAt: Date
    /// Competences completed, out of ``total``.
    public var done: Int
    public var total: Int
    public var competences: [CompetenceProgress]
    /// When the organiser closed the campaign (absent while it is open; see ``CampaignReply/closedAt``).
    public var closedAt: Date?
}

/// A learner's participations, in the order they joined.
public struct ParticipationsReply: Codable, Hashable, Sendable {
    public var campaigns: [ParticipationReply]
}

/// `POST /v1/learner/campaigns/{code}/sessions`: the competence to position on (or to resume).
public struct CampaignSessionRequest: Codable, Hashable, Sendable {
    public var competence: String

    public init(competence: String) { self.competence = competence }

    /// The fields of the JSON object (unknown ones are refused).
    public static let fields: Set<String> = ["competence"]
}

/// The short code of a campaign: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
/// drawn from the system's cryptographic generator (31⁸ ≈ 8.5 × 10¹¹ codes).
public enum CampaignCode {
    /// Digits 2–9 and the letters A–Z without I, L and O.
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 8

    /// A new random code (not yet checked against the store).
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The code as typed, upper-cased, without separators (any Unicode white space: space, tab,
    /// no-break space…; any hyphen or dash, and the minus sign); nil when it cannot be a code. Every other
    /// character must be an ASCII letter or digit of ``alphabet`` before it is upper-cased, so that no
    /// Unicode case mapping makes a code (`ﬀ` upper-cases to `FF`, but is not one).
    public static func normalised(_ text: String) -> String? {
        var code = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .dashPunctuation
                || scalar == "\u{2212}"
            {
                continue
            }
            guard scalar.isASCII else { return nil }
            let upper = Character(String(scalar).uppercased())
            guard alphabet.contains(upper) else { return nil }
            code.append(upper)
        }
        guard code.count == length else { return nil }
        return code
    }
}

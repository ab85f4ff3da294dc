import AdaptiveTesting
import Foundation

/// A certificate as the service issues, stores and serves it: the v2 certification's (``Certificate``,
/// session kind `certification`) or the v3 one's (``V3Certificate``, session kind `pix-certification`).
///
/// In JSON, the certificate's own object with a `form` member naming which: `"certification"` or
/// `"pix-certification"` (the OpenAPI document's `IssuedCertificate`, a `oneOf` with `form` as its
/// discriminator). A stored v2 certificate without `form` (written before v3 certificates existed) reads
/// as `certification`.
public enum IssuedCertificate: Codable, Hashable, Sendable {
    /// The v2 certification: per competence, the positioned level validated, lowered or invalidated.
    case certification(Certificate)
    /// The v3 certification: θ, its error, the v3 score and the levels from the θ tables.
    case pixCertification(V3Certificate)

    /// The `form` member: the session kind that issued the certificate.
    public var form: String {
        switch self {
        case .certification: "certification"
        case .pixCertification: IRTForm.pixCertification.rawValue
        }
    }

    /// Validated or rejected.
    public var status: Certificate.Status {
        switch self {
        case .certification(let certificate): certificate.status
        case .pixCertification(let certificate): certificate.status
        }
    }

    private enum CodingKeys: String, CodingKey {
        case form
    }

    /// Decodes either form by its `form` member (absent: `certification`).
    /// - Throws: `DecodingError` for another `form` or a certificate that does not fit its form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decodeIfPresent(String.self, forKey: .form) ?? "certification" {
        case "certification": self = .certification(try Certificate(from: decoder))
        case IRTForm.pixCertification.rawValue: self = .pixCertification(try V3Certificate(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .form, in: container,
                debugDescription: "certificate form \(other) is neither certification nor pix-certification")
        }
    }

    /// Encodes the certificate's members and `form`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(form, forKey: .form)
        switch self {
        case .certification(let certificate): try certificate.encode(to: encoder)
        case .pixCertification(let certificate): try certificate.encode(to: encoder)
        }
    }
}

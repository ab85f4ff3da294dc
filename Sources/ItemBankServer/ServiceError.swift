/// Why the service refused a request: an RFC 9457 problem, independent of HTTP framing.
///
/// The routes render it as `application/problem+json` with ``status`` as the HTTP status; `type` is
/// a stable URI per kind of problem (`urn:itembank:problem:<code>`), so clients switch on it rather than
/// on the human-readable ``detail``.
public struct ServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// HTTP status: 400, 401, 404, 409, 413, 422 or 503.
    public var status: Int
    /// Stable code, the last part of the problem type (`session-not-found`).
    public var code: String
    /// Short summary of the kind of problem.
    public var title: String
    /// What went wrong in this request, and what to do.
    public var detail: String

    public init(status: Int, code: String, title: String, detail: String) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
    }

    /// The problem's type URI.
    public var type: String { "urn:itembank:problem:\(code)" }

    public var description: String { "\(status) \(code): \(detail)" }

    /// 400: the body is not the JSON the operation expects.
    public static func malformed(_ detail: String) -> ServiceError {
        .init(status: 400, code: "malformed-request", title: "Malformed request", detail: detail)
    }
    /// 401: no or wrong bearer token.
    public static func unauthorized(_ detail: String) -> ServiceError {
        .init(status: 401, code: "unauthorized", title: "Missing or invalid token", detail: detail)
    }
    /// 404: nothing at this address for this caller.
    public static func notFound(_ code: String, _ detail: String) -> ServiceError {
        .init(status: 404, code: code, title: "Not found", detail: detail)
    }
    /// 409: the request conflicts with the session's state (item not served, answered twice, finished).
    public static func conflict(_ code: String, _ detail: String) -> ServiceError {
        .init(status: 409, code: code, title: "Conflict with the session's state", detail: detail)
    }
    /// 422: well-formed JSON whose content cannot be used (unknown competence, answer of the wrong shape).
    public static func unprocessable(_ code: String, _ detail: String) -> ServiceError {
        .init(status: 422, code: code, title: "Request cannot be processed", detail: detail)
    }
    /// 503: the store or the bank is unavailable.
    public static func unavailable(_ detail: String) -> ServiceError {
        .init(status: 503, code: "unavailable", title: "Service unavailable", detail: detail)
    }
}

import Foundation
import Hummingbird
import ItemBankServer
import Logging
import NIOHTTP1
import Prometheus

/// The HTTP routes: thin adapters between requests and ``JourneyService``.
enum APIRoutes {
    /// Every route, as registered: the OpenAPI document must describe each (a test checks).
    static let table: [(method: String, path: String)] =
        [
            ("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/openapi.json"),
            ("POST", "/v1/learners"), ("GET", "/v1/learner"), ("GET", "/v1/learner/certificates"),
            ("POST", "/v1/sessions"), ("GET", "/v1/sessions/{session}"), ("POST", "/v1/sessions/{session}/answers"),
            ("GET", "/v1/admin/release"), ("POST", "/v1/admin/reload"), ("GET", "/v1/admin/responses"),
        ] + CampaignRoutes.table + MediaRoutes.table

    static func router(
        service: JourneyService, campaigns: CampaignService, media: MediaFolder? = nil, adminToken: String?,
        registry: PrometheusCollectorRegistry, maxBody: Int, logger: Logger
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware(logger: logger))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBody: maxBody))
        LearnerRoutes.add(to: router, campaigns: campaigns, maxBody: maxBody)
        OrganiserRoutes.add(to: router, campaigns: campaigns, maxBody: maxBody)
        PageRedirects.add(to: router)
        CampaignRoutes.add(to: router, campaigns: campaigns, adminToken: adminToken, maxBody: maxBody)
        MediaRoutes.add(to: router, media: media)

        router.get("/healthz") { _, _ in try json(["status": "ok"]) }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }

        router.post("/v1/learners") { _, _ in
            try json(await service.registerLearner(), status: .created)
        }
        router.get("/v1/learner") { request, _ in
            let learner = try await service.authenticate(token: bearer(request))
            return try json(await service.profile(learner: learner))
        }
        router.get("/v1/learner/certificates") { request, _ in
            let learner = try await service.authenticate(token: bearer(request))
            return try json(await service.certificates(learner: learner))
        }
        router.post("/v1/sessions") { request, _ in
            // The token's learner and their profile are read together, after the body.
            let token = bearer(request)
            let start = try await authenticatedFirst(token, service: service) {
                var request = request
                let body = try await body(&request, maxBody: maxBody)
                return try StrictJSON.decode(StartSessionRequest.self, from: body, fields: StartSessionRequest.fields)
            }
            let reply = try await service.startSession(token: token, request: start)
            return json(bytes: try ReplyJSON.encode(reply, releases: service.releases), status: .created)
        }
        router.get("/v1/sessions/:session") { request, context in
            let learner = try await service.authenticate(token: bearer(request))
            let id = try sessionID(context)
            let reply = try await service.session(learner: learner, id: id)
            return json(bytes: try ReplyJSON.encode(reply, releases: service.releases))
        }
        router.post("/v1/sessions/:session/answers") { request, context in
            // The hot path: the token is checked in the same store read as the session, after the body.
            let token = bearer(request)
            let (id, answer) = try await authenticatedFirst(token, service: service) {
                let id = try sessionID(context)
                var request = request
                let body = try await body(&request, maxBody: maxBody)
                let answer = try StrictJSON.decode(
                    AnswerRequest.self, from: body, fields: AnswerRequest.fields,
                    nested: ["answer": ["choices", "text", "texts", "skipped"]])
                return (id, answer)
            }
            let reply = try await service.answer(token: token, session: id, request: answer)
            return json(bytes: try ReplyJSON.encode(reply, releases: service.releases))
        }

        router.get("/v1/admin/release") { request, _ in
            try admin(request, token: adminToken)
            return try json(service.releaseInfo())
        }
        router.post("/v1/admin/reload") { request, _ in
            try admin(request, token: adminToken)
            return try json(service.reload())
        }
        router.get("/v1/admin/responses") { request, _ in
            try admin(request, token: adminToken)
            let csv = try await service.responsesCSV()
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"responses.csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        return router
    }

    /// Methods of the routes of `routes` (the API's by default) whose path pattern matches `path`
    /// (`{name}` matches one segment).
    static func methods(for path: String, in routes: [(method: String, path: String)] = table) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            // A parameter stands for one non-empty segment (`/v1/media/` has no file path).
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { ($0.hasPrefix("{") && !$1.isEmpty) || $0 == $1 }
        }.map(\.method)
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme in any case, spaces and tabs
    /// around the token dropped); nil without one. Read byte by byte: it runs on every learner request.
    /// Reads a request's parts for a route whose store read checks the token itself: when reading them
    /// fails (a bad id, a bad body), the token is checked first, so that a bad token still gets its 401
    /// rather than the body's 400.
    static func authenticatedFirst<Value>(
        _ token: String?, service: JourneyService, _ read: () async throws -> Value
    ) async throws -> Value {
        do {
            return try await read()
        } catch {
            _ = try await service.authenticate(token: token)
            throw error
        }
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        return bearer(header: value)
    }

    static func bearer(header value: String) -> String? {
        let bytes = Array(value.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count, bytes[scheme.count] == UInt8(ascii: " ") else { return nil }
        for (byte, expected) in zip(bytes, scheme) where byte | 0x20 != expected { return nil }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = scheme.count + 1
        var end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func admin(_ request: Request, token: String?) throws(ServiceError) {
        guard let token, !token.isEmpty else {
            throw .unauthorized("admin endpoints are disabled: start the server with --admin-token")
        }
        guard let given = bearer(request), constantTimeEqual(given, token) else {
            throw .unauthorized("send the admin token: Authorization: Bearer <admin token>")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    static func sessionID(_ context: BasicRequestContext) throws(ServiceError) -> String {
        guard let id = context.parameters.get("session"), id.count == 32, id.allSatisfy(\.isHexDigit) else {
            throw .notFound("session-not-found", "a session id is 32 hexadecimal digits")
        }
        return id.lowercased()
    }

    static func body(_ request: inout Request, maxBody: Int) async throws -> Data {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBody)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw bodyTooLarge(maxBody: maxBody, declared: nil)
        }
        return Data(buffer.readableBytesView)
    }

    /// 413 `body-too-large`: the body, of `declared` bytes by its `Content-Length` when known, exceeds
    /// `maxBody`. The answer is marked `Connection: close` (the rest of the body is not read).
    static func bodyTooLarge(maxBody: Int, declared: Int?) -> ServiceError {
        ServiceError(
            status: 413, code: "body-too-large", title: "Request body too large",
            detail:
                "the body\(declared.map { " (Content-Length \($0))" } ?? "") exceeds \(maxBody) bytes (--max-body); "
                + "the connection is closed")
    }

    static let encoder = ReplyJSON.encoder

    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// Renders every error as RFC 9457 problem+json: service errors with their status, framework errors
/// (unknown route, body too large) with theirs, anything else as 503; never a 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return problem(error, instance: request.uri.path)
        } catch let error as any HTTPResponseError {
            if let page = PageErrors.response(to: request, status: error.status.code) { return page }
            var status = error.status
            let allowed = status.code == 404 ? APIRoutes.methods(for: request.uri.path) : []
            if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                var response = problem(
                    ServiceError(
                        status: 405, code: "method-not-allowed", title: "Method not allowed",
                        detail: "\(request.method.rawValue) is not allowed on \(request.uri.path); use "
                            + allowed.joined(separator: ", ")), instance: request.uri.path)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            if status.code == 405 { status = .methodNotAllowed }
            let code: String =
                switch status.code {
                case 404: "not-found"
                case 405: "method-not-allowed"
                case 413: "body-too-large"
                default: "http-\(status.code)"
                }
            let detail =
                status.code == 404
                ? "no route \(request.method.rawValue) \(request.uri.path); see /openapi.json"
                : status.reasonPhrase
            return problem(
                ServiceError(
                    status: status.code >= 500 ? 503 : status.code, code: code, title: status.reasonPhrase,
                    detail: detail), instance: request.uri.path)
        } catch let error as HTTPParserError {
            // The parser refused the body a route was reading (a bad chunk size): the connection closes.
            var response = problem(RefusedRequestHandler.problem(error), instance: request.uri.path)
            response.headers[.connection] = "close"
            return response
        } catch {
            logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return problem(.unavailable("unexpected error; retry the request"), instance: request.uri.path)
        }
    }

    func problem(_ error: ServiceError, instance: String) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if error.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        // The rest of a refused body is not read: RefusedRequestHandler closes the connection after it.
        if error.status == 413 { headers[.connection] = "close" }
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: Self.body(error, instance: instance))))
    }

    /// An RFC 9457 problem+json document: `type`, `title`, `status`, `detail` and, when given, `instance`
    /// (the request's path), keys sorted.
    static func body(_ error: ServiceError, instance: String?) -> Data {
        var body: [String: Any] = [
            "type": error.type, "title": error.title, "status": error.status, "detail": error.detail,
        ]
        if let instance { body["instance"] = instance }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}

/// The OpenAPI 3.1 document, from the ItemBankServer bundle.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = ServerResources.openAPIURL, let data = try? Data(contentsOf: url) else {
            return Array(#"{"openapi":"3.1.0","info":{"title":"itembank","version":"missing"},"paths":{}}"#.utf8)
        }
        return Array(data)
    }()
}

import Hummingbird

/// `HEAD` wherever `GET` works (RFC 9110 §9.3.2): the request is routed and answered as a `GET` — same
/// status and headers, `Content-Length` included — and the body is left out. Health checkers and link
/// checkers use it. It wraps the whole router, since routes are chosen by method before any middleware.
struct HeadResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == BasicRequestContext {
    typealias Context = BasicRequestContext
    let base: Base

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await base.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await base.respond(to: Request(head: head, body: request.body), context: context)
        let length = response.body.contentLength
        response.body = ResponseBody()
        response.headers[.contentLength] = length.map { String($0) }
        return response
    }
}

import Hummingbird
import ItemBankServer

/// Refuses a request whose `Content-Length` announces a body over `--max-body` before any of it is
/// read: 413 `body-too-large` at once, marked `Connection: close` (``ProblemMiddleware``), after which
/// ``RefusedRequestHandler`` closes the connection. Without it the 413 came only once `--max-body` bytes
/// had arrived, which a slow uploader may never reach before its own timeout. Bodies without a length
/// (chunked) are still limited as they are read (`APIRoutes.body`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    /// The largest body accepted, in bytes.
    let maxBody: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
            throw APIRoutes.bodyTooLarge(maxBody: maxBody, declared: length)
        }
        return try await next(request, context)
    }
}

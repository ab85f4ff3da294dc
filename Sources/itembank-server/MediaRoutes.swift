import Foundation
import Hummingbird
import ItemBankServer

/// `GET /v1/media/{path}`: the bank's media files (illustrations, attachments) from `--media DIR`,
/// confined to that folder (``MediaFolder``); 404 problem+json for anything else.
enum MediaRoutes {
    /// Every route, as registered (part of ``APIRoutes/table`` and of the OpenAPI document).
    static let table: [(method: String, path: String)] = [("GET", "/v1/media/{path}")]

    /// What a media reply may do once in a browser: nothing active (an SVG opened on its own runs no script).
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox"

    static func add(to router: Router<BasicRequestContext>, media: MediaFolder?) {
        // `/v1/media` and `/v1/media/` name no file: the same 404 as a missing one.
        router.get("/v1/media") { _, _ -> Response in
            throw ServiceError.notFound("media-not-found", "give the media file's path: /v1/media/{path}")
        }
        router.get("/v1/media/**") { _, context in
            guard let media else {
                throw ServiceError.notFound(
                    "media-not-found", "this server has no media folder: start it with --media DIR")
            }
            var segments: [String] = []
            for raw in context.parameters.getCatchAll() {
                guard let segment = String(raw).removingPercentEncoding else {
                    throw ServiceError.notFound(
                        "media-not-found",
                        "the media path's segment \(String(raw.prefix(100))) is not valid UTF-8 once percent-decoded")
                }
                segments.append(segment)
            }
            let file = try media.file(segments)
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.contentType, .cacheControl: "public, max-age=300",
                    .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}

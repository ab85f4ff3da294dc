import Foundation
import ItemBankServer
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// The end of a connection whose request the server will not read further: a request the HTTP parser
/// refused, or a response marked `Connection: close` (a 413 before its body was read).
///
/// A channel handler between the HTTP codec and Hummingbird's request handling (Hummingbird's
/// `additionalChannelHandlers`), because the parser's errors never reach a route:
/// - **Parser errors** (an unknown method, a NUL or a space in a header, a header section over 80 KB, a
///   version other than HTTP/1.0 or 1.1, a bad `Content-Length` or chunk size…): Hummingbird answers them
///   with a bare `400` and no body; this handler turns that answer into the service's RFC 9457
///   problem+json (`urn:itembank:problem:malformed-request`, detail `malformed HTTP request: <what>`), with
///   `Connection: close`. A parser error inside a body a route is reading reaches the route as the body's
///   error and is answered the same way by ``ProblemMiddleware``.
/// - **Lingering close**: after a response marked `Connection: close` is written, the server closes its
///   side for writing (the client reads the response and then end of file), discards what the client
///   still sends for at most ``lingerSeconds``, then closes the connection. A client that keeps writing
///   an oversized body therefore reads the 413 rather than blocking on a full socket buffer or getting a
///   reset that may drop the answer (the approach of nginx's `lingering_close`).
final class RefusedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Seconds the server keeps reading (and discarding) after a `Connection: close` response before it
    /// closes the connection.
    static let lingerSeconds: Int64 = 2

    /// What the parser refused, once it has: the detail of the problem.
    private var malformed: String?
    /// Whether the response being written is marked `Connection: close`.
    private var closeAfterResponse = false
    /// Whether the write side is closed and what the client sends is discarded.
    private var lingering = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !lingering else { return }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // While lingering nothing reaches Hummingbird, which would not ask for more: read on.
        if lingering { context.read() }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError, malformed == nil {
            malformed = Self.problem(error).detail
        }
        // Hummingbird's request handling answers it (the bare 400 rewritten below) and closes.
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            closeAfterResponse = head.headerFields[.connection]?.lowercased() == "close"
            if let malformed, head.status.code == 400, head.headerFields[.contentType] == nil {
                // Hummingbird's own answer to the parser error: `400`, `Content-Length: 0`, no body.
                let body = ProblemMiddleware.body(.malformed(malformed), instance: nil)
                head.headerFields[.contentType] = "application/problem+json"
                head.headerFields[.contentLength] = String(body.count)
                head.headerFields[.connection] = "close"
                closeAfterResponse = true
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
                return
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.writeAndFlush(data, promise: promise)
            if closeAfterResponse { linger(context: context) }
        }
    }

    /// Closes the write side, then discards input until the client closes or ``lingerSeconds`` pass.
    private func linger(context: ChannelHandlerContext) {
        guard !lingering else { return }
        lingering = true
        context.close(mode: .output, promise: nil)
        context.read()
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Self.lingerSeconds)) {
            context.close(promise: nil)
        }
    }

    /// The problem answering a request the parser refused: 400 `malformed-request`,
    /// `malformed HTTP request: <what>; the connection is closed`.
    static func problem(_ error: HTTPParserError) -> ServiceError {
        .malformed("malformed HTTP request: \(reason(error)); the connection is closed")
    }

    /// What the parser found, in words a client's developer can act on.
    static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod:
            "the request line does not start with an HTTP method (the API uses GET, HEAD and POST)"
        case .invalidVersion:
            "the request line does not end with HTTP/1.1 or HTTP/1.0"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            "the request target is not a valid path (percent-encode characters outside RFC 3986)"
        case .headerOverflow:
            "the request line and headers exceed 80 KB or 1,000 fields"
        case .invalidHeaderToken, .invalidCharactersUsed:
            "a header holds a character HTTP does not allow (a NUL or control character, a space in a name)"
        case .invalidContentLength, .unexpectedContentLength:
            "Content-Length is not a single number, or is given with Transfer-Encoding"
        case .invalidChunkSize:
            "a chunk size of the chunked body is not a hexadecimal number"
        case .lfExpected, .invalidConstant, .strictModeAssertion:
            "a line does not follow HTTP/1.1's syntax (RFC 9112: each line ends with CR LF)"
        default:
            "the request does not follow HTTP/1.1's syntax (RFC 9112)"
        }
    }
}

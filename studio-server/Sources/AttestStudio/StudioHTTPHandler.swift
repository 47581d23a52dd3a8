import AttestKit
import NIOCore
import NIOHTTP1

/// One connection's requests, on SwiftNIO's HTTP/1.1 codec: admission on the
/// head (a refused request has none of its body read, and its connection is
/// closed after the answer), the body read up to the limit with at most
/// `bodies.limit` bodies being read at once (503 beyond; a GET's or HEAD's
/// body is dropped as it arrives, never kept), then the answer
/// made off the event loop (`StudioHTTP.respond`) and written back. NIO's
/// pipelining handler passes on one request at a time.
final class StudioHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Phase {
        /// Between requests, or before the first head.
        case idle
        case reading
        case answering
        /// A refusal sent; the connection closes.
        case refused
    }

    private let http: StudioHTTP
    private let bodies: Counter
    private var phase = Phase.idle
    private var request: StudioRequest?
    private var body: [UInt8] = []
    private var counted = false
    private var keepAlive = true
    private var version = HTTPVersion.http1_1
    /// The request is a HEAD: its answer has no body.
    private var headOnly = false

    init(http: StudioHTTP, bodies: Counter) {
        self.http = http
        self.bodies = bodies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), phase) {
        case (.head(let head), .idle):
            version = head.version
            keepAlive = head.isKeepAlive
            headOnly = head.method == .HEAD
            var request = StudioRequest(method: head.method, uri: head.uri, headers: head.headers)
            do {
                request.user = try http.admit(request)
            } catch {
                return refuse(error, context: context)
            }
            if head.method != .GET && head.method != .HEAD {
                guard bodies.enter() else { return refuse(StudioHTTP.busy, context: context) }
                counted = true
            }
            self.request = request
            body = []
            phase = .reading
        case (.body(let buffer), .reading):
            // A GET's or HEAD's body is no route's: read and dropped, not kept (nor counted).
            guard counted else { break }
            guard body.count + buffer.readableBytes <= StudioSecurity.bodyLimit else {
                return refuse(StudioHTTP.tooLarge, context: context)
            }
            body.append(contentsOf: buffer.readableBytesView)
        case (.end, .reading):
            release()
            guard var request else { return }
            request.body = body
            self.request = nil
            body = []
            phase = .answering
            answer(request, context: context)
        default:
            // The rest of a refused request, or parts NIO's pipelining handler holds back: nothing to do.
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // No request head, or nothing between requests, for the idle time: closed.
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, phase == .idle {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { release() }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Gives back the body's place among those being read.
    private func release() {
        if counted {
            counted = false
            bodies.leave()
        }
    }

    private func refuse(_ error: StudioError, context: ChannelHandlerContext) {
        release()
        request = nil
        body = []
        phase = .refused
        keepAlive = false
        let response = http.refusal(error)
        guard case .bytes(let bytes) = response.body else { return }
        write(response, bytes, context: context)
    }

    /// The answer made off the event loop, then written on it, in order.
    private func answer(_ request: StudioRequest, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let http = http
        Task {
            let response = await http.respond(to: request)
            switch response.body {
            case .bytes(let bytes):
                loop.execute {
                    let (handler, context) = bound.value
                    handler.write(response, bytes, context: context)
                }
            case .stream(let first, let rest):
                loop.execute {
                    let (handler, context) = bound.value
                    handler.begin(response, first, context: context)
                }
                let tail = await rest()
                loop.execute {
                    let (handler, context) = bound.value
                    handler.end(tail, context: context)
                }
            }
        }
    }

    private func responseHead(_ response: StudioResponse) -> HTTPResponseHead {
        var head = HTTPResponseHead(version: version, status: response.status, headers: response.headers)
        if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        return head
    }

    /// A whole answer; a HEAD request's with the length but not the bytes.
    private func write(_ response: StudioResponse, _ bytes: [UInt8], context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var responseHead = responseHead(response)
        responseHead.headers.replaceOrAdd(name: "content-length", value: String(bytes.count))
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        if !headOnly && !bytes.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
        }
        finish(context: context)
    }

    /// An answer in two parts (chunked): its head and first part now.
    private func begin(_ response: StudioResponse, _ first: [UInt8], context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        // HTTP/1.0 has no chunks: the answer's end is the connection's.
        if version == .http1_0 { keepAlive = false }
        context.write(wrapOutboundOut(.head(responseHead(response))), promise: nil)
        context.writeAndFlush(
            wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: first)))), promise: nil)
    }

    private func end(_ tail: [UInt8], context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        if !tail.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: tail)))), promise: nil)
        }
        finish(context: context)
    }

    /// The answer's end; the next request may follow, or the connection closes. NIO's pipelining
    /// handler passes a waiting request on while the end is written, so the phase is idle before,
    /// and whether to close is decided before (that request sets `keepAlive` for its own answer).
    private func finish(context: ChannelHandlerContext) {
        let closing = !keepAlive || phase == .refused
        if phase != .refused { phase = .idle }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closing {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

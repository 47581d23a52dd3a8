import NIOCore
import NIOHTTP1

/// Closes a connection whose request body does not arrive whole within
/// `bodyTimeout` of its head (a client that sends a byte now and then keeps
/// no connection forever), and any connection beyond the server's cap.
/// `StudioHTTPHandler` closes connections that send no request head in time
/// or sit idle between requests (on `IdleStateHandler`'s read event).
final class ConnectionDeadlines: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let bodyTimeout: TimeAmount
    private let connections: Counter
    private var counted = false
    private var deadline: Scheduled<Void>?

    init(bodyTimeout: TimeAmount, connections: Counter) {
        self.bodyTimeout = bodyTimeout
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard connections.enter() else {
            context.close(promise: nil)
            return
        }
        counted = true
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        if counted {
            counted = false
            connections.leave()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        if counted {
            counted = false
            connections.leave()
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: bodyTimeout) { channel.close(promise: nil) }
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }
}

import NIOCore
import NIOHTTP1
import NIOPosix

final class Hello: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "content-length", value: "2")
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "[]")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
let port = Int(CommandLine.arguments.last ?? "") ?? 8080
let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .childChannelInitializer { ch in
        ch.pipeline.configureHTTPServerPipeline().flatMap { ch.pipeline.addHandler(Hello()) }
    }
    .bind(host: "127.0.0.1", port: port).wait()
try channel.closeFuture.wait()

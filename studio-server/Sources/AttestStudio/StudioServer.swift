import AttestKit
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves a `StudioService` over HTTP/1.1 on SwiftNIO's codec (`NIOHTTP1`).
/// The guarantees that need the server, not the service, live here:
/// - a request is admitted (origin, host, token) on its head alone: a
///   refused request has none of its body read;
/// - at most `bodiesInFlight` bodies are collected at once (503 beyond);
/// - idle, header and body deadlines (`ConnectionDeadlines`) and a cap on
///   open connections;
/// - the API's work runs on thread pools, not on the server's event loops or
///   Swift's cooperative threads, and slow work (extractors, realign,
///   review) on a pool of its own, so one slow request never stalls others.
///
/// Hand-written over NIOHTTP1 rather than on Hummingbird, for a measurement: a fresh clone of a
/// one-route Hummingbird server takes 77 s to answer on these 2-core machines, the same on NIOHTTP1
/// alone 36 s, and the annotator's first start has 90 s (docs/performance.md). The shape is
/// Hummingbird's: a router of routes (`StudioRouter`, `StudioRoutes`), the checks a middleware would
/// make (`StudioHTTP`), errors carrying their status (`StudioError`), and one call the tests make
/// without a socket (`StudioHTTP.admit` then `respond`, as `app.test(.router)`).
public enum StudioServer {
    /// Limits the server keeps; the defaults suit one annotator's machine.
    public struct Limits: Sendable {
        /// Bodies collected at once.
        public var bodiesInFlight = 8
        /// A connection with no request under way for this long is closed;
        /// so is one whose request head has not arrived in that time.
        public var idleSeconds: Int64 = 15
        /// A request body must arrive whole within this.
        public var bodySeconds: Int64 = 30
        /// Open connections at once; more are closed on arrival.
        public var connections = 4_096

        public init() {}
    }

    /// What the server does with a request: the routes behind admission, the error shape and the
    /// security headers.
    public static func http(
        service: StudioService, security: StudioSecurity, assets: [String: (type: String, bytes: [UInt8])],
        pools: StudioPools
    ) -> StudioHTTP {
        var router = StudioRouter()
        StudioRoutes(service: service, pools: pools, assets: assets).add(to: &router)
        var security = security
        security.publicPaths = Set(assets.keys)
        return StudioHTTP(router: router, security: security)
    }

    /// A server listening on `host:port` (port 0: any free port).
    public struct Running: Sendable {
        /// The port bound.
        public let port: Int
        let channel: any Channel

        /// Until the server stops.
        public func wait() async throws { try await channel.closeFuture.get() }

        /// Stops listening (connections under way end with their requests).
        public func stop() async throws { try await channel.close() }
    }

    /// Starts serving `service` on `host:port`.
    public static func start(
        service: StudioService, security: StudioSecurity, assets: [String: (type: String, bytes: [UInt8])],
        host: String, port: Int, limits: Limits = Limits(), pools: StudioPools = StudioPools()
    ) async throws -> Running {
        let http = http(service: service, security: security, assets: assets, pools: pools)
        let connections = Counter(limit: limits.connections)
        let bodies = Counter(limit: limits.bodiesInFlight)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(limits.idleSeconds)))
                    try pipeline.addHandler(
                        ConnectionDeadlines(bodyTimeout: .seconds(limits.bodySeconds), connections: connections))
                    try pipeline.addHandler(StudioHTTPHandler(http: http, bodies: bodies))
                }
            }
            .bind(host: host, port: port).get()
        return Running(port: channel.localAddress?.port ?? port, channel: channel)
    }

    /// Serves until the process ends; `ready` gets the port actually bound.
    public static func run(
        service: StudioService, security: StudioSecurity, assets: [String: (type: String, bytes: [UInt8])],
        host: String, port: Int, limits: Limits = Limits(), pools: StudioPools = StudioPools(),
        ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let server = try await start(
            service: service, security: security, assets: assets, host: host, port: port, limits: limits, pools: pools)
        // The document list made once in the background, so the first page does not wait
        // for every file to be read (10,000 documents: about 2.5 s on two cores).
        Task { _ = try? await pools.slow.runIfActive { service.documents() } }
        await ready(server.port)
        try await server.wait()
    }
}

/// A count with a ceiling, shared by the server's tasks.
final class Counter: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Counts one more unless the ceiling is reached.
    func enter() -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() { lock.withLock { count -= 1 } }
}

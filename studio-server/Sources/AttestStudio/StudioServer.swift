import AttestKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// Serves a `StudioService` over HTTP/1.1 with Hummingbird's router. The
/// guarantees that need the server, not the service, live here:
/// - a request is admitted (origin, host, token) on its head alone: a
///   refused request has none of its body read;
/// - at most `bodiesInFlight` bodies are collected at once (503 beyond);
/// - idle, header and body deadlines (`ConnectionDeadlines`) and a cap on
///   open connections;
/// - the API's work runs on thread pools, not on the server's event loops or
///   Swift's cooperative threads, and slow work (extractors, realign,
///   review) on a pool of its own, so one slow request never stalls others.
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

    /// The router: middleware (security headers, error shape, admission, body limit), then the routes.
    public static func router(
        service: StudioService, security: StudioSecurity, assets: [String: (type: String, bytes: [UInt8])],
        pools: StudioPools, bodiesInFlight: Int = Limits().bodiesInFlight
    ) -> Router<StudioRequestContext> {
        let router = Router(context: StudioRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorShapeMiddleware())
        var security = security
        security.publicPaths = Set(assets.keys)
        router.add(middleware: AdmissionMiddleware(security: security))
        router.add(middleware: BodyLimitMiddleware(bodies: Counter(limit: bodiesInFlight)))
        let routes = RouteCollection(context: StudioRequestContext.self)
        StudioRoutes(service: service, pools: pools, assets: assets).add(to: routes)
        router.addRoutes(routes)
        return router
    }

    /// The application serving `service` on `host:port` (port 0: any free port);
    /// `ready` gets the port actually bound.
    public static func application(
        service: StudioService, security: StudioSecurity, assets: [String: (type: String, bytes: [UInt8])],
        host: String, port: Int, limits: Limits = Limits(), pools: StudioPools = StudioPools(),
        ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let connections = Counter(limit: limits.connections)
        return Application(
            router: router(
                service: service, security: security, assets: assets, pools: pools,
                bodiesInFlight: limits.bodiesInFlight),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        ConnectionDeadlines(bodyTimeout: .seconds(limits.bodySeconds), connections: connections)
                    ],
                    idleTimeout: .seconds(limits.idleSeconds))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                // The document list made once in the background, so the first page does not wait
                // for every file to be read (10,000 documents: about 2.5 s on two cores).
                Task { _ = try? await pools.slow.runIfActive { service.documents() } }
                await ready(channel.localAddress?.port ?? port)
            })
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

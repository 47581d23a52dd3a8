import AttestKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// Serves a `Studio` over HTTP/1.1 with Hummingbird. The guarantees that
/// need the server, not the pure API, live here:
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

    /// The application for `studio` on `host:port` (port 0: any free port);
    /// `ready` gets the port actually bound.
    public static func application(
        studio: Studio, host: String, port: Int, limits: Limits = Limits(),
        ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let fast = NIOThreadPool(numberOfThreads: 4)
        let slow = NIOThreadPool(numberOfThreads: 2)
        fast.start()
        slow.start()
        let bodies = Counter(limit: limits.bodiesInFlight)
        let connections = Counter(limit: limits.connections)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            // HTTP types keep Host as the request's authority, not among the fields.
            if let authority = request.head.authority { headers["host"] = authority }
            var query: [String: String] = [:]
            for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
            let method = request.method.rawValue
            let path = request.uri.path
            // Refused on the head: nothing of the body is read.
            if let refusal = studio.admit(method: method, path: path, query: query, headers: headers) {
                return response(refusal)
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > Studio.bodyLimit {
                return response(Studio.tooLarge)
            }
            var body: [UInt8] = []
            if method != "GET" && method != "HEAD" {
                guard bodies.enter() else { return response(Studio.busy) }
                defer { bodies.leave() }
                do {
                    // One byte more than the limit, so that Studio answers 413 itself.
                    let buffer = try await request.collectBody(upTo: Studio.bodyLimit + 1)
                    body = Array(buffer.readableBytesView)
                } catch {
                    return response(Studio.tooLarge)
                }
            }
            let call = StudioRequest(method: method, path: path, query: query, headers: headers, body: body)
            let pool = Studio.isSlow(method: method, path: path) ? slow : fast
            let answer = try await pool.runIfActive { studio.handle(call) }
            return response(answer)
        }
        let deadlines = limits
        return Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        ConnectionDeadlines(
                            bodyTimeout: .seconds(deadlines.bodySeconds), connections: connections)
                    ],
                    idleTimeout: .seconds(deadlines.idleSeconds))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) })
    }

    static func response(_ answer: StudioResponse) -> Response {
        var fields = HTTPFields()
        for (k, v) in answer.headers {
            if let name = HTTPField.Name(k) { fields[name] = v }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
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

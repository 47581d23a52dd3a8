import AttestKit
import Foundation
import HTTPTypes
import Hummingbird

/// Two headers on every answer, errors included: no content sniffing, no referrer.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("referrer-policy")!] = "no-referrer"
        return response
    }
}

/// Every error answered in the API's shape: the service's errors as they
/// are; the router's "no route" as 404, or 405 with `Allow` when the path
/// exists for other methods; anything else as 500.
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StudioError {
            throw StudioHTTPError(error)
        } catch let error as StudioHTTPError {
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            throw StudioHTTPError(Self.notFound(request))
        } catch let error as any HTTPResponseError {
            throw StudioHTTPError(StudioError(Int(error.status.code), "http", error.status.reasonPhrase))
        } catch {
            throw StudioHTTPError(StudioError(500, "internal", "\(error)"))
        }
    }

    /// No route: 405 with `Allow` when the path exists for other methods, else 404.
    private static func notFound(_ request: Request) -> StudioError {
        let path = request.uri.path
        let segments = path.split(separator: "/").map(String.init)
        if let methods = StudioRoutes<StudioRequestContext>.endpoints.first(where: {
            Self.matches(segments, $0.pattern)
        })?.methods {
            let names = methods.map(\.rawValue).sorted().joined(separator: ", ")
            return StudioError(
                405, "method-not-allowed", "\(path) takes \(names), not \(request.method.rawValue)",
                headers: ["allow": names])
        }
        if path.hasPrefix("/api/") {
            return StudioError(
                404, "not-found", "no endpoint \(request.method.rawValue) \(path) (docs/api.md lists them)")
        }
        return StudioError(404, "not-found", "no file \(path)")
    }

    private static func matches(_ segments: [String], _ pattern: [String]) -> Bool {
        segments.count == pattern.count
            && zip(segments, pattern).allSatisfy { $1.hasPrefix("{") || $0 == $1 }
    }
}

/// Admission on the head, before any body is read: a page from another site
/// may not drive this server (same origin only); without a token the server
/// answers only to loopback names, so a name that reaches it by DNS
/// rebinding (`Host: evil.example`) is refused; with one, every request
/// carries it.
struct AdmissionMiddleware<Context: StudioUserContext>: RouterMiddleware {
    let security: StudioSecurity

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // HTTP types keep Host as the request's authority, not among the fields.
        let host = request.head.authority ?? ""
        if let origin = request.headers[.origin], origin != "http://\(host)", !security.origins.contains(origin) {
            throw StudioError(403, "foreign-origin", "requests from \(origin) are refused")
        }
        let asset =
            (request.method == .get || request.method == .head) && security.publicPaths.contains(request.uri.path)
        if asset && (security.token != nil || !security.users.isEmpty) { return try await next(request, context) }
        if !security.users.isEmpty {
            // A team: every request is someone's, on loopback too.
            guard let given = Self.token(of: request), let user = security.user(token: given) else {
                throw StudioError(401, "token-required", "this server needs your token (Authorization: Bearer …)")
            }
            var context = context
            context.user = user
            return try await next(request, context)
        }
        guard let token = security.token else {
            guard StudioSecurity.isLoopback(host) else {
                throw StudioError(403, "foreign-host", "this server answers only to 127.0.0.1, ::1 and localhost")
            }
            return try await next(request, context)
        }
        guard token.count >= StudioSecurity.minimumTokenLength, let given = Self.token(of: request),
            StudioSecurity.same(given, token)
        else {
            throw StudioError(401, "token-required", "this server needs its token (Authorization: Bearer …)")
        }
        return try await next(request, context)
    }

    /// The token a request carries: `Authorization: Bearer …`, `X-Attest-Token`, or (for the page
    /// itself, not the API) `?token=…`, which the page then sends as the header.
    static func token(of request: Request) -> String? {
        if let given = request.headers[.authorization], given.hasPrefix("Bearer ") { return String(given.dropFirst(7)) }
        if let name = HTTPField.Name("x-attest-token"), let given = request.headers[name] { return given }
        guard request.method == .get && !request.uri.path.hasPrefix("/api/") else { return nil }
        return request.uri.queryParameters.get("token").map { String($0) }
    }
}

/// Bodies: one announced over the limit is refused unread; at most
/// `bodies.limit` are received at once (503 beyond); the body is collected
/// here, up to the limit, so that routes read it whole.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let bodies: Counter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > StudioSecurity.bodyLimit {
            throw Self.tooLarge
        }
        guard request.method != .get && request.method != .head else { return try await next(request, context) }
        guard bodies.enter() else {
            throw StudioError(
                503, "busy", "the server is receiving too many requests at once; try again",
                headers: ["retry-after": "1"])
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: StudioSecurity.bodyLimit)
            bodies.leave()
        } catch {
            bodies.leave()
            throw Self.tooLarge
        }
        return try await next(request, context)
    }

    static var tooLarge: StudioError {
        StudioError(413, "too-large", "request bodies are limited to \(StudioSecurity.bodyLimit) bytes")
    }
}

import AttestKit
import NIOHTTP1

/// What the server does with a request, apart from the network: admission on
/// the head (before any body is read), then the route, with every error in
/// the API's shape and two security headers on every answer. The NIO
/// handler (`StudioHTTPHandler`) calls the steps as a request's parts
/// arrive; the tests call `answer` with a whole request.
public struct StudioHTTP: Sendable {
    let router: StudioRouter
    let security: StudioSecurity

    /// Admission on the head, before any body is read: a page from another site may not drive this
    /// server (same origin only); without a token the server answers only to loopback names, so a
    /// name that reaches it by DNS rebinding (`Host: evil.example`) is refused; with one, every
    /// request carries it. A body announced over the limit is refused unread. Returns the user of a
    /// team's token.
    func admit(_ request: StudioRequest) throws(StudioError) -> StudioUser? {
        let hosts = request.headers["host"]
        guard hosts.count <= 1 else { throw StudioError(400, "bad-request", "a request has one Host") }
        let host = hosts.first ?? ""
        if let origin = request.header("origin"), origin != "http://\(host)", !security.origins.contains(origin) {
            throw StudioError(403, "foreign-origin", "requests from \(origin) are refused")
        }
        let user = try identify(request, host: host)
        if let length = request.headers["content-length"].first.flatMap(Int.init), length > StudioSecurity.bodyLimit {
            throw Self.tooLarge
        }
        return user
    }

    private func identify(_ request: StudioRequest, host: String) throws(StudioError) -> StudioUser? {
        let asset =
            (request.method == .GET || request.method == .HEAD) && security.publicPaths.contains(request.path)
        if asset && (security.token != nil || !security.users.isEmpty) { return nil }
        if !security.users.isEmpty {
            // A team: every request is someone's, on loopback too.
            guard let given = Self.token(of: request), let user = security.user(token: given) else {
                throw StudioError(401, "token-required", "this server needs your token (Authorization: Bearer …)")
            }
            return user
        }
        guard let token = security.token else {
            guard StudioSecurity.isLoopback(host) else {
                throw StudioError(403, "foreign-host", "this server answers only to 127.0.0.1, ::1 and localhost")
            }
            return nil
        }
        guard token.count >= StudioSecurity.minimumTokenLength, let given = Self.token(of: request),
            StudioSecurity.same(given, token)
        else {
            throw StudioError(401, "token-required", "this server needs its token (Authorization: Bearer …)")
        }
        return nil
    }

    /// The token a request carries: `Authorization: Bearer …`, `X-Attest-Token`, or (for the page
    /// itself, not the API) `?token=…`, which the page then sends as the header.
    static func token(of request: StudioRequest) -> String? {
        if let given = request.header("authorization"), given.hasPrefix("Bearer ") {
            return String(given.dropFirst(7))
        }
        if let given = request.header("x-attest-token") { return given }
        guard request.method == .GET && !request.path.hasPrefix("/api/") else { return nil }
        return request.query("token")
    }

    /// The answer to an admitted request whose body has been read: the route's, or the error's.
    func respond(to request: StudioRequest) async -> StudioResponse {
        var response: StudioResponse
        switch router.match(request.method, request.path) {
        case .found(let handler, let parameters):
            var request = request
            request.parameters = parameters
            do {
                response = try await handler(request)
            } catch let error as StudioError {
                response = .error(error)
            } catch {
                response = .error(StudioError(500, "internal", "\(error)"))
            }
        case .otherMethods(let methods):
            let names = methods.joined(separator: ", ")
            response = .error(
                StudioError(
                    405, "method-not-allowed", "\(request.path) takes \(names), not \(request.method.rawValue)",
                    headers: ["allow": names]))
        case .none:
            response = .error(Self.notFound(request))
        }
        return Self.secured(response)
    }

    /// The answer to a request read whole (the tests' way in, as `app.test(.router)` was): admission,
    /// the body limit, then the route — the checks `StudioHTTPHandler` makes as the parts arrive.
    func answer(_ request: StudioRequest) async -> StudioResponse {
        var request = request
        do {
            request.user = try admit(request)
        } catch {
            return refusal(error)
        }
        guard request.body.count <= StudioSecurity.bodyLimit else { return refusal(Self.tooLarge) }
        return await respond(to: request)
    }

    /// A refusal (admission, the body limit, the server's own limits) as answered.
    func refusal(_ error: StudioError) -> StudioResponse { Self.secured(.error(error)) }

    /// Two headers on every answer, errors included: no content sniffing, no referrer.
    static func secured(_ response: StudioResponse) -> StudioResponse {
        var response = response
        response.headers.replaceOrAdd(name: "x-content-type-options", value: "nosniff")
        response.headers.replaceOrAdd(name: "referrer-policy", value: "no-referrer")
        return response
    }

    private static func notFound(_ request: StudioRequest) -> StudioError {
        if request.path.hasPrefix("/api/") {
            return StudioError(
                404, "not-found",
                "no endpoint \(request.method.rawValue) \(request.path) (docs/api.md lists them)")
        }
        return StudioError(404, "not-found", "no file \(request.path)")
    }

    static var tooLarge: StudioError {
        StudioError(413, "too-large", "request bodies are limited to \(StudioSecurity.bodyLimit) bytes")
    }

    static var busy: StudioError {
        StudioError(
            503, "busy", "the server is receiving too many requests at once; try again", headers: ["retry-after": "1"])
    }
}

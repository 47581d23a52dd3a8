import AttestKit
import Foundation
import NIOHTTP1

@testable import AttestStudio

/// What `attest-studio` serves, as a test sets it up: the service over a
/// corpus, the security settings and the page.
struct Studio: Sendable {
    let corpus: Corpus
    let token: String?
    let origins: Set<String>
    let assets: [String: (type: String, bytes: [UInt8])]
    let predictions: String?
    /// Token → user (`--users`).
    var users: [String: StudioUser] = [:]
    /// One set of pools for every test application (they outlive each test).
    static let pools = StudioPools()
    /// The documents the server keeps open between requests, shared by every request of a test (as
    /// the server's are by all of its requests).
    let kept = KeptDocuments()

    init(
        corpus: Corpus, token: String?, origins: Set<String>,
        assets: [String: (type: String, bytes: [UInt8])] = StudioAssets.all, predictions: String? = nil
    ) {
        self.corpus = corpus
        self.token = token
        self.origins = origins
        self.assets = assets
        self.predictions = predictions
    }

    var service: StudioService { StudioService(corpus: corpus, predictions: predictions, kept: kept) }

    var http: StudioHTTP {
        StudioServer.http(
            service: service, security: StudioSecurity(token: token, origins: origins, users: users), assets: assets,
            pools: Self.pools)
    }

    /// The server `attest-studio` runs, on a free loopback port, for the time of `body`.
    func live<T>(limits: StudioServer.Limits = .init(), _ body: (LiveClient) async throws -> T) async throws -> T {
        let server = try await StudioServer.start(
            service: service, security: StudioSecurity(token: token, origins: origins, users: users), assets: assets,
            host: "127.0.0.1", port: 0, limits: limits, pools: Self.pools)
        do {
            let result = try await body(LiveClient(port: server.port))
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// One request through the server without a socket (`StudioHTTP.answer`: admission, the body
    /// limit, then the route; as `app.test(.router)` was): status, headers (lower-case names), body.
    /// Host is `localhost` unless given.
    func call(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws
        -> (status: Int, headers: [String: String], body: [UInt8])
    {
        var fields = HTTPHeaders()
        if !headers.keys.contains(where: { $0.lowercased() == "host" }) { fields.add(name: "host", value: "localhost") }
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { fields.add(name: k, value: v) }
        let request = StudioRequest(
            method: HTTPMethod(rawValue: method), uri: path, headers: fields, body: Array((body ?? "").utf8))
        let response = await http.answer(request)
        var h: [String: String] = [:]
        for (name, value) in response.headers { h[name.lowercased()] = value }
        switch response.body {
        case .bytes(let bytes): return (Int(response.status.code), h, bytes)
        case .stream(let first, let rest): return (Int(response.status.code), h, first + (await rest()))
        }
    }
}

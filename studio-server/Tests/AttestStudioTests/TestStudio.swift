import AttestKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

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

    func router(bodiesInFlight: Int = StudioServer.Limits().bodiesInFlight) -> Router<StudioRequestContext> {
        StudioServer.router(
            service: service, security: StudioSecurity(token: token, origins: origins, users: users), assets: assets,
            pools: Self.pools, bodiesInFlight: bodiesInFlight)
    }

    /// The application `attest-studio` runs, on a free loopback port.
    func application(limits: StudioServer.Limits = .init()) -> some ApplicationProtocol {
        StudioServer.application(
            service: service, security: StudioSecurity(token: token, origins: origins, users: users), assets: assets,
            host: "127.0.0.1", port: 0, limits: limits, pools: Self.pools)
    }

    /// One request through the router (`app.test(.router)`): status, headers (lower-case names), body.
    func call(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws
        -> (status: Int, headers: [String: String], body: [UInt8])
    {
        var collected = HTTPFields()
        for (k, v) in headers { collected[HTTPField.Name(k)!] = v }
        let fields = collected
        let app = Application(router: router())
        let m = HTTPRequest.Method(method)!
        return try await app.test(.router) { client in
            try await client.execute(uri: path, method: m, headers: fields, body: body.map { ByteBuffer(string: $0) }) {
                r in
                var h: [String: String] = [:]
                for field in r.headers { h[field.name.canonicalName] = field.value }
                return (Int(r.status.code), h, Array(r.body.readableBytesView))
            }
        }
    }
}

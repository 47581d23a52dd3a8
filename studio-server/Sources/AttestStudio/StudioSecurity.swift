import AttestKit
import Foundation

/// Who may use the server: the rules the admission middleware applies on a
/// request's head, before any body is read.
public struct StudioSecurity: Sendable {
    /// Required on every request when set (any host but loopback).
    public var token: String?
    /// `Origin` values a browser may send besides the server's own.
    public var origins: Set<String>
    /// Token → user (`--users FILE`): every request then carries one of these tokens, on loopback
    /// too, and works as that user.
    public var users: [String: StudioUser]
    /// The page's own files (its modules and style): served without a token, since they hold no
    /// data and a browser fetches them without one; the page with its first answers (`/`) and the
    /// API need the token.
    public var publicPaths: Set<String> = []

    /// The shortest token accepted (a shorter one is refused at start-up).
    public static let minimumTokenLength = 16
    /// The largest request body read.
    public static let bodyLimit = 4 << 20

    public init(token: String?, origins: Set<String> = [], users: [String: StudioUser] = [:]) {
        self.token = token
        self.origins = origins
        self.users = users
    }

    /// The user whose token `given` is, compared in time that does not depend on which user matches.
    func user(token given: String) -> StudioUser? {
        var found: StudioUser?
        for (token, user) in users where Self.same(given, token) { found = user }
        return found
    }

    /// Whether `host` (a `Host` header) names this machine's loopback.
    static func isLoopback(_ host: String) -> Bool {
        let name: Substring
        if host.hasPrefix("[") {
            name = host.dropFirst().prefix { $0 != "]" }
        } else {
            name = host.split(separator: ":", maxSplits: 1).first ?? ""
        }
        return name == "127.0.0.1" || name == "localhost" || name == "::1"
    }

    /// Compares in time that depends on the lengths only.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

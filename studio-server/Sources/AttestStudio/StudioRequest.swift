import AttestKit
import Foundation
import NIOHTTP1

/// A request as the routes see it: its head, its body read whole (up to
/// `StudioSecurity.bodyLimit`), the user admission found for its token, and
/// the path's parameters once routed.
public struct StudioRequest: Sendable {
    public var method: HTTPMethod
    /// The path as sent, without the query (not percent-decoded, as routes match it).
    public var path: String
    /// The query's pairs in order, values percent-decoded (a value that does not decode is kept as sent).
    public var queryPairs: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The user whose token the request carries; nil for the single local user (no users file).
    public var user: StudioUser?
    /// The path's parameters (`{id}` → value), set by the router.
    public var parameters: [String: String] = [:]

    /// A request for `uri` (path and query, as in the request line).
    public init(method: HTTPMethod, uri: String, headers: HTTPHeaders, body: [UInt8] = []) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map(String.init) ?? "/"
        queryPairs = parts.count > 1 ? Self.pairs(parts[1]) : []
        self.headers = headers
        self.body = body
    }

    /// The first value of the query parameter `name`.
    public func query(_ name: String) -> String? { queryPairs.first { $0.name == name }?.value }

    /// The path parameter `name` (a route with `{name}` in its pattern always has it).
    func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else {
            throw StudioError(500, "internal", "the route has no parameter \(name)")
        }
        return value
    }

    /// The value of the header `name` (case-insensitive), when it is sent once.
    func header(_ name: String) -> String? { headers[name].first }

    /// `a=1&b=x%20y` as pairs; a pair without `=` has an empty value.
    static func pairs(_ query: Substring) -> [(name: String, value: String)] {
        query.split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(halves[0])
            guard halves.count > 1 else { return (name, "") }
            let raw = String(halves[1])
            return (name, raw.removingPercentEncoding ?? raw)
        }
    }
}

import AttestKit
import NIOHTTP1

/// Routes by method and path pattern (`/api/documents/{id}/edits`): what a
/// request matches, its path parameters, and, for a path that exists for
/// other methods only, those methods (405 with `Allow`).
struct StudioRouter: Sendable {
    typealias Handler = @Sendable (StudioRequest) async throws -> StudioResponse

    struct Route: Sendable {
        let method: HTTPMethod
        /// Segments; `{name}` matches any one segment and names it.
        let pattern: [String]
        let handler: Handler
    }

    private(set) var routes: [Route] = []

    mutating func on(_ method: HTTPMethod, _ path: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: Self.segments(path), handler: handler))
    }

    mutating func get(_ path: String, _ handler: @escaping Handler) { on(.GET, path, handler) }
    mutating func post(_ path: String, _ handler: @escaping Handler) { on(.POST, path, handler) }
    mutating func put(_ path: String, _ handler: @escaping Handler) { on(.PUT, path, handler) }

    enum Match {
        case found(Handler, parameters: [String: String])
        /// The path exists for these methods, not for the request's.
        case otherMethods([String])
        case none
    }

    func match(_ method: HTTPMethod, _ path: String) -> Match {
        let segments = Self.segments(path)
        var methods: Set<String> = []
        for route in routes {
            guard let parameters = Self.parameters(segments, route.pattern) else { continue }
            if route.method == method { return .found(route.handler, parameters: parameters) }
            methods.insert(route.method.rawValue)
        }
        return methods.isEmpty ? .none : .otherMethods(methods.sorted())
    }

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    private static func parameters(_ segments: [String], _ pattern: [String]) -> [String: String]? {
        guard segments.count == pattern.count else { return nil }
        var found: [String: String] = [:]
        for (segment, part) in zip(segments, pattern) {
            if part.hasPrefix("{") {
                found[String(part.dropFirst().dropLast())] = segment
            } else if segment != part {
                return nil
            }
        }
        return found
    }
}

import AttestInterop

/// An HTTP request as the studio API sees it, independent of any server
/// framework (the `attest-studio` product adapts Hummingbird's).
public struct StudioRequest: Sendable {
    public var method: String
    /// The path without the query, such as `/api/documents/story`.
    public var path: String
    public var query: [String: String]
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// An HTTP response of the studio API.
public struct StudioResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `{"error": {"code", "message", …}}`: every error has this shape.
    static func error(
        _ status: Int, _ code: String, _ message: String, diagnostics: [Diagnostic] = [],
        extra: [String: JSONTree] = [:]
    ) -> StudioResponse {
        var fields: [String: JSONTree] = ["code": .string(code), "message": .string(message)]
        if !diagnostics.isEmpty { fields["diagnostics"] = StudioDocumentJSON.diagnostics(diagnostics) }
        for (k, v) in extra { fields[k] = v }
        return json(status, .object(["error": .object(fields)]))
    }

    static func json(_ status: Int, _ value: JSONTree, headers: [String: String] = [:]) -> StudioResponse {
        var h = headers
        h["content-type"] = "application/json; charset=utf-8"
        h["cache-control"] = "no-store"
        return StudioResponse(status: status, headers: h, body: value.bytes)
    }
}

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
    static func error(_ status: Int, _ code: String, _ message: String, extra: [String: StudioJSON] = [:])
        -> StudioResponse
    {
        var fields: [String: StudioJSON] = ["code": .string(code), "message": .string(message)]
        for (k, v) in extra { fields[k] = v }
        return json(status, .object(["error": .object(fields)]))
    }

    static func json(_ status: Int, _ value: StudioJSON, headers: [String: String] = [:]) -> StudioResponse {
        var h = headers
        h["content-type"] = "application/json; charset=utf-8"
        h["cache-control"] = "no-store"
        return StudioResponse(status: status, headers: h, body: value.bytes)
    }
}

/// JSON values the API writes, rendered with sorted keys (deterministic).
public indirect enum StudioJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([StudioJSON])
    case object([String: StudioJSON])

    public var rendered: String { String(decoding: bytes, as: UTF8.self) }

    /// UTF-8 bytes, written byte by byte: a 100 KB article renders in well under a millisecond.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
        case .string(let s): Self.quote(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(k, into: &out)
                out.append(UInt8(ascii: ":"))
                o[k]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string with markup characters escaped, as `PredictionWriter.string(_:escapingMarkup:)`
    /// writes it: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, and U+2028, U+2029 escaped.
    static func quote(_ s: String, into out: inout [UInt8]) {
        JSONStringWriter.write(s, into: &out, style: .markup)
    }
}

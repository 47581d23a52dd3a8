import AttestKit
import NIOHTTP1

/// An answer: its status, its headers, and its body, whole or in two parts
/// (the page with its first answers sends its markup before the answers are made).
public struct StudioResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// `first` is sent at once; `rest` when it is made.
        case stream(first: [UInt8], rest: @Sendable () async -> [UInt8])
    }

    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: HTTPResponseStatus = .ok, headers: HTTPHeaders, body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A Codable answer of the service in the studio's markup-safe JSON (`StudioJSON`); a document
    /// carries its version as its `ETag`.
    static func json(_ value: some Encodable, version: String? = nil) throws -> StudioResponse {
        var headers = jsonHeaders
        if let version { headers.replaceOrAdd(name: "etag", value: "\"\(version)\"") }
        let bytes: [UInt8]
        do {
            bytes = try StudioJSON.encode(value)
        } catch {
            throw StudioError(500, "internal", "the answer cannot be written: \(error)")
        }
        return StudioResponse(headers: headers, body: .bytes(bytes))
    }

    /// A service error as the API answers it: the status the error carries, its headers, and the
    /// API's error body (`{"error": {"code", "message", …}}`).
    static func error(_ error: StudioError) -> StudioResponse {
        var headers = jsonHeaders
        for (name, value) in error.headers.sorted(by: { $0.key < $1.key }) {
            headers.replaceOrAdd(name: name, value: value)
        }
        return StudioResponse(
            status: HTTPResponseStatus(statusCode: error.httpStatus), headers: headers, body: .bytes(error.body))
    }

    /// The headers of every JSON answer.
    static var jsonHeaders: HTTPHeaders {
        ["content-type": "application/json; charset=utf-8", "cache-control": "no-store"]
    }
}

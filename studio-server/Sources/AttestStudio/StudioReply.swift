import AttestKit
import HTTPTypes
import Hummingbird

/// A Codable answer of the service, written in the studio's markup-safe JSON
/// (`StudioJSON`); a document carries its version as its `ETag`.
struct StudioReply<Body: Encodable & Sendable>: ResponseGenerator {
    var body: Body
    var version: String?

    init(_ body: Body, version: String? = nil) {
        self.body = body
        self.version = version
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = jsonFields
        if let version { fields[.eTag] = "\"\(version)\"" }
        let bytes: [UInt8]
        do {
            bytes = try StudioJSON.encode(body)
        } catch {
            throw StudioError(500, "internal", "the answer cannot be written: \(error)")
        }
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The headers of every JSON answer.
let jsonFields: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]

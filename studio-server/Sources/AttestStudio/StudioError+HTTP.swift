import AttestKit
import HTTPTypes
import Hummingbird

/// A service error as Hummingbird answers it: the status the error carries,
/// and the API's error body (`{"error": {"code", "message", …}}`).
struct StudioHTTPError: HTTPResponseError {
    var error: StudioError

    init(_ error: StudioError) { self.error = error }

    var status: HTTPResponse.Status { .init(code: error.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = jsonFields
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: error.body)))
    }
}

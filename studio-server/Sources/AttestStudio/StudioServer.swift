import AttestKit
import HTTPTypes
import Hummingbird

/// Serves a `Studio` over HTTP/1.1 with Hummingbird: one responder that
/// turns each request into a `StudioRequest` and back.
public enum StudioServer {
    /// The application for `studio` on `host:port` (port 0: any free port);
    /// `ready` gets the port actually bound.
    public static func application(
        studio: Studio, host: String, port: Int, ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            // One byte more than the limit, so that Studio answers 413 itself.
            let buffer = try await request.collectBody(upTo: Studio.bodyLimit + 1)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            // HTTP types keep Host as the request's authority, not among the fields.
            if let authority = request.head.authority { headers["host"] = authority }
            var query: [String: String] = [:]
            for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
            let answer = studio.handle(
                StudioRequest(
                    method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                    body: Array(buffer.readableBytesView)))
            var fields = HTTPFields()
            for (k, v) in answer.headers {
                if let name = HTTPField.Name(k) { fields[name] = v }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        return Application(
            responder: responder, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) })
    }
}

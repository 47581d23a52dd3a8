import FlyingFox
let port = UInt16(CommandLine.arguments.last ?? "") ?? 8080
let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port))
await server.appendRoute("GET /api/documents") { _ in HTTPResponse(statusCode: .ok, body: "[]".data(using: .utf8)!) }
try await server.run()

import Foundation

/// An HTTP/1.1 client over a real connection, for the tests that drive the running server: one
/// request per connection (`Connection: close`), the answer read to the connection's end. Its
/// blocking socket calls run on a thread of their own, never on Swift's cooperative threads, which
/// the server's routes need.
struct LiveClient: Sendable {
    let port: Int

    struct Answer: Sendable {
        var status: Int
        /// Lower-case names.
        var headers: [String: String]
        var body: [UInt8]

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        }
    }

    func execute(_ method: String, _ uri: String, headers: [String: String] = [:], body: String? = nil)
        async throws -> Answer
    {
        var head = "\(method) \(uri) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if body != nil || method == "POST" || method == "PUT" {
            head += "Content-Length: \((body ?? "").utf8.count)\r\n"
        }
        let request = head + "\r\n" + (body ?? "")
        let port = port
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        let raw = try RawHTTP(port: port, receiveTimeout: 30)
                        raw.send(request)
                        return try Self.parse(raw.receiveBytesToClose().bytes)
                    })
            }.start()
        }
    }

    /// Status line, headers, and the body (whole, or de-chunked).
    static func parse(_ bytes: [UInt8]) throws -> Answer {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { throw POSIXError(.EBADMSG) }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw POSIXError(.EBADMSG) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Array(bytes[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = try dechunk(body) }
        return Answer(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var at = 0
        while let line = bytes[at...].firstRange(of: Array("\r\n".utf8)) {
            let size = String(decoding: bytes[at..<line.lowerBound], as: UTF8.self)
            guard let count = Int(size.split(separator: ";")[0], radix: 16) else { throw POSIXError(.EBADMSG) }
            if count == 0 { return out }
            let start = line.upperBound
            guard start + count <= bytes.count else { throw POSIXError(.EBADMSG) }
            out += bytes[start..<start + count]
            at = start + count + 2
        }
        throw POSIXError(.EBADMSG)
    }
}

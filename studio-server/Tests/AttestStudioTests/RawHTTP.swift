import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare TCP client for what a well-behaved HTTP client never does: send a
/// head and hold the body back, trickle bytes, hold a connection idle.
final class RawHTTP {
    let fd: Int32

    init(port: Int, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(
            tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout * 1e6).truncatingRemainder(dividingBy: 1e6)))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// What the server sent until it paused for the receive timeout or closed.
    func receive() -> (text: String, closed: Bool) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                out += buffer[0..<n]
                if String(decoding: out, as: UTF8.self).contains("\r\n\r\n"), n < buffer.count { break }
                continue
            }
            return (String(decoding: out, as: UTF8.self), n == 0)
        }
        return (String(decoding: out, as: UTF8.self), false)
    }

    /// Everything the server sends until it closes the connection (`closed`) or pauses for the
    /// receive timeout.
    func receiveToClose() -> (text: String, closed: Bool) {
        let (bytes, closed) = receiveBytesToClose()
        return (String(decoding: bytes, as: UTF8.self), closed)
    }

    /// The same, as bytes.
    func receiveBytesToClose() -> (bytes: [UInt8], closed: Bool) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return (out, n == 0) }
            out += buffer[0..<n]
        }
    }

    /// Whether the server closes the connection within `seconds`.
    func closes(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
        }
        return false
    }
}

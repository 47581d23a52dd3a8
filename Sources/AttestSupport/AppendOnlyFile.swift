import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends whole lines to a log file (the edit journal, the suggestion
/// rejections). The caller holds the lock that orders writers. A link in the
/// file's place is refused (`O_NOFOLLOW`), so is anything but a regular
/// file; a line that cannot be written whole is cut off again, so the file
/// stays whole lines.
public enum AppendOnlyFile {
    /// Appends `line` and a newline; with `flush`, to the disk before
    /// returning. `what` names the file in errors ("the journal x.jsonl").
    /// Returns the bytes written.
    @discardableResult
    public static func append(_ line: [UInt8], to url: URL, what: String, flush: Bool = true) throws -> [UInt8] {
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw AttestError.io("cannot write \(what): \(reason); nothing written")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw AttestError.io("\(what) is not a regular file; nothing written")
        }
        let record = line + [UInt8(ascii: "\n")]
        let ok = record.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard ok, !flush || fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, off_t(info.st_size))  // a partial record is cut off again
            throw AttestError.io("cannot write \(what): \(reason); nothing written")
        }
        return record
    }
}

extension AppendOnlyFile {
    /// What a reader of a log knew of it: its device and inode, how many bytes it read, and the last of
    /// them, to read only what was appended since (`grown`).
    public struct Mark: Sendable, Equatable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int
        public var tail: [UInt8]

        public init(device: UInt64, inode: UInt64, size: Int, tail: [UInt8]) {
            self.device = device
            self.inode = inode
            self.size = size
            self.tail = tail
        }

        /// The mark after `bytes` more were read at its end.
        public func advanced(by bytes: [UInt8]) -> Mark {
            Mark(
                device: device, inode: inode, size: size + bytes.count,
                tail: Array((tail + bytes).suffix(Self.tailLength)))
        }

        public static let tailLength = 64
    }

    /// The mark of a log read whole as `bytes` (nil when the file cannot be stat'ed, or is not a
    /// regular file, or is no longer `bytes.count` long).
    public static func mark(of url: URL, bytes: [UInt8]) -> Mark? {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else {
            return nil
        }
        return Mark(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: bytes.count,
            tail: Array(bytes.suffix(Mark.tailLength)))
    }

    /// The bytes appended to the log since `mark`, when the file is the one it was (same device and
    /// inode, a regular file, not shorter) and still holds, where the mark ends, the bytes it ended
    /// with; nil otherwise (replaced, cut, rewritten: read it whole). At most `limit` bytes.
    public static func grown(_ url: URL, since mark: Mark, limit: Int) -> [UInt8]? {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, UInt64(info.st_dev) == mark.device,
            UInt64(info.st_ino) == mark.inode, Int(info.st_size) >= mark.size,
            Int(info.st_size) - mark.size <= limit
        else { return nil }
        let from = mark.size - mark.tail.count
        let count = Int(info.st_size) - from
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(from + done))
                if n <= 0 { return done }
                done += n
            }
            return done
        }
        guard read == count, bytes.prefix(mark.tail.count).elementsEqual(mark.tail) else { return nil }
        return Array(bytes.dropFirst(mark.tail.count))
    }
}

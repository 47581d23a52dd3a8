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

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files whole or not at all: a temporary file in the same folder,
/// flushed, then renamed over the target.
public enum AtomicFile {
    /// Writes `bytes` to `url`. With `expectedDigest`, refuses when the file
    /// on disk no longer has that SHA-256 (someone changed it since it was
    /// read); with `.some(nil)`, refuses when the file has appeared.
    public static func write(_ bytes: [UInt8], to url: URL, expectedDigest: String?? = .none) throws {
        if case .some(let expected) = expectedDigest {
            let current = currentBytes(url).map { SHA256Hex.of($0) }
            if current != expected {
                throw AttestError.conflict(
                    current == nil
                        ? "\(DisplayPath.of(url)) was removed since it was read; nothing written"
                        : expected == nil
                            ? "\(DisplayPath.of(url)) was created by someone else meanwhile; nothing written"
                            : "\(DisplayPath.of(url)) changed on disk since it was read; nothing written (run the command again)"
                )
            }
        }
        try stream(to: url) { sink in try sink(bytes) }
    }

    /// Writes `bytes` to `url`, refusing when the file on disk no longer
    /// holds exactly `expected` (what was read; a byte comparison, cheaper
    /// than hashing).
    public static func write(_ bytes: [UInt8], to url: URL, replacing expected: [UInt8]) throws {
        guard let current = currentBytes(url) else {
            throw AttestError.conflict("\(DisplayPath.of(url)) was removed since it was read; nothing written")
        }
        guard current == expected else {
            throw AttestError.conflict(
                "\(DisplayPath.of(url)) changed on disk since it was read; nothing written (run the command again)")
        }
        try stream(to: url) { sink in try sink(bytes) }
    }

    /// The file's bytes now; nil when it is missing. Anything but a regular
    /// file is an error (never waited on).
    package static func currentBytes(_ url: URL) -> [UInt8]? {
        switch FileBytes.read(url.path) {
        case .bytes(let b): return b
        case .missing: return nil
        case .failed, .tooLarge: return []
        }
    }

    /// Writes a file piece by piece: `body` hands each piece to the sink it
    /// is given. The pieces go to a temporary file in the same folder, renamed
    /// over `url` only when `body` returns; if it throws, nothing is written.
    public static func stream(to url: URL, _ body: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw AttestError.io("cannot write in \(DisplayPath.of(folder)): \(String(cString: strerror(errno)))")
        }
        var closed = false
        defer {
            if !closed {
                close(fd)
                unlink(temporary.path)
            }
        }
        try body { bytes in
            let ok = bytes.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            guard ok else {
                throw AttestError.io(
                    "cannot write \(DisplayPath.of(url)): \(String(cString: strerror(errno))); the file is unchanged")
            }
        }
        guard fsync(fd) == 0 else {
            throw AttestError.io(
                "cannot write \(DisplayPath.of(url)): \(String(cString: strerror(errno))); the file is unchanged")
        }
        close(fd)
        closed = true
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw AttestError.io("cannot write \(DisplayPath.of(url)): \(reason); the file is unchanged")
        }
        syncFolder(folder.path)
    }

    /// Flushes a folder's entries (a rename) to disk; best effort.
    public static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    public static func write(_ text: String, to url: URL, expectedDigest: String?? = .none) throws {
        try write(Array(text.utf8), to: url, expectedDigest: expectedDigest)
    }
}

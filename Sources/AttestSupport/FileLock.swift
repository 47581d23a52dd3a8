import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, held until the value
/// is released or deallocated. `flock` locks belong to an open file
/// description, so two threads of one process exclude each other as two
/// processes do; the kernel drops the lock when its holder dies, even by
/// `kill -9`.
public final class FileLock: @unchecked Sendable {
    // @unchecked: `fd` is written once at creation and closed once, in `release`
    // under `state`'s own lock.
    private let fd: Int32
    private let state = NSLock()
    private var released = false
    public let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Takes the lock on the file at `path` (created when missing), waiting
    /// up to `timeout` seconds for another holder; then a conflict naming
    /// `what`. A lock file that is a link, FIFO or device is refused unopened.
    public static func acquire(_ path: String, what: String, timeout: Double = 30) throws -> FileLock {
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw AttestError.io("cannot open the lock file \(path): \(reason)")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AttestError.io("the lock file \(path) is not a regular file")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 200
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw AttestError.io("cannot lock \(path): \(reason)")
            }
            guard Date() < deadline else {
                close(fd)
                throw AttestError.conflict(
                    "\(what) is being changed by another writer (still locked after \(Int(timeout)) s); nothing written"
                )
            }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
        return FileLock(fd: fd, path: path)
    }

    /// Releases the lock now (also done on deallocation).
    public func release() {
        state.lock()
        defer { state.unlock() }
        guard !released else { return }
        released = true
        flock(fd, LOCK_UN)
        close(fd)
    }

    deinit { release() }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files with plain POSIX calls (Foundation's file APIs cost
/// more than parsing a small file) and works on path strings.
public enum FileBytes {
    public enum Outcome: Sendable {
        case bytes([UInt8])
        case tooLarge(Int)
        case missing
        case failed(String)
    }

    /// The file's bytes, unless it is larger than `limit`.
    /// A FIFO, socket or device is refused ("not a regular file") without
    /// waiting on it: the file is opened non-blocking and checked first.
    public static func read(_ path: String, limit: Int = Int.max) -> Outcome {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .failed(String(cString: strerror(errno)))
        }
        return read(open: fd, limit: limit)
    }

    /// Reads the whole of the open file `fd` and closes it.
    private static func read(open fd: Int32, limit: Int) -> Outcome {
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failed(kindName(info.st_mode)) }
        // O_NONBLOCK (which kept a FIFO from blocking the open) changes nothing for
        // a regular file's reads, so it is left set: two fcntl calls a file fewer.
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size) }
        // Read into uninitialised storage: no pass to zero bytes that are about to be overwritten.
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let n = Foundation.read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0, errno == EINTR { continue }
                if n < 0 {
                    failure = errno
                    break
                }
                if n == 0 { break }
                offset += n
            }
            count = offset
        }
        guard failure == 0 else { return .failed(String(cString: strerror(failure))) }
        return .bytes(bytes)
    }

    /// The file's bytes when `path` names a regular file that is not a symbolic link (the last
    /// component is opened with `O_NOFOLLOW`); nil when it is a link, so that the caller resolves it.
    public static func read(withoutFollowing path: String, limit: Int = Int.max) -> Outcome? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ELOOP { return nil }
            return errno == ENOENT || errno == ENOTDIR ? .missing : .failed(String(cString: strerror(errno)))
        }
        return read(open: fd, limit: limit)
    }

    /// At most the first `count` bytes of the file (all of it when it is shorter), with the checks
    /// of `read`: for a look at a file's start without reading the whole of it.
    public static func prefix(_ path: String, count: Int) -> Outcome {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .failed(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failed(kindName(info.st_mode)) }
        let size = min(Int(info.st_size), max(0, count))
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while offset < size {
                let n = Foundation.read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0 { return false }
                if n == 0 { break }
                offset += n
            }
            return true
        }
        guard ok else { return .failed(String(cString: strerror(errno))) }
        if offset < size { bytes.removeLast(size - offset) }
        return .bytes(bytes)
    }

    /// The last component of a path (`a/b.xml` → `b.xml`), as bytes: no URL made.
    public static func lastComponent(of path: String) -> String {
        var path = path
        return path.withUTF8 { utf8 in
            var end = utf8.count
            while end > 1, utf8[end - 1] == 0x2F { end -= 1 }
            var start = end
            while start > 0, utf8[start - 1] != 0x2F { start -= 1 }
            if start == end, end > 0 { return "/" }  // the root, as URL names it
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        }
    }

    /// Why a file that is not regular is refused.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO, not a regular file"
        case S_IFSOCK: "a socket, not a regular file"
        case S_IFCHR, S_IFBLK: "a device, not a regular file"
        case S_IFDIR: "a folder, not a regular file"
        default: "not a regular file"
        }
    }

    /// Whether `path` exists and is a regular file, following links; a
    /// FIFO or device is never opened to find out.
    public static func isRegular(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Refuses a file that exists but is not a regular file inside `root`
    /// (a link out of it, a FIFO, a device); nil when it may be opened or
    /// does not exist.
    public static func containmentProblem(_ path: String, root: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let target = realPath(path) else { return "a symbolic link to nothing" }
            guard let realRoot = realPath(root), isInside(target, realRoot) else {
                return "a symbolic link out of the corpus (to \(target))"
            }
            guard stat(path, &info) == 0 else { return "a symbolic link to nothing" }
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return kindName(info.st_mode) }
        return nil
    }

    /// `relative` joined to `folder` with `.` and `..` resolved lexically.
    /// Read as the system reads paths: bytes, split at each `/` byte (a
    /// split into Swift `Character`s cost 35,000 instructions a path, and
    /// would not split a `/` followed by a combining mark).
    public static func join(_ folder: String, _ relative: String) -> String {
        var combined: [UInt8] = []
        combined.reserveCapacity(folder.utf8.count + relative.utf8.count + 1)
        if relative.utf8.first != UInt8(ascii: "/") {
            combined.append(contentsOf: folder.utf8)
            combined.append(UInt8(ascii: "/"))
        }
        combined.append(contentsOf: relative.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(combined.count + 1)
        // Where each component kept so far starts in `out` (at its `/`).
        var starts: [Int] = []
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var i = 0
        let n = combined.count
        while i < n {
            while i < n, combined[i] == slash { i += 1 }
            let start = i
            while i < n, combined[i] != slash { i += 1 }
            switch i - start {
            case 0: continue
            case 1 where combined[start] == dot: continue
            case 2 where combined[start] == dot && combined[start + 1] == dot:
                if let last = starts.popLast() { out.removeSubrange(last...) }
            default:
                starts.append(out.count)
                out.append(slash)
                out.append(contentsOf: combined[start..<i])
            }
        }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    /// The folder part of a path.
    public static func folder(of path: String) -> String {
        // The last `/` byte (a search by `Character` cost 12,000 instructions a path).
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// The canonical absolute path with links resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The size of the file at `path`, or nil when it cannot be found.
    public static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Whether `path` names a symbolic link; nil when nothing is there.
    public static func isSymbolicLink(_ path: String) -> Bool? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether `path` equals `folder` or lies below it (string comparison).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        let f = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(f)
    }
}

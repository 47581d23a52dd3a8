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
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failed(kindName(info.st_mode)) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size) }
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
    public static func join(_ folder: String, _ relative: String) -> String {
        let combined = relative.hasPrefix("/") ? relative : folder + "/" + relative
        var parts: [Substring] = []
        for part in combined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder part of a path.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
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

import AttestCorpus
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of a JSON Lines file.
public struct JSONLine: Sendable {
    /// 1-based line number.
    public var number: Int
    public var bytes: ArraySlice<UInt8>
}

/// Streams a JSON Lines file in batches of whole lines, so that a large
/// predictions file is never held in memory at once.
public enum JSONLines {
    /// Calls `body` with consecutive batches of non-blank lines (CR LF
    /// tolerated). Throws `AttestError` when the file cannot be read.
    public static func read(path: String, batchBytes: Int = 4 << 20, _ body: ([JSONLine]) throws -> Void) throws {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard fd >= 0 else { throw AttestError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var pending: [UInt8] = []
        var lineNumber = 1
        var chunk = [UInt8](repeating: 0, count: batchBytes)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, batchBytes) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AttestError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
            let complete = Array(pending[...lastNewline])
            pending.removeSubrange(...lastNewline)
            try body(split(complete, firstLine: &lineNumber))
        }
        if !pending.isEmpty {
            pending.append(0x0A)
            try body(split(pending, firstLine: &lineNumber))
        }
    }

    package static func split(_ bytes: [UInt8], firstLine: inout Int) -> [JSONLine] {
        var lines: [JSONLine] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            var end = i
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            var slice = bytes[start..<end]
            // A UTF-8 byte-order mark at the start of the file is no content.
            if firstLine == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
            if slice.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                lines.append(JSONLine(number: firstLine, bytes: slice))
            }
            firstLine += 1
            start = i + 1
        }
        return lines
    }

    /// 1-based column, in code points, of byte `offset` of a line.
    public static func column(of offset: Int, in line: ArraySlice<UInt8>) -> Int {
        var column = 1
        var i = line.startIndex
        let end = min(line.endIndex, line.startIndex + max(0, offset))
        while i < end {
            if line[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }
}

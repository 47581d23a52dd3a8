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
        var lineNumber = 1
        // One buffer for the whole file: the unfinished line moved to its start, the next block read
        // after it, and the lines handed over as slices of it (a new 4 MB buffer each block cost
        // the kernel a thousand fresh pages each time).
        var block: [UInt8] = []
        var carry = 0
        while true {
            // A line longer than a block grows the next read with it (copies stay linear in its length).
            let want = max(batchBytes, carry)
            if block.count < carry + want {
                block.append(contentsOf: repeatElement(0, count: carry + want - block.count))
            }
            var failure: Int32 = 0
            var got = 0
            block.withUnsafeMutableBufferPointer { buffer in
                while true {
                    let n = Foundation.read(fd, buffer.baseAddress! + carry, want)
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { failure = errno } else { got = n }
                    break
                }
            }
            if failure != 0 { throw AttestError("cannot read \(path): \(String(cString: strerror(failure)))") }
            if got == 0 { break }
            let filled = carry + got
            guard let lastNewline = block[..<filled].lastIndex(of: 0x0A) else {
                carry = filled
                continue
            }
            try body(split(block[...lastNewline], firstLine: &lineNumber))
            // The batch is done with its slices: the rest moves to the front, in place.
            carry = filled - (lastNewline + 1)
            if carry > 0 {
                block.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    _ = memmove(base, base + lastNewline + 1, carry)
                }
            }
        }
        if carry > 0 {
            var rest = Array(block[..<carry])
            rest.append(0x0A)
            try body(split(rest[...], firstLine: &lineNumber))
        }
    }

    package static func split(_ bytes: [UInt8], firstLine: inout Int) -> [JSONLine] {
        split(bytes[...], firstLine: &firstLine)
    }

    /// The non-blank lines of `bytes`, each a slice of it, found with `memchr`.
    package static func split(_ bytes: ArraySlice<UInt8>, firstLine: inout Int) -> [JSONLine] {
        var lines: [JSONLine] = []
        var ends: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var at = 0
            while at < buffer.count, let hit = memchr(base + at, 0x0A, buffer.count - at) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                ends.append(i)
                at = i + 1
            }
        }
        lines.reserveCapacity(ends.count)
        var start = bytes.startIndex
        for offset in ends {
            let i = bytes.startIndex + offset
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

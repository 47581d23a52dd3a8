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
        while true {
            // Each block is read in place after the last block's unfinished line, and its lines are
            // slices of it: no byte is copied twice (the copies and a byte-by-byte split ran alone,
            // between batches, for 7% of a 10,000-document `attest score`).
            let carry = pending.count
            // A line longer than a block grows the next read with it (copies stay linear in its length).
            let want = max(batchBytes, carry)
            var failure: Int32 = 0
            let block = [UInt8](unsafeUninitializedCapacity: carry + want) { buffer, count in
                let base = buffer.baseAddress!
                pending.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: carry) }
                count = carry
                while true {
                    let n = Foundation.read(fd, base + carry, want)
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { failure = errno } else { count = carry + n }
                    break
                }
            }
            if failure != 0 { throw AttestError("cannot read \(path): \(String(cString: strerror(failure)))") }
            if block.count == carry { break }
            guard let lastNewline = block.lastIndex(of: 0x0A) else {
                pending = block
                continue
            }
            pending = Array(block[(lastNewline + 1)...])
            try body(split(block[...lastNewline], firstLine: &lineNumber))
        }
        if !pending.isEmpty {
            pending.append(0x0A)
            try body(split(pending[...], firstLine: &lineNumber))
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

import AttestSupport
import Foundation

/// Maps 1-based line numbers of a UTF-8 file to byte offsets, and finds the
/// column (in code points) of a tag on a line — libxml2 reports lines only.
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        // memchr finds each newline (a byte-by-byte loop cost 6 instructions a byte).
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var at = 0
            while at < buffer.count, let found = memchr(base + at, 0x0A, buffer.count - at) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(i + 1)
                at = i + 1
            }
        }
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The bytes of line `line` (1-based), without its newline.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// Column of the first `<tag` (or `<prefix:tag`) on `line`; otherwise of
    /// the first non-blank character; 1 for an empty line.
    public func column(ofTag tag: String, onLine line: Int) -> Int {
        // The usual layout, one element a line after its indentation, answered
        // without copying the tag: the column is then the indentation plus one.
        if let column = indentedTagColumn(tag, line) { return column }
        let text = lineBytes(line)
        let needle = Array(tag.utf8)
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == UInt8(ascii: "<") {
                var j = i + 1
                // Skip a namespace prefix.
                var k = j
                while k < text.endIndex, text[k] != UInt8(ascii: ":"), text[k] != UInt8(ascii: " "),
                    text[k] != UInt8(ascii: ">"), text[k] != UInt8(ascii: "/")
                {
                    k += 1
                }
                if k < text.endIndex, text[k] == UInt8(ascii: ":") { j = k + 1 }
                if text[j...].starts(with: needle) {
                    let after = j + needle.count
                    if after >= text.endIndex || !isNameByte(text[after]) { return scalarColumn(text, i) }
                }
            }
            i += 1
        }
        if let first = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) { return scalarColumn(text, first) }
        return 1
    }

    /// The column of `<tag` when it is the first thing on the line after
    /// spaces and tabs, with no prefix, followed by a space, `>`, `/` or the
    /// line's end; nil otherwise (the general search then answers, the same).
    private func indentedTagColumn(_ tag: String, _ line: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return bytes.withUnsafeBufferPointer { text -> Int? in
            if end > start, text[end - 1] == 0x0D { end -= 1 }
            var i = start
            while i < end, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
            guard i < end, text[i] == UInt8(ascii: "<") else { return nil }
            var j = i + 1
            var tag = tag
            let matched = tag.withUTF8 { name -> Bool in
                guard j + name.count <= end, memcmp(text.baseAddress! + j, name.baseAddress!, name.count) == 0 else {
                    return false
                }
                j += name.count
                return true
            }
            // Only where the search below would stop reading the name too.
            guard matched, j >= end || text[j] == 0x20 || text[j] == UInt8(ascii: ">") || text[j] == UInt8(ascii: "/")
            else { return nil }
            return i - start + 1
        }
    }

    /// Column of the first `name="` attribute on `line`, if any.
    public func column(ofAttribute name: String, onLine line: Int) -> Int? {
        let text = lineBytes(line)
        let needle = Array(" \(name)=".utf8)
        var i = text.startIndex
        while i + needle.count <= text.endIndex {
            if text[i..<i + needle.count].elementsEqual(needle) { return scalarColumn(text, i + 1) }
            i += 1
        }
        return nil
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            || b == 0x2E || b >= 0x80
    }

    private func scalarColumn(_ text: ArraySlice<UInt8>, _ index: Int) -> Int {
        var column = 1
        for b in text[text.startIndex..<index] where b & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

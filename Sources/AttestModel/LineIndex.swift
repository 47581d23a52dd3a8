import AttestSupport

/// Maps 1-based line numbers of a UTF-8 file to byte offsets, and finds the
/// column (in code points) of a tag on a line — libxml2 reports lines only.
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] == 0x0A { starts.append(i + 1) }
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

import AttestSupport

/// An article's text exactly as stored, indexed by Unicode code point.
///
/// Keeps the UTF-8 bytes and, once, the byte offset of every code point, so
/// that slicing a span costs a copy of its bytes and nothing more.
public struct ArticleText: Sendable {
    /// The stored bytes (valid UTF-8).
    public let utf8: [UInt8]
    /// `byteOffsets[i]` is the UTF-8 offset of code point `i`; one extra
    /// entry holds the total byte count.
    @usableFromInline let byteOffsets: [Int32]

    /// Fails when `bytes` is not valid UTF-8.
    public init?(bytes: [UInt8]) {
        guard let offsets = ArticleText.scalarOffsets(bytes) else { return nil }
        self.utf8 = bytes
        self.byteOffsets = offsets
    }

    public init(_ string: String) {
        let bytes = Array(string.utf8)
        self.utf8 = bytes
        self.byteOffsets = ArticleText.scalarOffsets(bytes)!
    }

    /// Length in Unicode code points.
    public var count: Int { byteOffsets.count - 1 }

    public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Whether `span` lies inside the text and is not inverted.
    public func contains(_ span: Span) -> Bool {
        span.start >= 0 && span.start <= span.end && span.end <= count
    }

    /// The text covered by `span` (clamped to the text).
    public subscript(span: Span) -> String {
        let s = min(max(span.start, 0), count)
        let e = min(max(span.end, s), count)
        return utf8.withUnsafeBufferPointer { buffer in
            String(decoding: buffer[Int(byteOffsets[s])..<Int(byteOffsets[e])], as: UTF8.self)
        }
    }

    /// Whether `text` is exactly the text at `span`, compared byte by byte without building a string.
    public func matches(_ text: String, at span: Span) -> Bool {
        guard contains(span) else { return false }
        let a = Int(byteOffsets[span.start])
        let b = Int(byteOffsets[span.end])
        guard text.utf8.count == b - a else { return false }
        if let same = text.utf8.withContiguousStorageIfAvailable({ t in
            utf8.withUnsafeBufferPointer { u in
                guard let tb = t.baseAddress, let ub = u.baseAddress else { return true }  // both empty
                var i = 0
                while i < t.count {
                    if ub[a + i] != tb[i] { return false }
                    i += 1
                }
                return true
            }
        }) {
            return same
        }
        return text.utf8.elementsEqual(utf8[a..<b])
    }

    /// The code point at `offset`.
    /// The run of letters and digits around `offset` (for messages).
    public func word(around offset: Int) -> String {
        func isWord(_ i: Int) -> Bool { scalar(at: i).isLetterOrDigit }
        var start = offset
        var end = offset + 1
        while start > 0, isWord(start - 1) { start -= 1 }
        while end < count, isWord(end) { end += 1 }
        return self[Span(start, end)]
    }

    @inlinable @inline(__always) public func scalar(at offset: Int) -> Unicode.Scalar {
        // Decoded in place from the (valid) UTF-8 bytes: no String is made.
        let i = Int(byteOffsets[offset])
        let b0 = UInt32(utf8[i])
        let value: UInt32
        switch Int(byteOffsets[offset + 1]) - i {
        case 1: value = b0
        case 2: value = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
        case 3: value = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
        default:
            value =
                (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                | UInt32(utf8[i + 3] & 0x3F)
        }
        return Unicode.Scalar(value)!
    }

    /// UTF-8 byte offset of code point `offset`.
    public func byteOffset(ofScalar offset: Int) -> Int { Int(byteOffsets[offset]) }

    /// Code-point offset of the code point that starts at byte `byte`, or nil
    /// when `byte` falls inside a multi-byte sequence or past the end.
    public func scalarOffset(ofByte byte: Int) -> Int? {
        var lo = 0
        var hi = byteOffsets.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let value = Int(byteOffsets[mid])
            if value == byte { return mid }
            if value < byte { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    /// Every span where `needle` occurs, in text order (overlapping occurrences included).
    /// The occurrence of `text` nearest to `offset`, if any.
    package func nearestOccurrence(of text: String, near offset: Int) -> Span? {
        guard !text.isEmpty else { return nil }
        return occurrences(of: text).min { abs($0.start - offset) < abs($1.start - offset) }
    }

    public func occurrences(of needle: String) -> [Span] {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= utf8.count else { return [] }
        var found: [Span] = []
        var scalarIndex = 0
        var byte = 0
        let last = utf8.count - n.count
        utf8.withUnsafeBufferPointer { hay in
            while byte <= last {
                if hay[byte] == n[0] && Array(hay[byte..<byte + n.count]) == n {
                    // Advance the scalar cursor to this byte.
                    while Int(byteOffsets[scalarIndex]) < byte { scalarIndex += 1 }
                    if Int(byteOffsets[scalarIndex]) == byte {
                        let endScalar = scalarIndex + needle.unicodeScalars.count
                        found.append(Span(scalarIndex, endScalar))
                    }
                }
                byte += 1
            }
        }
        return found
    }

    /// 1-based line and column (in code points) of `offset`.
    public func lineColumn(of offset: Int) -> SourceLocation {
        var line = 1
        var lineStart = 0
        let limit = min(max(offset, 0), count)
        let endByte = Int(byteOffsets[limit])
        for i in 0..<endByte where utf8[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = (scalarOffset(ofByte: endByte) ?? limit) - (scalarOffset(ofByte: lineStart) ?? 0) + 1
        return SourceLocation(line: line, column: column)
    }

    private static func scalarOffsets(_ bytes: [UInt8]) -> [Int32]? {
        guard bytes.count < Int(Int32.max) else { return nil }
        var valid = true
        // Written in place (an append per code point cost five times as much).
        let offsets = [Int32](unsafeUninitializedCapacity: bytes.count + 1) { out, filled in
            bytes.withUnsafeBufferPointer { buffer in
                var i = 0
                var k = 0
                let n = buffer.count
                defer {
                    out[k] = Int32(n)
                    filled = k + 1
                }
                guard let base = buffer.baseAddress else { return }  // no bytes: no code point
                // Stretches of ASCII found eight bytes at a time (one code point a byte), at the start
                // and after each multi-byte sequence; the rest a byte at a time.
                var run = ByteRuns.ascii(base, from: 0, to: n)
                while i < n {
                    while i < run {
                        out[k] = Int32(truncatingIfNeeded: i)
                        k += 1
                        i += 1
                    }
                    guard i < n else { break }
                    let b = buffer[i]
                    if b < 0x80 {
                        out[k] = Int32(truncatingIfNeeded: i)
                        k += 1
                        i += 1
                        continue
                    }
                    guard let width = ArticleText.sequenceWidth(buffer, at: i) else {
                        valid = false
                        return
                    }
                    out[k] = Int32(truncatingIfNeeded: i)
                    k += 1
                    i += width
                    run = ByteRuns.ascii(base, from: i, to: n)
                }
            }
        }
        return valid ? offsets : nil
    }

    /// The length of the well-formed UTF-8 sequence that starts with a
    /// non-ASCII byte at `i`; nil for a stray, truncated, overlong or
    /// surrogate sequence, or one past U+10FFFF.
    private static func sequenceWidth(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = buffer[i]
        let n = buffer.count
        let width: Int
        if b & 0xE0 == 0xC0 {
            width = 2
        } else if b & 0xF0 == 0xE0 {
            width = 3
        } else if b & 0xF8 == 0xF0 {
            width = 4
        } else {
            return nil
        }
        guard i + width <= n else { return nil }
        for k in 1..<width where buffer[i + k] & 0xC0 != 0x80 { return nil }
        let b1 = buffer[i + 1]
        switch width {
        case 2: if b < 0xC2 { return nil }
        case 3: if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return nil }
        default: if (b == 0xF0 && b1 < 0x90) || b > 0xF4 || (b == 0xF4 && b1 >= 0x90) { return nil }
        }
        return width
    }
}

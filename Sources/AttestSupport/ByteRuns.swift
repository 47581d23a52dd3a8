/// Runs of plain bytes found eight at a time: the hand-written readers' inner loops (the scanner's
/// attribute values and covered texts, the predictions' strings, an article's code points) spent
/// most of their time asking the same few questions of one byte at a time.
package enum ByteRuns {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `w` is zero (exact as a yes or no).
    @inlinable @inline(__always) static func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & high != 0 }

    /// Whether any byte of `w` equals `b`.
    @inlinable @inline(__always) static func has(_ w: UInt64, _ b: UInt8) -> Bool { hasZero(w ^ (ones &* UInt64(b))) }

    /// The first index from `start` (up to `end`) of an eight-byte stretch that may hold a byte that is
    /// not printable ASCII (below 0x20 or from 0x80) or that is `a`, `b` or `c`: every byte before it
    /// is printable ASCII and none of the three. The caller reads on from there a byte at a time.
    @inlinable package static func plainASCII(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, except a: UInt8, _ b: UInt8, _ c: UInt8
    ) -> Int {
        var k = start
        let raw = UnsafeRawPointer(p)
        while k + 8 <= end {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            // Bytes from 0x80, or below 0x20 (exact when no byte is from 0x80, which the first test catches).
            if w & high != 0 || (w &- ones &* 0x20) & ~w & high != 0 { break }
            if has(w, a) || has(w, b) || has(w, c) { break }
            k += 8
        }
        return k
    }

    /// The first index from `start` (up to `end`) of an eight-byte stretch that may hold a byte from
    /// 0x80: every byte before it is ASCII.
    @inlinable package static func ascii(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var k = start
        let raw = UnsafeRawPointer(p)
        while k + 8 <= end {
            if raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & high != 0 { break }
            k += 8
        }
        return k
    }
}

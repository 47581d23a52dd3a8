/// The one reader of plain decimal offsets: 1 to 18 ASCII digits and nothing
/// else (no sign, no blanks), as Attest writes them. Anything else is nil,
/// and callers fall back to a careful reader that reports the problem.
package enum Digits {
    static let maximumCount = 18

    /// The value of `bytes` when they are 1 to 18 ASCII digits.
    package static func value<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= maximumCount else { return nil }
        var value = 0
        for d in bytes {
            guard d >= 0x30, d <= 0x39 else { return nil }
            value = value * 10 + Int(d - 0x30)
        }
        return value
    }

    /// The value of a NUL-terminated C string of 1 to 18 ASCII digits.
    package static func value(cString c: UnsafePointer<UInt8>) -> Int? {
        var count = 0
        while c[count] != 0 {
            count += 1
            if count > maximumCount { return nil }
        }
        return value(UnsafeBufferPointer(start: c, count: count))
    }
}

import AttestSupport

/// A half-open range `[start, end)` of Unicode code-point offsets into an
/// article text exactly as stored — the indices Python's `str` uses.
public struct Span: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(_ start: Int, _ end: Int) {
        self.init(start: start, end: end)
    }

    /// Number of code points covered (0 for an empty or inverted span).
    public var length: Int { max(0, end - start) }

    public var isEmpty: Bool { end <= start }

    /// Whether the spans share at least one code point.
    public func overlaps(_ other: Span) -> Bool {
        start < other.end && other.start < end
    }

    /// Number of code points the spans share.
    public func overlap(with other: Span) -> Int {
        max(0, min(end, other.end) - max(start, other.start))
    }

    /// Whether `other` lies entirely within this span.
    public func contains(_ other: Span) -> Bool {
        start <= other.start && other.end <= end
    }

    /// Whether the spans overlap without one containing the other.
    public func crosses(_ other: Span) -> Bool {
        overlaps(other) && !contains(other) && !other.contains(self)
    }

    /// Jaccard index of the two code-point sets: |A ∩ B| / |A ∪ B|.
    public func jaccard(_ other: Span) -> Double {
        let inter = overlap(with: other)
        let union = length + other.length - inter
        return union == 0 ? 0 : Double(inter) / Double(union)
    }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String { "[\(start),\(end))" }
}

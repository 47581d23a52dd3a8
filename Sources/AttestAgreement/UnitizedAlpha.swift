import AttestEditing

/// Krippendorff's unitized alpha, ᵤα (nominal), for spans on a continuum:
/// Krippendorff (2019), *Content Analysis*, 4th ed., §12.6, with the
/// revision of Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the
/// reliability of unitizing textual continua", Quality & Quantity 50.
///
/// Each observer's spans cut the continuum (the article's code points) into
/// a partition of valued segments and gaps (φ). With m observers:
///
/// - observed coincidences ℓ_ck = 1/(m−1) · Σ_{i≠j} Σ_{g of i, h of j} |g ∩ h|,
///   for g of value c and h of value k;
/// - self-pairings: for each value c, S_c = Σ |g|² over the segments of c
///   (Σ |g| for gaps), S = Σ_c S_c;
/// - expected coincidences ε_ck = (ℓ_c· ℓ_·k − [c = k] S_c) / (ℓ·· − S / ℓ··);
/// - ᵤα = 1 − D_o / D_e, with D_o = Σ_{c≠k} ℓ_ck and D_e = Σ_{c≠k} ε_ck.
///
/// Several documents are one continuum end to end (their ℓ and S add up).
/// An observer's overlapping spans are made a partition by keeping, in
/// order of start, each span that does not overlap the one kept before.
public enum UnitizedAlpha {
    /// Coincidences and self-pairings, added up over documents.
    public struct Tally: Sendable {
        var observed: [String: [String: Double]] = [:]
        var selfPairs: [String: Double] = [:]

        public init() {}

        /// Adds one document: `length` code points and each observer's valued spans.
        public mutating func add(length: Int, observers: [[(span: Span, value: String)]]) {
            let m = observers.count
            guard m >= 2, length > 0 else { return }
            let partitions = observers.map { UnitizedAlpha.partition($0, length: length) }
            for (i, p) in partitions.enumerated() {
                for g in p {
                    let n = Double(g.span.end - g.span.start)
                    selfPairs[g.value, default: 0] += g.value == UnitizedAlpha.gap ? n : n * n
                }
                for (j, q) in partitions.enumerated() where j != i {
                    // Both partitions are sorted and cover the continuum: walk them together.
                    var a = 0
                    var b = 0
                    while a < p.count && b < q.count {
                        let overlap = min(p[a].span.end, q[b].span.end) - max(p[a].span.start, q[b].span.start)
                        if overlap > 0 {
                            observed[p[a].value, default: [:]][q[b].value, default: 0] +=
                                Double(overlap) / Double(m - 1)
                        }
                        if p[a].span.end <= q[b].span.end { a += 1 } else { b += 1 }
                    }
                }
            }
        }

        /// ᵤα; undefined (NaN) when there is no expected disagreement (nothing marked, or
        /// everything marked with one value), as DKPro gives NaN.
        public var alpha: Double {
            let values = Set(observed.keys).union(observed.values.flatMap(\.keys)).sorted()
            let row = Dictionary(
                uniqueKeysWithValues: values.map { c in (c, values.reduce(0) { $0 + (observed[c]?[$1] ?? 0) }) })
            let total = row.values.reduce(0, +)
            guard total > 0 else { return .nan }
            let s = selfPairs.values.reduce(0, +)
            let denominator = total - s / total
            var dObserved = 0.0
            var dExpected = 0.0
            for c in values {
                for k in values where k != c {
                    dObserved += observed[c]?[k] ?? 0
                    // ℓ is symmetric, so column sums are row sums.
                    dExpected += row[c]! * row[k]! / denominator
                }
            }
            if dExpected == 0 { return .nan }
            return 1 - dObserved / dExpected
        }
    }

    static let gap = "φ"

    /// The continuum [0, length) cut into valued segments and gaps, in order.
    static func partition(_ spans: [(span: Span, value: String)], length: Int) -> [(span: Span, value: String)] {
        var out: [(span: Span, value: String)] = []
        var at = 0
        for s in spans.sorted(by: { $0.span < $1.span }) {
            let start = max(s.span.start, 0)
            let end = min(s.span.end, length)
            guard start >= at, end > start else { continue }
            if start > at { out.append((Span(at, start), gap)) }
            out.append((Span(start, end), s.value))
            at = end
        }
        if at < length { out.append((Span(at, length), gap)) }
        return out
    }
}

import AttestExtraction
import Foundation

/// One headline metric of two runs on the same gold set, compared.
public struct Comparison: Hashable, Sendable, Codable {
    public var metric: String
    public var a: Double
    public var b: Double
    public var difference: Double { b - a }
    /// Two-sided p-value of paired approximate randomization over documents.
    public var pValue: Double
    public var significant: Bool { pValue < 0.05 }
}

/// Paired approximate randomization over documents (Noreen 1989; Yeh 2000):
/// each trial swaps the two runs' counts of each document with probability
/// one half and recomputes the difference; the p-value is the share of
/// trials whose difference is at least as large as the observed one.
public struct ApproximateRandomization: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var jobs: Int
    /// Called from worker threads with the number of the trial just done (not in order).
    public var progress: (@Sendable (Int) -> Void)?

    public init(
        trials: Int = 10_000, seed: UInt64 = 1, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
        self.progress = progress
    }

    public func compare(_ a: Scorecard, _ b: Scorecard, metrics names: [String] = Metrics.headline) throws
        -> [Comparison]
    {
        let ids = a.documents.map(\.id)
        guard ids == b.documents.map(\.id) else {
            let missing = Set(ids).symmetricDifference(b.documents.map(\.id)).sorted().prefix(5)
            throw AttestError(
                "the runs are not on the same documents (for example \(missing.joined(separator: ", "))); compare needs two runs on the same gold set"
            )
        }
        guard a.options.matching == b.options.matching else {
            throw AttestError(
                "the runs used different matching modes (\(a.options.matching.rawValue), \(b.options.matching.rawValue))"
            )
        }
        let names = names.filter { a.metrics[$0] != nil && b.metrics[$0] != nil && Metrics.headline.contains($0) }
        var types = Set<String>()
        for d in a.documents + b.documents { types.formUnion(d.entities.types.keys) }
        let layout = HeadlineCounts(types: Array(types))
        let width = layout.width
        let n = a.documents.count
        // Per document, B's vector minus A's: a swap moves that difference from B's side to A's.
        var sumA = [Double](repeating: 0, count: width)
        var sumB = [Double](repeating: 0, count: width)
        var deltas = [Double](repeating: 0, count: width * n)
        for i in 0..<n {
            let va = layout.vector(a.documents[i])
            let vb = layout.vector(b.documents[i])
            for k in 0..<width {
                sumA[k] += va[k]
                sumB[k] += vb[k]
                deltas[i * width + k] = vb[k] - va[k]
            }
        }
        let observed = zip(
            sumB.withUnsafeBufferPointer { layout.metrics($0, names: names) },
            sumA.withUnsafeBufferPointer { layout.metrics($0, names: names) }
        ).map { abs($0 - $1) }
        // Each trial draws its swaps from its own generator (seeded by the seed
        // and the trial's number), so results do not depend on the threads.
        let chunk = 250
        let chunks = Array(stride(from: 0, to: trials, by: chunk))
        let base = seed
        let (fixedA, fixedB, table) = (sumA, sumB, deltas)
        let counted = ConcurrentMap.map(chunks, jobs: jobs) { first -> [Int] in
            var extreme = [Int](repeating: 0, count: names.count)
            var ta = [Double](repeating: 0, count: width)
            var tb = [Double](repeating: 0, count: width)
            for trial in first..<min(first + chunk, trials) {
                var rng = SeededGenerator(seed: base &+ UInt64(trial) &* 0x9E37_79B9_7F4A_7C15)
                var moved = [Double](repeating: 0, count: width)
                var bits: UInt64 = 0
                for i in 0..<n {
                    if i % 64 == 0 { bits = rng.next() }
                    if bits & 1 == 1 {
                        let row = i * width
                        for k in 0..<width { moved[k] += table[row + k] }
                    }
                    bits >>= 1
                }
                for k in 0..<width {
                    ta[k] = fixedA[k] + moved[k]
                    tb[k] = fixedB[k] - moved[k]
                }
                let ma = ta.withUnsafeBufferPointer { layout.metrics($0, names: names) }
                let mb = tb.withUnsafeBufferPointer { layout.metrics($0, names: names) }
                for k in names.indices where abs(mb[k] - ma[k]) >= observed[k] - 1e-12 { extreme[k] += 1 }
                progress?(trial + 1)
            }
            return extreme
        }
        var extreme = [Int](repeating: 0, count: names.count)
        for c in counted { for k in c.indices { extreme[k] += c[k] } }
        return names.enumerated().map { k, name in
            Comparison(
                metric: name, a: a.metrics[name]!, b: b.metrics[name]!,
                pValue: Double(extreme[k] + 1) / Double(trials + 1))
        }
    }

    /// The smallest p-value the test can give on `documents` documents: a
    /// trial and its mirror image (every swap flipped) give the same
    /// difference, so at least 2 of the 2ⁿ swap patterns are as extreme as
    /// the observed one; and no fewer than 1 of `trials` + 1 counts.
    public func smallestPValue(documents n: Int) -> Double {
        let exact = n >= 60 ? 0 : 2.0 / Double(UInt64(1) << UInt64(n))
        return max(exact, 1.0 / Double(trials + 1))
    }
}

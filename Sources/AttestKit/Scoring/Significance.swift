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

    public init(trials: Int = 10_000, seed: UInt64 = 1) {
        self.trials = trials
        self.seed = seed
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
        let matching = a.options.matching
        let names = names.filter { a.metrics[$0] != nil && b.metrics[$0] != nil }
        var rng = SeededGenerator(seed: seed)
        var extreme = [Int](repeating: 0, count: names.count)
        let observed = names.map { abs(b.metrics[$0]! - a.metrics[$0]!) }
        for _ in 0..<trials {
            var ta = Totals()
            var tb = Totals()
            for i in a.documents.indices {
                if rng.next() & 1 == 0 {
                    ta.add(a.documents[i])
                    tb.add(b.documents[i])
                } else {
                    ta.add(b.documents[i])
                    tb.add(a.documents[i])
                }
            }
            let ma = Metrics.compute(ta, matching: matching)
            let mb = Metrics.compute(tb, matching: matching)
            for (k, name) in names.enumerated() where abs((mb[name] ?? 0) - (ma[name] ?? 0)) >= observed[k] - 1e-12 {
                extreme[k] += 1
            }
        }
        return names.enumerated().map { k, name in
            Comparison(
                metric: name, a: a.metrics[name]!, b: b.metrics[name]!,
                pValue: Double(extreme[k] + 1) / Double(trials + 1))
        }
    }
}

import AttestExtraction
import Foundation

/// A 95% interval of a metric.
public struct Interval: Hashable, Sendable, Codable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// Bootstrap resampling over documents: each sample draws as many documents
/// as the corpus has, with replacement, from a seeded generator, so the same
/// documents, seed and sample count give the same intervals.
public struct Bootstrap: Hashable, Sendable, Codable {
    public var samples: Int
    public var seed: UInt64

    public init(samples: Int, seed: UInt64 = 1) {
        self.samples = samples
        self.seed = seed
    }

    /// Percentile intervals (2.5% and 97.5%) of every F1 and of attribution
    /// accuracy. `documents` must be in a canonical order (Attest sorts by id).
    /// Samples are drawn in order from one generator and summed on `jobs`
    /// threads, so the figures do not depend on the threads; `progress` gets
    /// the number of samples done so far (from any thread).
    public func intervals(
        _ documents: [DocumentScore], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> [String: Interval] {
        guard samples > 0, !documents.isEmpty else { return [:] }
        var rng = SeededGenerator(seed: seed)
        var values: [String: [Double]] = [:]
        let n = documents.count
        let keys = Metrics.compute(Totals(documents)).keys.filter(Self.wanted).sorted()
        let batch = 32
        var done = 0
        while done < samples {
            let count = min(batch, samples - done)
            var draws: [[Int]] = []
            for _ in 0..<count { draws.append((0..<n).map { _ in Int(rng.next() % UInt64(n)) }) }
            let results = ConcurrentMap.map(draws, jobs: jobs) { picks -> [Double] in
                var totals = Totals()
                for i in picks { totals.add(documents[i]) }
                // A resample counts as many documents as the corpus has.
                let metrics = Metrics.compute(totals)
                return keys.map { metrics[$0] ?? 0 }
            }
            for r in results {
                for (k, key) in keys.enumerated() { values[key, default: []].append(r[k]) }
            }
            done += count
            progress?(done)
        }
        var result: [String: Interval] = [:]
        for (key, v) in values {
            let sorted = v.sorted()
            result[key] = Interval(low: Self.quantile(sorted, 0.025), high: Self.quantile(sorted, 0.975))
        }
        return result
    }

    static func wanted(_ key: String) -> Bool { key.hasSuffix(".f1") || key.hasSuffix(".accuracy") }

    /// Linear interpolation between closest ranks (numpy's default).
    package static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}

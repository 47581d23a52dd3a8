import AttestExtraction

/// Checks gates against a run's metrics and, for drops, a baseline run's.
public enum GateCheck {
    /// Gates naming a metric the run does not have are an error, not a pass.
    /// A `max-drop` gate with no baseline is skipped (reported in `skipped`).
    public static func evaluate(_ gates: [Gate], metrics: [String: Double], baseline: [String: Double]?) throws
        -> (results: [GateResult], skipped: [String])
    {
        var results: [GateResult] = []
        var skipped: [String] = []
        for gate in gates {
            guard let actual = metrics[gate.metric] else {
                let near = metrics.keys.filter {
                    $0.hasPrefix(gate.metric.split(separator: ".").first.map(String.init) ?? "")
                }.sorted().prefix(6)
                throw AttestError(
                    "gate names unknown metric \(gate.metric); metrics include \(near.joined(separator: ", ")) (see docs/metrics.md)"
                )
            }
            if let min = gate.min {
                results.append(
                    GateResult(
                        metric: gate.metric, rule: .min, threshold: min, actual: actual, passed: actual + 1e-12 >= min))
            }
            if let drop = gate.maxDrop {
                guard let baseline, let base = baseline[gate.metric] else {
                    skipped.append("\(gate.metric) max-drop \(drop): no baseline run given (--baseline)")
                    continue
                }
                results.append(
                    GateResult(
                        metric: gate.metric, rule: .maxDrop, threshold: drop, actual: actual, baseline: base,
                        passed: base - actual <= drop + 1e-12))
            }
        }
        return (results, skipped)
    }
}

extension GateCheck {
    /// The gates of a run: the manifest's, with `--min` gates replacing the
    /// manifest's minimum for the same metric, plus a `max-drop` gate on
    /// every headline metric when `maxDrop` is given (it needs a baseline).
    public static func plan(manifest: [Gate], minimums: [Gate], maxDrop: Double?) -> [Gate] {
        var gates: [Gate] = []
        let overridden = Set(minimums.map(\.metric))
        for g in manifest {
            var gate = g
            if overridden.contains(g.metric) { gate.min = nil }
            if maxDrop != nil, Metrics.headline.contains(g.metric) { gate.maxDrop = nil }
            if gate.min != nil || gate.maxDrop != nil { gates.append(gate) }
        }
        gates.append(contentsOf: minimums)
        if let maxDrop { gates.append(contentsOf: Metrics.headline.map { Gate(metric: $0, maxDrop: maxDrop) }) }
        return gates
    }
}

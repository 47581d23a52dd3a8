import Foundation

/// `attest compare`: per headline metric, the two values, their difference
/// and its significance.
public enum ComparisonReport {
    public static func render(_ rows: [Comparison], trials: Int) -> String {
        var t = TextTable(["metric", "A", "B", "B − A", "p", "significant (p < 0.05)"])
        for r in rows {
            t.add([
                r.metric, Figure.score(r.a), Figure.score(r.b), String(format: "%+.4f", r.difference),
                String(format: "%.4f", r.pValue), r.significant ? "yes" : "no",
            ])
        }
        return "Paired approximate randomization over documents, \(trials) trials (two-sided).\n\n" + t.render()
    }
}

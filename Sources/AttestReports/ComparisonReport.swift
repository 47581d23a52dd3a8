import AttestScoring
import Foundation

/// `attest compare`: per headline metric, the two values, their difference
/// and its significance.
public enum ComparisonReport {
    /// `smallestPValue`: the least p-value the test can give here (see
    /// `ApproximateRandomization.smallestPValue`), said when it is 0.05 or more.
    public static func render(_ rows: [Comparison], trials: Int, documents: Int, smallestPValue: Double) -> String {
        var t = TextTable(["metric", "A", "B", "B − A", "p", "significant (p < 0.05)"])
        for r in rows {
            t.add([
                r.metric, Figure.score(r.a), Figure.score(r.b), String(format: "%+.4f", r.difference),
                String(format: "%.4f", r.pValue), r.significant ? "yes" : "no",
            ])
        }
        var out =
            "Paired approximate randomization over \(documents) documents, \(trials) trials (two-sided).\n\n"
            + t.render()
        if smallestPValue >= 0.05 {
            var needed = 1
            while 2.0 / Double(UInt64(1) << UInt64(needed)) >= 0.05 { needed += 1 }
            out += String(
                format:
                    "\nWith %d document(s) the smallest p-value this test can give is %.4f: no difference can be significant at p < 0.05 here (that takes at least %d documents).\n",
                documents, smallestPValue, needed)
        } else {
            out += String(format: "\nThe smallest p-value this test can give here is %.6f.\n", smallestPValue)
        }
        return out
    }
}

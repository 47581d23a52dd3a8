import AttestScoring
import Foundation

/// `attest trend`: the headline metrics over saved runs (JSON reports, oldest first), each with its
/// interval when the run was bootstrapped, the gate on it and the runs that failed that gate: as a
/// text table, a self-contained HTML page of SVG line charts, and Markdown with Mermaid charts.
public enum TrendReport {
    /// One saved run and the name it is shown under.
    public struct Run: Sendable {
        public var label: String
        public var report: ScoreReport

        public init(label: String, report: ScoreReport) {
            self.label = label
            self.report = report
        }
    }

    /// The metrics drawn: the headline ones, then any other a run's gate is on.
    public static func metrics(_ runs: [Run]) -> [String] {
        let headline = [
            "entities.strict.f1", "entities.exact.f1", "entities.partial.f1", "entities.type.f1", "quotes.exact.f1",
            "quotes.overlap.f1", "quotes.attribution.f1", "quotes.attribution.accuracy",
        ]
        let gated = Set(runs.flatMap { $0.report.gates.map(\.metric) }).subtracting(headline).sorted()
        return (headline + gated).filter { m in runs.contains { $0.report.metrics[m] != nil } }
    }

    /// The newest threshold of a "min" gate on `metric`, if any run had one.
    static func threshold(_ metric: String, _ runs: [Run]) -> Double? {
        runs.reversed().lazy.compactMap { run in run.report.gates.first { $0.metric == metric && $0.rule == .min } }
            .first?.threshold
    }

    static func failed(_ metric: String, _ run: Run) -> Bool {
        run.report.gates.contains { $0.metric == metric && !$0.passed }
    }

    static func figure(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "—" }

    /// One row per metric, one column per run; a failed gate's value is marked "✗".
    static func table(_ runs: [Run]) -> TextTable {
        var t = TextTable(["metric"] + runs.map(\.label) + ["gate"])
        for m in metrics(runs) {
            t.add(
                [m] + runs.map { run in figure(run.report.metrics[m]) + (failed(m, run) ? " ✗" : "") }
                    + [threshold(m, runs).map { "≥ " + figure($0) } ?? ""])
        }
        return t
    }

    /// The table, and the runs that failed a gate.
    public static func text(_ runs: [Run]) -> String {
        let failing = runs.filter { !$0.report.gatesPassed }.map(\.label)
        return "\(runs.count) run(s), oldest first; ✗: a gate on that metric failed in that run.\n\n"
            + table(runs).render()
            + (failing.isEmpty ? "" : "\nRuns that failed a gate: \(failing.joined(separator: ", "))\n")
    }

    /// The page: a line chart per metric (value, interval whisker, gate line, failed runs marked),
    /// and the same figures as a table.
    public static func html(_ runs: [Run]) -> String {
        func e(_ s: String) -> String { SVGChart.escape(s) }
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        s += "<title>Attest trend</title>\n<style>\nbody { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; "
        s += "max-width: 72rem; padding: 0 1rem 3rem; }\ntable { border-collapse: collapse; }\n"
        s += "th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: right; }\n"
        s += "th[scope=row] { text-align: left; }\ntd.failed { font-weight: 600; color: #8a1500; }\n"
        s += ".charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }\n\(SVGChart.style)\n</style>\n</head>\n<body>\n"
        s += "<h1>Attest trend</h1>\n<p>\(runs.count) run(s), oldest first. Each point is written with its value; "
        s +=
            "a whisker is its 95% interval; the dashed line is the gate; ✗ marks a run whose gate on that metric failed.</p>\n"
        s += "<div class=\"charts\">\n"
        for m in metrics(runs) {
            let points = runs.map { run in
                SVGChart.Point(
                    label: run.label, value: run.report.metrics[m],
                    interval: run.report.intervals[m].map { ($0.low, $0.high) }, failed: failed(m, run))
            }
            s += "<figure data-metric=\"\(e(m))\">" + SVGChart.line(title: m, points, threshold: threshold(m, runs))
            s += "</figure>\n"
        }
        s += "</div>\n<h2>The figures</h2>\n<table><thead><tr><th scope=\"col\">metric</th>"
        for run in runs { s += "<th scope=\"col\"><bdi>\(e(run.label))</bdi></th>" }
        s += "<th scope=\"col\">gate</th></tr></thead><tbody>\n"
        for m in metrics(runs) {
            s += "<tr><th scope=\"row\">\(e(m))</th>"
            for run in runs {
                let bad = failed(m, run)
                s +=
                    "<td\(bad ? " class=\"failed\"" : "")>\(figure(run.report.metrics[m]))\(bad ? " ✗ failed" : "")</td>"
            }
            s += "<td>\(threshold(m, runs).map { "≥ " + figure($0) } ?? "")</td></tr>\n"
        }
        return s + "</tbody></table>\n</body>\n</html>\n"
    }

    /// Markdown for a step summary: a Mermaid line chart of the strict entity F1 and the quote
    /// overlap F1 over the runs, then the table.
    public static func markdown(_ runs: [Run]) -> String {
        var out = "## Attest trend\n\n\(runs.count) run(s), oldest first.\n"
        for m in ["entities.strict.f1", "quotes.overlap.f1"] where runs.contains(where: { $0.report.metrics[m] != nil })
        {
            out += MermaidChart.block(
                title: m, axis: m, categories: runs.map(\.label), values: runs.map { $0.report.metrics[m] ?? 0 },
                kind: .line)
        }
        return out + "\n" + table(runs).markdown()
    }
}

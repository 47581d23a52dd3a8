import AttestScoring

/// The Markdown report (`--markdown FILE`): for a pull-request comment or a
/// CI step summary.
public enum MarkdownScoreReport {
    public static func render(_ card: Scorecard, gates: [GateResult] = [], skippedGates: [String] = []) -> String {
        let t = ScoreTables(card, gates: gates, skippedGates: skippedGates)
        var out = "## Attest score\n\n\(t.title)\n"
        if !gates.isEmpty {
            let failed = gates.filter { !$0.passed }.count
            out +=
                failed == 0
                ? "\n**All \(gates.count) gate(s) passed.**\n" : "\n**\(failed) of \(gates.count) gate(s) failed.**\n"
        }
        out += typeChart(card)
        for s in t.sections { out += "\n### \(s.heading)\n\n" + s.table.markdown() }
        if !t.notes.isEmpty { out += "\n" + t.notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        for f in card.failures where !f.stderrTail.isEmpty {
            out += "\n<details><summary>stderr of the extractor on \(f.id) (last lines)</summary>\n\n```\n"
            out += f.stderrTail.map { $0.replacingOccurrences(of: "```", with: "ˋˋˋ") }.joined(separator: "\n")
            out += "\n```\n\n</details>\n"
        }
        return out
    }

    /// Strict F1 per entity type as a Mermaid bar chart (the table below gives the same figures as
    /// text). Empty without types.
    static func typeChart(_ card: Scorecard) -> String {
        let types = card.totals.entityTypes.keys.sorted()
        guard !types.isEmpty else { return "" }
        return MermaidChart.block(
            title: "Strict F1 by entity type", axis: "F1", categories: types,
            values: types.map { card.metrics["entities.strict.\($0).f1"] ?? 0 }, kind: .bar)
    }
}

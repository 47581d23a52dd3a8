import AttestScoring

/// The report `attest score` prints on a terminal.
public enum TerminalScoreReport {
    public static func render(_ card: Scorecard, gates: [GateResult] = [], skippedGates: [String] = []) -> String {
        let t = ScoreTables(card, gates: gates, skippedGates: skippedGates)
        var out = "attest score: \(t.title)\n"
        for s in t.sections { out += "\n" + s.heading + "\n" + s.table.render(indent: "  ") }
        if !t.notes.isEmpty { out += "\n" + t.notes.joined(separator: "\n") + "\n" }
        if !gates.isEmpty {
            let failed = gates.filter { !$0.passed }
            out +=
                failed.isEmpty
                ? "\nAll \(gates.count) gate(s) passed.\n"
                : "\n\(failed.count) of \(gates.count) gate(s) FAILED:\n"
                    + failed.map { "  " + $0.summary + "\n" }.joined()
        }
        return out
    }
}

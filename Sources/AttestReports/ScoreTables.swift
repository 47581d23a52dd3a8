import AttestScoring

/// The tables every human-readable score report shows, built once from a
/// scorecard; the terminal and Markdown reports only lay them out.
struct ScoreTables {
    var title: String
    var sections: [(heading: String, table: TextTable)] = []
    var notes: [String] = []

    init(_ card: Scorecard, gates: [GateResult], skippedGates: [String]) {
        let m = card.metrics
        let ci = card.intervals
        let withCI = !ci.isEmpty
        let matching =
            card.options.matching == .nervaluate
            ? "nervaluate (as nervaluate 1.2.1, greedy in prediction order)"
            : "optimal (one-to-one, maximum total overlap)"
        title =
            "\(card.documents.count) document(s)"
            + (card.skipped.isEmpty ? "" : " (\(card.skipped.count) skipped)")
            + (card.failures.isEmpty ? "" : " (\(card.failures.count) extractor failure(s))")
            + " · entity matching: \(matching) · quote overlap: Jaccard ≥ \(card.options.overlap)"

        var entities = TextTable(
            ["entities", "COR", "INC", "PAR", "MIS", "SPU", "precision", "recall", "F1"] + (withCI ? ["F1 95% CI"] : [])
        )
        for scheme in EntityScheme.allCases {
            let c = card.totals.entities[scheme]
            let key = "entities.\(scheme.rawValue)"
            entities.add(
                [
                    scheme.rawValue, "\(c.cor)", "\(c.inc)", "\(c.par)", "\(c.mis)", "\(c.spu)",
                    Figure.score(m[key + ".precision"]),
                    Figure.score(m[key + ".recall"]), Figure.score(m[key + ".f1"]),
                ] + (withCI ? [Figure.interval(ci[key + ".f1"])] : []))
        }
        for scheme in [EntityScheme.strict, .partial] {
            let key = "entities.macro.\(scheme.rawValue)"
            entities.add(
                [
                    "macro \(scheme.rawValue)", "", "", "", "", "", Figure.score(m[key + ".precision"]),
                    Figure.score(m[key + ".recall"]),
                    Figure.score(m[key + ".f1"]),
                ] + (withCI ? [Figure.interval(ci[key + ".f1"])] : []))
        }
        sections.append(("Entity mentions (SemEval-2013 schemes)", entities))

        var types = TextTable(
            ["type (strict)", "COR", "INC", "PAR", "MIS", "SPU", "precision", "recall", "F1"]
                + (withCI ? ["F1 95% CI"] : []))
        for type in card.totals.entityTypes.keys.sorted() {
            let c = card.totals.entityTypes[type]!.strict
            let key = "entities.strict.\(type)"
            types.add(
                [
                    type, "\(c.cor)", "\(c.inc)", "\(c.par)", "\(c.mis)", "\(c.spu)",
                    Figure.score(m[key + ".precision"]), Figure.score(m[key + ".recall"]),
                    Figure.score(m[key + ".f1"]),
                ] + (withCI ? [Figure.interval(ci[key + ".f1"])] : []))
        }
        sections.append(("Entity mentions per type", types))

        let confusionRows = card.totals.entityConfusion
        if !confusionRows.isEmpty {
            let goldTypes = confusionRows.keys.filter { $0 != "none" }.sorted()
            let predictedTypes = Set(confusionRows.values.flatMap(\.keys)).subtracting(["none"]).sorted()
            var table = TextTable(["gold \\ predicted"] + predictedTypes + ["missed"])
            for g in goldTypes {
                table.add([g] + (predictedTypes + ["none"]).map { "\(confusionRows[g]?[$0] ?? 0)" })
            }
            table.add(["spurious"] + predictedTypes.map { "\(confusionRows["none"]?[$0] ?? 0)" } + [""])
            sections.append(("Entity types of paired mentions (same boundaries, else first overlap)", table))
        }

        let q = card.totals.quotes
        var quotes = TextTable(
            ["quotes", "matched", "predicted", "gold", "precision", "recall", "F1"] + (withCI ? ["F1 95% CI"] : []))
        func row(_ label: String, _ t: Tally, _ key: String) {
            quotes.add(
                [
                    label, "\(t.tp)", "\(t.predicted)", "\(t.expected)", Figure.score(m[key + ".precision"]),
                    Figure.score(m[key + ".recall"]),
                    Figure.score(m[key + ".f1"]),
                ] + (withCI ? [Figure.interval(ci[key + ".f1"])] : []))
        }
        row("exact span", q.exact, "quotes.exact")
        row("overlap", q.overlap, "quotes.overlap")
        for kind in q.kinds.keys.sorted() {
            row("  \(kind) (overlap)", q.kinds[kind]!.overlap, "quotes.overlap.\(kind)")
        }
        for kind in q.kinds.keys.sorted() { row("  \(kind) (exact)", q.kinds[kind]!.exact, "quotes.exact.\(kind)") }
        row("attribution (end to end)", q.attribution, "quotes.attribution")
        row("cue", q.cue, "quotes.cue")
        row("speakers (who is quoted)", q.speakers, "quotes.speakers")
        sections.append(("Quotes", quotes))
        notes.append(
            "Attribution accuracy: \(Figure.score(m["quotes.attribution.accuracy"])) (\(q.attributed) of \(q.matched) overlap-matched quotes)"
                + (withCI ? " " + Figure.interval(ci["quotes.attribution.accuracy"]) : ""))

        let predictedKinds = ["direct", "indirect", "mixed", "none"]
        var confusion = TextTable(["gold \\ predicted"] + predictedKinds)
        for g in ["direct", "indirect", "mixed"] where q.confusion[g] != nil || q.kinds[g] != nil {
            confusion.add([g] + predictedKinds.map { "\(q.confusion[g]?[$0] ?? 0)" })
        }
        sections.append(("Quote kinds of overlap-matched quotes", confusion))

        if !gates.isEmpty {
            var table = TextTable(["gate", "rule", "threshold", "actual", "baseline", "margin", "verdict"])
            for g in gates {
                table.add(
                    [
                        g.metric, g.rule.rawValue, Figure.score(g.threshold), Figure.score(g.actual),
                        g.baseline.map { Figure.score($0) } ?? "",
                        String(format: "%+.4f", g.margin), g.passed ? "pass" : "FAIL",
                    ])
            }
            sections.append(("Gates", table))
        }
        for s in skippedGates { notes.append("Gate skipped: \(s)") }

        if !card.failures.isEmpty {
            var table = TextTable(["document", "failure", "what happened", "last line of stderr"])
            for f in card.failures {
                table.add([f.id, f.kind.rawValue, "the extractor " + f.reason, f.stderrTail.last ?? ""])
            }
            sections.append(("Extractor failures (scored as empty)", table))
        }
        if !card.skipped.isEmpty {
            let list = card.skipped.prefix(20).map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", ")
            let more = card.skipped.count > 20 ? ", … (\(card.skipped.count) in all)" : ""
            notes.append("Skipped, not in the gold set for their status: \(card.skipped.count) file(s): \(list)\(more)")
        }
    }
}

import AttestScoring

/// The tables every human-readable score report shows, built once from a
/// scorecard; the terminal and Markdown reports only lay them out.
struct ScoreTables {
    var title: String
    var sections: [(heading: String, table: TextTable)] = []
    var notes: [String] = []

    init(_ card: Scorecard, gates: [GateResult], skippedGates: [String]) {
        let figures = Figures(card)
        title = Self.title(card)
        sections.append(("Entity mentions (SemEval-2013 schemes)", figures.entities(card.totals)))
        sections.append(("Entity mentions per type", figures.types(card.totals)))
        if let confusion = Self.typeConfusion(card.totals.entityConfusion) {
            sections.append(("Entity types of paired mentions (same boundaries, else first overlap)", confusion))
        }
        sections.append(("Quotes", figures.quotes(card.totals.quotes)))
        notes.append(figures.attributionNote(card.totals.quotes))
        sections.append(("Quote kinds of overlap-matched quotes", Self.kindConfusion(card.totals.quotes)))
        notes += Self.undefinedNotes(card.totals)
        if !gates.isEmpty { sections.append(("Gates", Self.gates(gates))) }
        for s in skippedGates { notes.append("Gate skipped: \(s)") }
        if !card.failures.isEmpty { sections.append(("Extractor failures (scored as empty)", Self.failures(card))) }
        if !card.skipped.isEmpty {
            let list = card.skipped.prefix(20).map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", ")
            let more = card.skipped.count > 20 ? ", … (\(card.skipped.count) in all)" : ""
            notes.append("Skipped, not in the gold set for their status: \(card.skipped.count) file(s): \(list)\(more)")
        }
    }

    /// What is undefined, said in words: a precision with nothing predicted, a recall with nothing in
    /// the gold set. Printed as 0, as nervaluate and seqeval give them (so the figures stay equal to
    /// theirs and a gate on them fails); `attest agree` prints the same cases as `undefined`
    /// (docs/metrics.md, "Undefined agreement").
    static func undefinedNotes(_ totals: Totals) -> [String] {
        func note(_ what: String, gold: Int, predicted: Int) -> String? {
            let missing =
                gold == 0 && predicted == 0
                ? "neither the gold set nor the prediction has any, so precision, recall and F1"
                : gold == 0
                    ? "the gold set has none, so recall and F1"
                    : predicted == 0 ? "the prediction has none, so precision and F1" : nil
            return missing.map {
                "Undefined: \(what): \($0) are undefined, printed 0 as nervaluate gives them (a gate on them fails)"
            }
        }
        let e = totals.entities.strict
        let q = totals.quotes.exact
        return [
            note("entity mentions", gold: e.possible, predicted: e.actual),
            note("quotes", gold: q.expected, predicted: q.predicted),
        ].compactMap { $0 }
    }

    private static func title(_ card: Scorecard) -> String {
        let matching =
            card.options.matching == .nervaluate
            ? "nervaluate (as nervaluate 1.2.1, greedy in prediction order)"
            : "optimal (one-to-one, maximum total overlap)"
        return "\(card.documents.count) document(s)"
            + (card.skipped.isEmpty ? "" : " (\(card.skipped.count) skipped)")
            + (card.failures.isEmpty ? "" : " (\(card.failures.count) extractor failure(s))")
            + " · entity matching: \(matching) · quote overlap: Jaccard ≥ \(card.options.overlap)"
    }

    /// The scorecard's figures, with their intervals when it has them.
    private struct Figures {
        let m: [String: Double]
        let ci: [String: Interval]
        var withCI: Bool { !ci.isEmpty }

        init(_ card: Scorecard) {
            m = card.metrics
            ci = card.intervals
        }

        /// Precision, recall and F1 under `key`, and the F1's interval.
        func prf(_ key: String) -> [String] {
            [Figure.score(m[key + ".precision"]), Figure.score(m[key + ".recall"]), Figure.score(m[key + ".f1"])]
                + (withCI ? [Figure.interval(ci[key + ".f1"])] : [])
        }

        func header(_ first: [String]) -> [String] {
            first + ["precision", "recall", "F1"] + (withCI ? ["F1 95% CI"] : [])
        }

        func entities(_ totals: Totals) -> TextTable {
            var table = TextTable(header(["entities", "COR", "INC", "PAR", "MIS", "SPU"]))
            for scheme in EntityScheme.allCases {
                let c = totals.entities[scheme]
                table.add(
                    [scheme.rawValue, "\(c.cor)", "\(c.inc)", "\(c.par)", "\(c.mis)", "\(c.spu)"]
                        + prf("entities.\(scheme.rawValue)"))
            }
            for scheme in [EntityScheme.strict, .partial] {
                table.add(["macro \(scheme.rawValue)", "", "", "", "", ""] + prf("entities.macro.\(scheme.rawValue)"))
            }
            return table
        }

        func types(_ totals: Totals) -> TextTable {
            var table = TextTable(header(["type (strict)", "COR", "INC", "PAR", "MIS", "SPU"]))
            for type in totals.entityTypes.keys.sorted() {
                let c = totals.entityTypes[type]!.strict
                table.add(
                    [type, "\(c.cor)", "\(c.inc)", "\(c.par)", "\(c.mis)", "\(c.spu)"]
                        + prf("entities.strict.\(type)"))
            }
            return table
        }

        func quotes(_ q: QuoteDocumentScore) -> TextTable {
            var table = TextTable(header(["quotes", "matched", "predicted", "gold"]))
            func row(_ label: String, _ t: Tally, _ key: String) {
                table.add([label, "\(t.tp)", "\(t.predicted)", "\(t.expected)"] + prf(key))
            }
            row("exact span", q.exact, "quotes.exact")
            row("overlap", q.overlap, "quotes.overlap")
            for kind in q.kinds.keys.sorted() {
                row("  \(kind) (overlap)", q.kinds[kind]!.overlap, "quotes.overlap.\(kind)")
            }
            for kind in q.kinds.keys.sorted() {
                row("  \(kind) (exact)", q.kinds[kind]!.exact, "quotes.exact.\(kind)")
            }
            row("attribution (end to end)", q.attribution, "quotes.attribution")
            row("cue", q.cue, "quotes.cue")
            row("speakers (who is quoted)", q.speakers, "quotes.speakers")
            return table
        }

        func attributionNote(_ q: QuoteDocumentScore) -> String {
            "Attribution accuracy: \(Figure.score(m["quotes.attribution.accuracy"])) (\(q.attributed) of \(q.matched) overlap-matched quotes)"
                + (withCI ? " " + Figure.interval(ci["quotes.attribution.accuracy"]) : "")
        }
    }

    /// Gold type × predicted type of paired mentions; nil when nothing was paired.
    private static func typeConfusion(_ rows: [String: [String: Int]]) -> TextTable? {
        guard !rows.isEmpty else { return nil }
        let goldTypes = rows.keys.filter { $0 != "none" }.sorted()
        let predictedTypes = Set(rows.values.flatMap(\.keys)).subtracting(["none"]).sorted()
        var table = TextTable(["gold \\ predicted"] + predictedTypes + ["missed"])
        for g in goldTypes {
            table.add([g] + (predictedTypes + ["none"]).map { "\(rows[g]?[$0] ?? 0)" })
        }
        table.add(["spurious"] + predictedTypes.map { "\(rows["none"]?[$0] ?? 0)" } + [""])
        return table
    }

    private static func kindConfusion(_ q: QuoteDocumentScore) -> TextTable {
        let predictedKinds = ["direct", "indirect", "mixed", "none"]
        var table = TextTable(["gold \\ predicted"] + predictedKinds)
        for g in ["direct", "indirect", "mixed"] where q.confusion[g] != nil || q.kinds[g] != nil {
            table.add([g] + predictedKinds.map { "\(q.confusion[g]?[$0] ?? 0)" })
        }
        return table
    }

    private static func gates(_ gates: [GateResult]) -> TextTable {
        var table = TextTable(["gate", "rule", "threshold", "actual", "baseline", "margin", "verdict"])
        for g in gates {
            table.add(
                [
                    g.metric, g.rule.rawValue, Figure.score(g.threshold), Figure.score(g.actual),
                    g.baseline.map { Figure.score($0) } ?? "",
                    String(format: "%+.4f", g.margin), g.passed ? "pass" : "FAIL",
                ])
        }
        return table
    }

    private static func failures(_ card: Scorecard) -> TextTable {
        var table = TextTable(["document", "failure", "what happened", "last line of stderr"])
        for f in card.failures {
            table.add([f.id, f.kind.rawValue, "the extractor " + f.reason, f.stderrTail.last ?? ""])
        }
        return table
    }
}

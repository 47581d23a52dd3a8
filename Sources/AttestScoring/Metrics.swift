import AttestExtraction

/// The flat metric names that gates, comparisons and reports use, computed
/// from totals. Names read `entities.strict.f1`, `entities.strict.PERSON.f1`,
/// `entities.macro.strict.f1`, `quotes.overlap.f1`, `quotes.overlap.direct.f1`,
/// `quotes.attribution.accuracy`, `quotes.attribution.f1`, `quotes.cue.f1`,
/// `quotes.speakers.f1` (see docs/metrics.md).
public enum Metrics {
    public static func compute(_ totals: Totals) -> [String: Double] {
        var m: [String: Double] = [:]
        func put(_ key: String, _ prf: PRF) {
            m[key + ".precision"] = prf.precision
            m[key + ".recall"] = prf.recall
            m[key + ".f1"] = prf.f1
        }
        for scheme in EntityScheme.allCases {
            let w = scheme.partialWeight
            put("entities.\(scheme.rawValue)", totals.entities[scheme].scores(partialWeight: w))
            var macro: [PRF] = []
            // Types in a fixed order, so that the macro sums are the same on every run.
            for type in totals.entityTypes.keys.sorted() {
                let prf = totals.entityTypes[type]![scheme].scores(partialWeight: w)
                put("entities.\(scheme.rawValue).\(type)", prf)
                macro.append(prf)
            }
            if !macro.isEmpty {
                let n = Double(macro.count)
                m["entities.macro.\(scheme.rawValue).precision"] = macro.map(\.precision).reduce(0, +) / n
                m["entities.macro.\(scheme.rawValue).recall"] = macro.map(\.recall).reduce(0, +) / n
                m["entities.macro.\(scheme.rawValue).f1"] = macro.map(\.f1).reduce(0, +) / n
            } else {
                put("entities.macro.\(scheme.rawValue)", PRF(precision: 0, recall: 0))
            }
        }
        let q = totals.quotes
        put("quotes.exact", q.exact.scores)
        put("quotes.overlap", q.overlap.scores)
        for (kind, t) in q.kinds {
            put("quotes.exact.\(kind)", t.exact.scores)
            put("quotes.overlap.\(kind)", t.overlap.scores)
        }
        m["quotes.attribution.accuracy"] = q.matched > 0 ? Double(q.attributed) / Double(q.matched) : 0
        put("quotes.attribution", q.attribution.scores)
        put("quotes.cue", q.cue.scores)
        put("quotes.speakers", q.speakers.scores)
        return m
    }

    /// The metrics a report leads with and `attest compare` tests.
    public static let headline = [
        "entities.strict.f1", "entities.exact.f1", "entities.partial.f1", "entities.type.f1",
        "entities.macro.strict.f1",
        "quotes.exact.f1", "quotes.overlap.f1", "quotes.attribution.accuracy", "quotes.attribution.f1", "quotes.cue.f1",
        "quotes.speakers.f1",
    ]
}

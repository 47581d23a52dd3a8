import AttestScoring
import Foundation

/// `--html FILE`: the score report as one self-contained page (no network: its policy allows
/// nothing to be fetched; charts are `SVGChart`'s inline SVG; one inline script, allowed by its
/// hash). It shows the headline figures with their intervals and the gates, per-type figures for
/// each scheme, the type confusion as a heat map with its counts, every error in its sentence with
/// the gold and predicted spans marked (filterable, searchable, keyboard navigable, drawn a screen
/// at a time), the documents worst first, and the extractor's failures. Without the script, every
/// figure and table is still there; only the error browser needs it.
public enum HTMLScoreReport {
    /// The page for `card`; `studio` (an annotator's URL) links each document to it.
    public static func render(
        _ card: Scorecard, gates: [GateResult] = [], studio: String? = nil,
        comparison: Result<[Comparison], AttestError>? = nil
    ) -> String {
        let script = HTMLScoreReportScript.source
        let hash = HTMLScoreReportScript.sha256Base64(script)
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        s += "script-src 'sha256-\(hash)'; img-src data:\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s +=
            "<title>Attest score report</title>\n<style>\n\(HTMLScoreReportScript.style)\n\(SVGChart.style)\n</style>\n"
        s += "</head>\n<body>\n<header><h1>Attest score report</h1>\n"
        s += "<p>\(card.totals.documents) document(s) · entity matching: \(e(card.options.matching.rawValue))"
        if let gold = card.goldSet { s += " · gold set \(e(String(gold.prefix(12))))…" }
        s += "</p>\n<nav aria-label=\"Sections\"><a href=\"#headline\">Headline</a> <a href=\"#types\">Per type</a> "
        if comparison != nil { s += "<a href=\"#baseline\">Against the baseline</a> " }
        s += "<a href=\"#confusion\">Confusion</a> <a href=\"#errors\">Errors</a> <a href=\"#documents\">Documents</a>"
        if !card.failures.isEmpty { s += " <a href=\"#failures\">Extractor failures</a>" }
        s += "</nav></header>\n<main>\n"
        s += headline(card, gates: gates)
        if let comparison { s += against(comparison) }
        s += perType(card)
        s += confusion(card)
        s += errorBrowser(card, studio: studio)
        s += documents(card, studio: studio)
        if !card.failures.isEmpty { s += failures(card) }
        s += "</main>\n<script>\(script)</script>\n</body>\n</html>\n"
        return s
    }

    static func e(_ s: String) -> String { SVGChart.escape(s) }
    static func n(_ v: Double?) -> String { v.map { SVGChart.number($0) } ?? "—" }

    // MARK: Sections

    /// The metrics a reader looks at first, with their 95% intervals when bootstrapped.
    static let headlineMetrics: [(String, String)] = [
        ("entities.strict", "Entities, strict"), ("entities.exact", "Entities, exact boundaries"),
        ("entities.partial", "Entities, partial"), ("entities.type", "Entities, type"),
        ("quotes.exact", "Quotes, exact"), ("quotes.overlap", "Quotes, overlap"),
        ("quotes.attribution", "Attribution"), ("quotes.speakers", "Speakers"), ("quotes.cue", "Cues"),
    ]

    static func headline(_ card: Scorecard, gates: [GateResult]) -> String {
        var s = "<section id=\"headline\"><h2>Headline figures</h2>\n<table class=\"figures\">"
        s += "<thead><tr><th scope=\"col\">metric</th><th scope=\"col\">precision</th><th scope=\"col\">recall</th>"
        s += "<th scope=\"col\">F1</th><th scope=\"col\">F1, 95% interval</th></tr></thead><tbody>\n"
        for (key, label) in headlineMetrics where card.metrics["\(key).f1"] != nil {
            let interval = card.intervals["\(key).f1"].map { "[\(n($0.low)), \(n($0.high))]" } ?? "—"
            s += "<tr data-metric=\"\(key).f1\"><th scope=\"row\">\(e(label))</th>"
            s += "<td>\(n(card.metrics["\(key).precision"]))</td><td>\(n(card.metrics["\(key).recall"]))</td>"
            s += "<td class=\"f1\">\(n(card.metrics["\(key).f1"]))</td><td>\(interval)</td></tr>\n"
        }
        if let accuracy = card.metrics["quotes.attribution.accuracy"] {
            s += "<tr data-metric=\"quotes.attribution.accuracy\"><th scope=\"row\">Attribution accuracy "
            s += "(matched quotes)</th><td></td><td></td><td class=\"f1\">\(n(accuracy))</td><td>"
            s +=
                "\(card.intervals["quotes.attribution.accuracy"].map { "[\(n($0.low)), \(n($0.high))]" } ?? "—")</td></tr>\n"
        }
        s += "</tbody></table>\n"
        if !gates.isEmpty {
            let failed = gates.filter { !$0.passed }.count
            s += "<h3>Gates: \(failed == 0 ? "all \(gates.count) passed" : "\(failed) of \(gates.count) FAILED")</h3>\n"
            s += "<table class=\"gates\"><thead><tr><th scope=\"col\">verdict</th><th scope=\"col\">metric</th>"
            s += "<th scope=\"col\">value</th><th scope=\"col\">gate</th></tr></thead><tbody>\n"
            for g in gates {
                let rule =
                    g.rule == .min
                    ? "at least \(n(g.threshold))" : "at most \(n(g.threshold)) below the baseline \(n(g.baseline))"
                s += "<tr class=\"\(g.passed ? "pass" : "fail")\"><td>\(g.passed ? "✓ passed" : "✗ FAILED")</td>"
                s += "<td>\(e(g.metric))</td><td>\(n(g.actual))</td><td>\(rule)</td></tr>\n"
            }
            s += "</tbody></table>\n"
        }
        return s + "</section>\n"
    }

    /// The run against its baseline: both values, the change and whether it is significant, in words.
    static func against(_ comparison: Result<[Comparison], AttestError>) -> String {
        var s = "<section id=\"baseline\"><h2>Against the baseline</h2>\n"
        switch comparison {
        case .failure(let error):
            return s + "<p>Not compared: \(e(error.message))</p></section>\n"
        case .success(let rows):
            s +=
                "<p>Paired approximate randomization over documents, 1,000 trials, two-sided; significant: p &lt; 0.05.</p>\n"
            s += "<table class=\"figures\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\">baseline</th>"
            s += "<th scope=\"col\">this run</th><th scope=\"col\">change</th><th scope=\"col\">p</th>"
            s += "<th scope=\"col\">significant</th></tr></thead><tbody>\n"
            for r in rows {
                let change = String(format: "%+.4f", r.difference)
                let direction = r.difference > 0 ? "▲ " : r.difference < 0 ? "▼ " : ""
                s +=
                    "<tr data-metric=\"\(e(r.metric))\"><th scope=\"row\">\(e(r.metric))</th><td>\(n(r.a))</td><td>\(n(r.b))</td>"
                s += "<td>\(direction)\(change)</td><td>\(String(format: "%.4f", r.pValue))</td>"
                s += "<td>\(r.significant ? "yes" : "no")</td></tr>\n"
            }
            return s + "</tbody></table></section>\n"
        }
    }

    static let schemes = ["strict", "exact", "partial", "type"]

    /// Per type and scheme: F1 as bars, and precision, recall and F1 as a table; quotes by kind.
    static func perType(_ card: Scorecard) -> String {
        let types = card.totals.entityTypes.keys.sorted()
        var s = "<section id=\"types\"><h2>Per type</h2>\n"
        s += "<label>Scheme <select id=\"scheme\" aria-controls=\"types\">"
        for scheme in schemes { s += "<option value=\"\(scheme)\">\(scheme)</option>" }
        s += "</select></label>\n"
        for scheme in schemes {
            s += "<div class=\"scheme\" data-scheme=\"\(scheme)\"\(scheme == "strict" ? "" : " hidden")>\n"
            s += SVGChart.bars(
                title: "Entity precision, recall and F1 by type, \(scheme)",
                types.flatMap { t in
                    ["precision", "recall", "f1"].map { measure in
                        let key = "entities.\(scheme).\(t).\(measure)"
                        return SVGChart.Bar(
                            label: "\(t) \(measure == "f1" ? "F1" : measure)", value: card.metrics[key],
                            interval: card.intervals[key].map { ($0.low, $0.high) })
                    }
                })
            s += "\n<table class=\"figures\"><thead><tr><th scope=\"col\">type (\(scheme))</th>"
            s +=
                "<th scope=\"col\">precision</th><th scope=\"col\">recall</th><th scope=\"col\">F1</th>"
                + "<th scope=\"col\">F1, 95% interval</th></tr></thead><tbody>"
            for t in types {
                let key = "entities.\(scheme).\(t)"
                s +=
                    "<tr data-metric=\"\(e(key)).f1\"><th scope=\"row\">\(e(t))</th><td>\(n(card.metrics["\(key).precision"]))</td>"
                s +=
                    "<td>\(n(card.metrics["\(key).recall"]))</td><td class=\"f1\">\(n(card.metrics["\(key).f1"]))</td>"
                s += "<td>\(card.intervals["\(key).f1"].map { "[\(n($0.low)), \(n($0.high))]" } ?? "—")</td></tr>"
            }
            s += "</tbody></table></div>\n"
        }
        let kinds = ["direct", "indirect", "mixed"].filter { card.metrics["quotes.overlap.\($0).f1"] != nil }
        if !kinds.isEmpty {
            s += SVGChart.bars(
                title: "Quote F1 by kind (overlap, then exact)",
                kinds.map { SVGChart.Bar(label: "\($0), overlap", value: card.metrics["quotes.overlap.\($0).f1"]) }
                    + kinds.map { SVGChart.Bar(label: "\($0), exact", value: card.metrics["quotes.exact.\($0).f1"]) }
                    + [SVGChart.Bar(label: "attribution", value: card.metrics["quotes.attribution.f1"])])
        }
        return s + "</section>\n"
    }

    /// Gold type × predicted type, each cell's count written in it and shaded by its share of the row.
    static func confusion(_ card: Scorecard) -> String {
        let matrix = card.totals.entityConfusion
        let rows = matrix.keys.sorted()
        let columns = Set(matrix.values.flatMap(\.keys)).sorted { a, b in
            a == "none" ? false : b == "none" ? true : a < b
        }
        var s = "<section id=\"confusion\"><h2>Type confusion</h2>\n"
        s += "<p>Rows: the gold type; columns: the type predicted over it (none: missed). The diagonal is right; "
        s += "the shade is the cell's share of its row, and every count is written.</p>\n"
        s += "<table class=\"heat\"><thead><tr><th scope=\"col\">gold \\ predicted</th>"
        for c in columns { s += "<th scope=\"col\">\(e(c))</th>" }
        s += "</tr></thead><tbody>\n"
        for r in rows {
            let total = max(1, matrix[r, default: [:]].values.reduce(0, +))
            s += "<tr><th scope=\"row\">\(e(r))</th>"
            for c in columns {
                let count = matrix[r]?[c] ?? 0
                let share = Double(count) / Double(total)
                let cls = r == c ? " class=\"diagonal\"" : ""
                // At most 0.6 of the tone: the darkest cell keeps its count above 4.5:1 against the text.
                let alpha = String(format: "%.2f", share * 0.6)
                let tone = r == c ? "59,110,168" : "160,60,20"
                s +=
                    "<td\(cls) style=\"background:rgba(\(tone),\(alpha))\" data-gold=\"\(e(r))\" data-predicted=\"\(e(c))\">"
                s += "\(count)<span class=\"share\"> (\(Int((share * 100).rounded()))%)</span></td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table></section>\n"
    }

    /// Every error as JSON for the browser script (code points, relative to the focus's start).
    static func errorBrowser(_ card: Scorecard, studio: String?) -> String {
        var items: [JSONTree] = []
        var kinds: Set<String> = []
        var types: Set<String> = []
        for (index, d) in card.documents.enumerated() {
            for error in d.errors {
                let starts = [error.gold?.start, error.predicted?.start].compactMap { $0 }
                let origin = starts.min() ?? 0
                func span(_ s: Span?) -> JSONTree {
                    guard let s else { return .null }
                    return .array([.int(s.start - origin), .int(s.end - origin), .int(s.start), .int(s.end)])
                }
                kinds.insert(error.kind.rawValue)
                for t in [error.goldType, error.predictedType].compactMap({ $0 }) { types.insert(t) }
                items.append(
                    .object([
                        "d": .int(index), "k": .string(error.kind.rawValue), "g": span(error.gold),
                        "gt": error.goldType.map(JSONTree.string) ?? .null, "p": span(error.predicted),
                        "pt": error.predictedType.map(JSONTree.string) ?? .null, "b": .string(error.before),
                        "f": .string(error.focus), "a": .string(error.after),
                    ]))
            }
        }
        let data = JSONTree.object([
            "documents": .array(card.documents.map { .string($0.id) }), "errors": .array(items),
            "rows": documentRows(card),
            "studio": studio.map(JSONTree.string) ?? .null,
        ])
        var s = "<section id=\"errors\"><h2>Errors (\(items.count))</h2>\n"
        s += "<p>Each error in its sentence: <mark class=\"gold\">gold</mark> underlined, "
        s += "<mark class=\"pred\">predicted</mark> boxed; both labelled with their type.</p>\n"
        s += "<div class=\"filters\" role=\"search\">"
        s += "<label>Kind <select id=\"error-kind\"><option value=\"\">all</option>"
        for k in kinds.sorted() { s += "<option>\(e(k))</option>" }
        s += "</select></label> <label>Type <select id=\"error-type\"><option value=\"\">all</option>"
        for t in types.sorted() { s += "<option>\(e(t))</option>" }
        s += "</select></label> <label>Document <input id=\"error-doc\" type=\"search\" list=\"document-ids\"></label> "
        s += "<label>Marked text <input id=\"error-search\" type=\"search\"></label> "
        s += "<span id=\"error-count\" role=\"status\" aria-live=\"polite\"></span></div>\n"
        s += "<datalist id=\"document-ids\">"
        for d in card.documents where !d.errors.isEmpty { s += "<option value=\"\(e(d.id))\">" }
        s += "</datalist>\n"
        s += "<p class=\"keys\">Keys in the list: ↑ ↓ move, Page Up / Page Down, Home / End; Enter opens the document"
        s += studio == nil ? " (with --studio URL)." : " in the annotator."
        s +=
            "</p>\n<ol id=\"error-list\" tabindex=\"0\" aria-label=\"Errors\" aria-keyshortcuts=\"ArrowUp ArrowDown Home End PageUp PageDown Enter\">"
        s += "<li>The error browser needs the page's script.</li></ol>\n"
        s += "<script type=\"application/json\" id=\"error-data\">"
        s += String(decoding: data.bytes, as: UTF8.self)
        return s + "</script></section>\n"
    }

    /// Every document with its strict F1 and error count, worst first; a strip of the same.
    static func documents(_ card: Scorecard, studio: String?) -> String {
        let f1 = strictF1
        let sorted = card.documents.sorted { a, b in
            let (x, y) = (f1(a) ?? 2, f1(b) ?? 2)
            return x != y ? x < y : a.id < b.id
        }
        func link(_ id: String) -> String? {
            studio.map {
                $0 + ($0.contains("?") ? "&" : "?") + "doc="
                    + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id) + "&review=1"
            }
        }
        var s = "<section id=\"documents\"><h2>Documents, worst first</h2>\n"
        let shown = sorted.prefix(400)
        s += SVGChart.strip(
            title: "Strict entity F1 of the \(shown.count) worst document(s)",
            shown.map { d in
                SVGChart.Cell(
                    label: d.id, value: f1(d), link: link(d.id), note: "F1 \(n(f1(d))), \(d.errors.count) error(s)")
            })
        s += "\n<p id=\"docs-range\" role=\"status\">The \(min(sorted.count, Self.documentPage)) worst of "
        s += "\(sorted.count) document(s).</p>\n"
        s +=
            "<div class=\"pager\"><button type=\"button\" id=\"docs-prev\" hidden>Previous \(Self.documentPage)</button> "
        s += "<button type=\"button\" id=\"docs-next\" hidden>Next \(Self.documentPage)</button></div>\n"
        s += "<table class=\"sortable\" id=\"document-table\"><thead><tr>"
        for (k, column) in ["document", "strict F1", "errors", "gold mentions", "predicted"].enumerated() {
            s +=
                "<th scope=\"col\" aria-sort=\"\(k == 1 ? "ascending" : "none")\"><button type=\"button\" data-column=\"\(k)\">"
            s += "\(column)</button></th>"
        }
        s += "</tr></thead><tbody>\n"
        // The first page written here (it reads without the script); the script pages and sorts all of
        // them from the data (10,000 rows written out took 1.2 s of the browser's parsing).
        for d in sorted.prefix(Self.documentPage) {
            let name = link(d.id).map { "<a href=\"\(e($0))\"><bdi>\(e(d.id))</bdi></a>" } ?? "<bdi>\(e(d.id))</bdi>"
            let c = d.entities.overall.strict
            s += "<tr><th scope=\"row\">\(name)</th><td>\(n(f1(d)))</td><td>\(d.errors.count)</td>"
            s += "<td>\(c.possible)</td><td>\(d.predicted ? "yes" : "no")</td></tr>\n"
        }
        return s + "</tbody></table></section>\n"
    }

    /// A document's strict entity F1; nil (undefined) when it has no gold and no predicted mention.
    static func strictF1(_ d: DocumentScore) -> Double? {
        let c = d.entities.overall.strict
        return c.possible + c.actual == 0 ? nil : c.scores(partialWeight: 0).f1
    }

    /// Rows of the document table a page holds.
    static let documentPage = 100

    /// Each document's row for the script: id, strict F1 (null: undefined), errors, gold mentions,
    /// predicted (1 or 0), in the order of `card.documents` (the errors' `d`).
    static func documentRows(_ card: Scorecard) -> JSONTree {
        .array(
            card.documents.map { d in
                let f1: JSONTree = strictF1(d).map(JSONTree.double) ?? .null
                return .array([
                    .string(d.id), f1, .int(d.errors.count), .int(d.entities.overall.strict.possible),
                    .int(d.predicted ? 1 : 0),
                ])
            })
    }

    static func failures(_ card: Scorecard) -> String {
        var s = "<section id=\"failures\"><h2>Extractor failures (\(card.failures.count))</h2>\n<table><thead><tr>"
        s += "<th scope=\"col\">document</th><th scope=\"col\">kind</th><th scope=\"col\">reason</th>"
        s += "<th scope=\"col\">stderr (last lines)</th></tr></thead><tbody>\n"
        for f in card.failures {
            s += "<tr><th scope=\"row\"><bdi>\(e(f.id))</bdi></th><td>\(e(f.kind.rawValue))</td><td>\(e(f.reason))</td>"
            s += "<td><pre>\(e(f.stderrTail.joined(separator: "\n")))</pre></td></tr>\n"
        }
        return s + "</tbody></table></section>\n"
    }
}

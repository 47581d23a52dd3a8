import AttestReports
import Foundation

/// The agreement report as one self-contained HTML page (`attest agree --html`, the studio's
/// `/agreement`): pairwise and average F1, κ and α_u as bar charts with the pair on one axis, the
/// same per entity type, a strip of documents worst first, a table of every document linking to
/// its curation view, and where the annotators differed. Inline style and SVG only (SVGChart): no
/// script, nothing fetched, so it opens offline and from a CI artifact.
public enum AgreementPage {
    /// The page; `link(id)` is the address of document `id`'s curation view (nil: no links).
    public static func html(_ r: Agreement.Report, title: String = "Agreement", link: (String) -> String?) -> String {
        let e = SVGChart.escape
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s += "<title>\(e(title))</title>\n<style>\n\(style)\n\(SVGChart.style)\n</style>\n</head>\n<body>\n"
        s += "<header><h1>\(e(title))</h1>\n<p>\(names(r)) — \(r.documents.count) document(s) compared"
        s += ", each pair on the documents the two share.</p>\n"
        if AgreementReport.hasUndefined(r) {
            s += "<p class=\"note\">\(e(AgreementReport.undefinedNote))</p>\n"
        }
        s += "</header>\n<main>\n"
        s += pairsSection(r)
        s += typesSection(r)
        s += documentsSection(r, link: link)
        s += differencesSection(r, link: link)
        s += "</main>\n</body>\n</html>\n"
        return s
    }

    /// The address of document `id`'s curation view in the studio at `base` (`http://host:port/` or
    /// `/`), with the token the studio was opened with when there is one.
    public static func curationLink(base: String, id: String, token: String? = nil) -> String {
        let root = base.hasSuffix("/") ? base : base + "/"
        return root + "?doc=" + queryValue(id) + "&curate=1" + (token.map { "&token=" + queryValue($0) } ?? "")
    }

    /// A query-string value: all but ASCII letters, digits and `-._~` percent-encoded.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    // MARK: Sections

    static func pairsSection(_ r: Agreement.Report) -> String {
        var s = "<section aria-labelledby=\"pairs\">\n<h2 id=\"pairs\">Pairs</h2>\n<div class=\"charts\">\n"
        let labels = pairLabels(r)
        let average = r.pairs.count > 1
        func bars(_ values: [Double], _ mean: Double?) -> [SVGChart.Bar] {
            zip(labels, values).map { SVGChart.Bar(label: $0, value: $1) }
                + (average ? [SVGChart.Bar(label: "average", value: mean)] : [])
        }
        let shown: [(String, Agreement.Metric)] = [
            ("Mentions, strict F1", .mentionsStrict), ("Entities, exact F1", .entitiesExact),
            ("Quotes, exact F1", .quotesExact), ("Tokens, Cohen's κ", .kappa),
        ]
        for (title, metric) in shown {
            s += SVGChart.bars(title: title, bars(r.pairs.map { $0.figures[metric] }, r.average[metric])) + "\n"
        }
        let alphaM = r.pairDetails.map(\.alphaMentions)
        let alphaQ = r.pairDetails.map(\.alphaQuotes)
        s += SVGChart.bars(title: "Mentions, α_u", bars(alphaM, mean(alphaM))) + "\n"
        s += SVGChart.bars(title: "Quotes, α_u", bars(alphaQ, mean(alphaQ))) + "\n"
        s += "</div>\n<table>\n<caption>Every figure per pair</caption>\n<thead><tr><th scope=\"col\">metric</th>"
        for label in labels { s += "<th scope=\"col\">\(cell(label))</th>" }
        if average { s += "<th scope=\"col\">average</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for (k, metric) in Agreement.Metric.allCases.enumerated() {
            s += "<tr><th scope=\"row\">\(metric.rawValue)</th>"
            for p in r.pairs { s += "<td>\(figure(p.figures.values[k]))</td>" }
            if average { s += "<td>\(figure(r.average.values[k]))</td>" }
            s += "</tr>\n"
        }
        for (name, values) in [("mentions.alpha-u", alphaM), ("quotes.alpha-u", alphaQ)] {
            s += "<tr><th scope=\"row\">\(name)</th>" + values.map { "<td>\(figure($0))</td>" }.joined()
            if average { s += "<td>\(figure(mean(values) ?? .nan))</td>" }
            s += "</tr>\n"
        }
        s += "<tr><th scope=\"row\">documents shared</th>"
        s += r.pairDetails.map { "<td>\($0.documents.count)</td>" }.joined() + (average ? "<td></td>" : "")
        s += "</tr>\n</tbody>\n</table>\n"
        if let fleiss = r.fleiss {
            s += "<p>Fleiss' κ over tokens, all \(r.names.count) annotators: \(figure(fleiss)); "
            s += "α_u over all: mentions \(figure(r.alphaMentions)), quotes \(figure(r.alphaQuotes)).</p>\n"
        }
        return s + "</section>\n"
    }

    static func typesSection(_ r: Agreement.Report) -> String {
        let types = Set(r.pairDetails.flatMap(\.types.keys)).sorted()
        guard !types.isEmpty else { return "" }
        let labels = pairLabels(r)
        let average = r.pairs.count > 1
        var s = "<section aria-labelledby=\"types\">\n<h2 id=\"types\">Per entity type</h2>\n"
        s += "<p>F1 of mentions of the type; Cohen's κ of “this type or not” over tokens; α_u over the "
        s += "type's mentions alone.</p>\n"
        for type in types {
            s += "<h3>\(cell(type))</h3>\n<div class=\"charts\">\n"
            let measures: [(String, (Agreement.TypeFigures) -> Double)] = [
                ("F1", \.f1), ("κ", \.kappa), ("α_u", \.alpha),
            ]
            for (name, value) in measures {
                let values = r.pairDetails.map { $0.types[type].map(value) ?? .nan }
                var bars = zip(labels, values).map { SVGChart.Bar(label: $0, value: $1) }
                if average { bars.append(SVGChart.Bar(label: "average", value: mean(values))) }
                s += SVGChart.bars(title: "\(type): \(name)", bars) + "\n"
            }
            s += "</div>\n"
        }
        s += "<table>\n<caption>Mentions per type and pair: A's, B's, agreed (strict)</caption>\n<thead><tr>"
        s += "<th scope=\"col\">type</th>" + labels.map { "<th scope=\"col\">\(cell($0))</th>" }.joined()
        s += "</tr></thead>\n<tbody>\n"
        for type in types {
            s += "<tr><th scope=\"row\">\(cell(type))</th>"
            for d in r.pairDetails {
                let c = d.types[type]?.counts ?? Agreement.TypeCounts()
                s += "<td>\(c.a) / \(c.b) / \(c.agreed)</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n</section>\n"
    }

    static func documentsSection(_ r: Agreement.Report, link: (String) -> String?) -> String {
        let labels = pairLabels(r)
        let counts = Dictionary(grouping: r.disagreements, by: \.document).mapValues(\.count)
        // Worst first: lowest mention F1, undefined last, then by id.
        let order = r.perDocument.indices.sorted {
            let a = r.perDocument[$0].figures.mentionsStrict
            let b = r.perDocument[$1].figures.mentionsStrict
            if a.isNaN != b.isNaN { return !a.isNaN }
            if !a.isNaN && a != b { return a < b }
            return r.perDocument[$0].id < r.perDocument[$1].id
        }
        var s = "<section aria-labelledby=\"documents\">\n<h2 id=\"documents\">Per document</h2>\n"
        let cells = order.map { k -> SVGChart.Cell in
            let d = r.perDocument[k]
            let note =
                "mention F1 \(figure(d.figures.mentionsStrict)), κ \(figure(d.figures.kappa)), "
                + "\(labels[r.documentDetails[k].pair])"
            return SVGChart.Cell(label: d.id, value: d.figures.mentionsStrict, link: link(d.id), note: note)
        }
        s += SVGChart.strip(title: "Documents by mention F1, worst first", cells) + "\n"
        s += "<table>\n<caption>Every document, worst first</caption>\n<thead><tr><th scope=\"col\">document</th>"
        s += "<th scope=\"col\">pair</th><th scope=\"col\">mentions F1</th><th scope=\"col\">entities F1</th>"
        s += "<th scope=\"col\">quotes F1</th><th scope=\"col\">κ</th><th scope=\"col\">α_u</th>"
        s += "<th scope=\"col\">differences</th></tr></thead>\n<tbody>\n"
        for k in order {
            let d = r.perDocument[k]
            let name = link(d.id).map { "<a href=\"\(SVGChart.escape($0))\">\(cell(d.id))</a>" } ?? cell(d.id)
            s += "<tr><th scope=\"row\">\(name)</th><td>\(cell(labels[r.documentDetails[k].pair]))</td>"
            s += "<td>\(figure(d.figures.mentionsStrict))</td><td>\(figure(d.figures.entitiesExact))</td>"
            s += "<td>\(figure(d.figures.quotesExact))</td><td>\(figure(d.figures.kappa))</td>"
            s += "<td>\(figure(r.documentDetails[k].alphaMentions))</td>"
            s += "<td>\(r.disagreements.isEmpty ? "" : String(counts[d.id] ?? 0))</td></tr>\n"
        }
        return s + "</tbody>\n</table>\n</section>\n"
    }

    static func differencesSection(_ r: Agreement.Report, link: (String) -> String?) -> String {
        guard !r.disagreements.isEmpty else { return "" }
        let pairOf = Dictionary(uniqueKeysWithValues: zip(r.perDocument.map(\.id), r.documentDetails.map(\.pair)))
        var s = "<section aria-labelledby=\"differences\">\n<h2 id=\"differences\">Where they differed</h2>\n"
        let byDocument = Dictionary(grouping: r.disagreements, by: \.document)
        for id in byDocument.keys.sorted() {
            let list = byDocument[id]!
            let pair = pairOf[id].map { r.pairs[$0] }
            let a = pair.map { r.names[$0.i] } ?? "A"
            let b = pair.map { r.names[$0.j] } ?? "B"
            let heading = link(id).map { "<a href=\"\(SVGChart.escape($0))\">\(cell(id))</a>" } ?? cell(id)
            s +=
                "<h3>\(heading) — \(list.count) difference(s) between \(cell(a)) and \(cell(b))</h3>\n<table class=\"differences\" data-document=\"\(SVGChart.escape(id))\">\n<thead><tr>"
            s += "<th scope=\"col\">#</th><th scope=\"col\">kind</th><th scope=\"col\">\(cell(a))</th>"
            s += "<th scope=\"col\">\(cell(b))</th><th scope=\"col\">context</th></tr></thead>\n<tbody>\n"
            for (k, d) in list.enumerated() {
                s += "<tr><td>\(k + 1)</td><td>\(cell(d.kind))</td><td>\(cell(d.a))</td><td>\(cell(d.b))</td>"
                s += "<td>\(cell(d.context))</td></tr>\n"
            }
            s += "</tbody>\n</table>\n"
        }
        return s + "</section>\n"
    }

    // MARK: Pieces

    /// "ann1 – ann2" for each pair.
    static func pairLabels(_ r: Agreement.Report) -> [String] {
        r.pairs.map { "\(r.names[$0.i]) – \(r.names[$0.j])" }
    }

    static func names(_ r: Agreement.Report) -> String {
        "\(r.names.count) annotators: " + r.names.map(cell).joined(separator: ", ")
    }

    /// Text from files and names: escaped and isolated (a right-to-left override stays inside).
    static func cell(_ text: String) -> String { "<bdi>\(SVGChart.escape(text))</bdi>" }

    static func figure(_ v: Double) -> String {
        v.isFinite ? SVGChart.number(v) : "<span class=\"undefined\">undefined</span>"
    }

    /// The mean of the defined values; nil when none is.
    static func mean(_ values: [Double]) -> Double? {
        let defined = values.filter(\.isFinite)
        return defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
    }

    static let style = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #111; max-width: 80rem; }
        h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
        table { border-collapse: collapse; margin: .8rem 0; }
        caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
        td { font-variant-numeric: tabular-nums; }
        .undefined { color: #8a4b00; font-style: italic; }
        .note { background: #fff6e0; padding: .4rem .6rem; border-left: 3px solid #c90; }
        a:focus { outline: 2px solid #000; }
        """
}

import AttestEditing
import Foundation

/// `attest agree`'s report: a table of every metric by pair of annotation
/// sets (and their average), Fleiss' κ for more than two, and per document
/// the figures of the first pair that shares it; as text or JSON.
public enum AgreementReport {
    /// The terminal report, then a line per gate (`pass` or `FAIL`).
    public static func text(_ r: Agreement.Report, gates: [Gate] = []) -> String {
        var out = body(r)
        for g in gates {
            let value = figure(g.value(r))
            out +=
                "\(g.passes(r) ? "pass" : "FAIL") \(g.metric) = \(value) (minimum \(figure(g.minimum)))\n"
        }
        return out
    }

    /// Figures by pair, Fleiss' κ, α_u, the per-document and per-type tables, the disagreements.
    static func body(_ r: Agreement.Report) -> String {
        var out = "Agreement on \(r.documents.count) document(s) between \(r.names.joined(separator: ", "))\n\n"
        let columns = r.pairs.map { "\(r.names[$0.i]) / \(r.names[$0.j])" } + (r.pairs.count > 1 ? ["average"] : [])
        var rows: [[String]] = [["metric"] + columns]
        for (k, key) in Agreement.Pair.keys.enumerated() {
            let values = r.pairs.map { $0.figures.values[k] } + (r.pairs.count > 1 ? [r.average.values[k]] : [])
            rows.append([key] + values.map { figure($0) })
        }
        out += table(rows)
        if let f = r.fleiss {
            out += "\nFleiss' κ over tokens (\(r.names.count) annotators): \(figure(f))\n"
        }
        out +=
            "\nKrippendorff's unitized α (\(r.names.count) annotators): mentions by type \(figure(r.alphaMentions)), quotes by kind \(figure(r.alphaQuotes))\n"
        if r.documents.count > 1, r.pairs.count == 1, let first = r.pairs.first {
            out += "\nPer document (\(r.names[first.i]) / \(r.names[first.j])):\n"
            var doc: [[String]] = [["document", "mentions.strict.f1", "quotes.exact.f1", "tokens.cohen-kappa"]]
            for d in r.perDocument {
                doc.append([d.id] + [d.figures.mentionsStrict, d.figures.quotesExact, d.figures.kappa].map(figure))
            }
            out += table(doc)
        } else if r.documents.count > 1 {
            out += "\nPer document (the first pair that shares it):\n"
            var doc: [[String]] = [
                ["document", "pair", "mentions.strict.f1", "quotes.exact.f1", "tokens.cohen-kappa"]
            ]
            for (k, d) in r.perDocument.enumerated() {
                let pair = r.pairs[r.documentDetails[k].pair]
                doc.append(
                    [d.id, "\(r.names[pair.i]) / \(r.names[pair.j])"]
                        + [d.figures.mentionsStrict, d.figures.quotesExact, d.figures.kappa].map(figure))
            }
            out += table(doc)
        }
        if let first = r.pairs.first, !r.types.isEmpty {
            out += "\nMentions per type (\(r.names[first.i]) / \(r.names[first.j])):\n"
            var rows: [[String]] = [["type", r.names[first.i], r.names[first.j], "agreed", "strict F1"]]
            for (type, c) in r.types.sorted(by: { $0.key < $1.key }) {
                rows.append([type, "\(c.a)", "\(c.b)", "\(c.agreed)", figure(c.f1)])
            }
            out += table(rows)
        }
        if hasUndefined(r) { out += "\n" + undefinedNote }
        if !r.disagreements.isEmpty, let first = r.pairs.first {
            let between =
                r.pairs.count == 1 ? "\(r.names[first.i]) / \(r.names[first.j])" : "A and B: each document's pair"
            out += "\nDisagreements (\(between)): \(r.disagreements.count)\n"
            for d in r.disagreements {
                out += "  \(d.document)  \(d.kind)  A: \(d.a)  B: \(d.b)\n      …\(d.context)…\n"
            }
        }
        return out
    }

    /// A gate on an average figure: `tokens.cohen-kappa=0.8`.
    public struct Gate: Hashable, Sendable {
        public var metric: Agreement.Metric
        public var minimum: Double

        public init(metric: String, minimum: Double) throws {
            guard let known = Agreement.Metric(rawValue: metric) else {
                throw AttestError(
                    "\(metric) is not an agreement metric (\(Agreement.Pair.keys.joined(separator: ", ")))")
            }
            self.metric = known
            self.minimum = minimum
        }

        public func value(_ r: Agreement.Report) -> Double { r.average[metric] }

        public func passes(_ r: Agreement.Report) -> Bool { value(r) >= minimum }
    }

    public static func markdown(_ r: Agreement.Report, gates: [Gate] = []) -> String {
        var out =
            "# Agreement\n\n\(r.documents.count) document(s); annotators \(r.names.map { "`\($0)`" }.joined(separator: ", ")).\n\n"
        let columns = r.pairs.map { "\(r.names[$0.i]) / \(r.names[$0.j])" } + (r.pairs.count > 1 ? ["average"] : [])
        out +=
            "| metric | " + columns.joined(separator: " | ") + " |\n|---|" + columns.map { _ in "---:|" }.joined()
            + "\n"
        for (k, key) in Agreement.Pair.keys.enumerated() {
            let values = r.pairs.map { $0.figures.values[k] } + (r.pairs.count > 1 ? [r.average.values[k]] : [])
            out += "| \(key) | " + values.map { figure($0) }.joined(separator: " | ") + " |\n"
        }
        if let f = r.fleiss { out += "\nFleiss' κ over tokens: \(figure(f))\n" }
        out +=
            "\nKrippendorff's unitized α: mentions by type \(figure(r.alphaMentions)), quotes by kind \(figure(r.alphaQuotes))\n"
        if !r.types.isEmpty {
            out += "\n| type | A | B | agreed | strict F1 |\n|---|---:|---:|---:|---:|\n"
            for (type, c) in r.types.sorted(by: { $0.key < $1.key }) {
                out += "| \(type) | \(c.a) | \(c.b) | \(c.agreed) | \(figure(c.f1)) |\n"
            }
        }
        if !gates.isEmpty {
            out += "\n| gate | minimum | value | |\n|---|---:|---:|---|\n"
            for g in gates {
                out +=
                    "| \(g.metric) | \(figure(g.minimum)) | \(figure(g.value(r))) | \(g.passes(r) ? "pass" : "**FAIL**") |\n"
            }
        }
        if hasUndefined(r) { out += "\n" + undefinedNote }
        if !r.disagreements.isEmpty {
            out += "\n## Disagreements\n\n| document | kind | A | B | context |\n|---|---|---|---|---|\n"
            func cell(_ s: String) -> String {
                s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            }
            for d in r.disagreements {
                out += "| \(d.document) | \(d.kind) | \(cell(d.a)) | \(cell(d.b)) | …\(cell(d.context))… |\n"
            }
        }
        return out
    }

    /// JUnit XML: one test case per gate (failing below its minimum) and one per disagreement kind count.
    public static func junit(_ r: Agreement.Report, gates: [Gate]) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        let failures = gates.filter { !$0.passes(r) }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"attest agree\" tests=\"\(gates.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"agreement\" tests=\"\(gates.count)\" failures=\"\(failures)\">\n"
        for g in gates {
            let value = figure(g.value(r))
            out +=
                "    <testcase classname=\"agreement\" name=\"\(esc(g.metric.rawValue)) &gt;= \(figure(g.minimum))\">"
            if !g.passes(r) {
                out +=
                    "\n      <failure message=\"\(esc(g.metric.rawValue)) is \(value), below \(figure(g.minimum))\"/>\n    "
            }
            out += "</testcase>\n"
        }
        out += "    <system-out>\(esc(text(r, gates: gates)))</system-out>\n  </testsuite>\n</testsuites>\n"
        return out
    }

    /// A figure with four decimals, or `undefined` (docs/metrics.md, "Undefined agreement").
    static func figure(_ x: Double) -> String { x.isNaN ? "undefined" : String(format: "%.4f", x) }

    /// What `undefined` means, printed under a report that has one.
    static let undefinedNote =
        "undefined: nothing to agree on, which is not perfect agreement — an F1 when neither annotator marked any, "
        + "a quote share when no quotes matched, κ when chance agreement is 1 (every token has the same label), "
        + "α_u when there is no expected disagreement (docs/metrics.md, \"Undefined agreement\"); a gate on it fails\n"

    /// Whether any figure of the report is undefined.
    static func hasUndefined(_ r: Agreement.Report) -> Bool {
        (r.pairs.map(\.figures) + [r.average] + r.perDocument.map(\.figures)).contains {
            $0.values.contains(where: \.isNaN)
        }
            || r.alphaMentions.isNaN || r.alphaQuotes.isNaN || (r.fleiss?.isNaN ?? false)
    }

    /// Rows under their header (the first row), as `TextTable` renders them.
    static func table(_ rows: [[String]]) -> String {
        var t = TextTable(rows[0])
        for row in rows.dropFirst() { t.add(row) }
        return t.render()
    }

    public static func json(_ r: Agreement.Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // deliberate: every field is a string, an integer or a finite-or-null number, which always encode
        let data = (try? encoder.encode(AgreementJSON(r))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The agreement report's JSON form (`attest agree --json`, docs/interop.md): Codable, keys sorted.
struct AgreementJSON: Encodable {
    /// A pair's figures keyed by metric name; a figure that is not a number is null.
    struct Figures: Encodable {
        var pair: Agreement.Pair

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            for metric in Agreement.Metric.allCases {
                let value = pair[metric]
                try c.encode(value.isFinite ? value : nil, forKey: AnyKey(metric.rawValue))
            }
        }
    }

    struct PairJSON: Encodable {
        var a: String
        var b: String
        var figures: Figures
    }

    struct DocumentJSON: Encodable {
        var id: String
        var figures: Figures
    }

    struct Alpha: Encodable {
        var mentions: Double?
        var quotes: Double?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(mentions, forKey: AnyKey("mentions"))
            try c.encode(quotes, forKey: AnyKey("quotes"))
        }
    }

    struct TypeJSON: Encodable {
        var a: Int
        var b: Int
        var agreed: Int
        var f1: Double?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(a, forKey: AnyKey("a"))
            try c.encode(b, forKey: AnyKey("b"))
            try c.encode(agreed, forKey: AnyKey("agreed"))
            try c.encode(f1, forKey: AnyKey("f1"))
        }
    }

    struct DisagreementJSON: Encodable {
        var document: String
        var kind: String
        var a: String
        var b: String
        var context: String
    }

    var annotators: [String]
    var documents: [String]
    var pairs: [PairJSON]
    var average: Figures
    var perDocument: [DocumentJSON]
    var fleissKappa: Double?
    var alphaU: Alpha
    var types: [String: TypeJSON]
    var disagreements: [DisagreementJSON]?
    /// Said when a figure is null because it is undefined.
    var undefined: String?

    enum CodingKeys: String, CodingKey {
        case annotators, documents, pairs, average, types, disagreements, undefined
        case perDocument = "per-document"
        case fleissKappa = "fleiss-kappa"
        case alphaU = "alpha-u"
    }

    init(_ r: Agreement.Report) {
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        annotators = r.names
        documents = r.documents
        pairs = r.pairs.map { PairJSON(a: r.names[$0.i], b: r.names[$0.j], figures: Figures(pair: $0.figures)) }
        average = Figures(pair: r.average)
        perDocument = r.perDocument.map { DocumentJSON(id: $0.id, figures: Figures(pair: $0.figures)) }
        fleissKappa = r.fleiss.flatMap(finite)
        alphaU = Alpha(mentions: finite(r.alphaMentions), quotes: finite(r.alphaQuotes))
        types = r.types.mapValues { TypeJSON(a: $0.a, b: $0.b, agreed: $0.agreed, f1: finite($0.f1)) }
        undefined =
            AgreementReport.hasUndefined(r)
            ? String(AgreementReport.undefinedNote.dropFirst("undefined: ".count).dropLast()) : nil
        disagreements =
            r.disagreements.isEmpty
            ? nil
            : r.disagreements.map {
                DisagreementJSON(document: $0.document, kind: $0.kind, a: $0.a, b: $0.b, context: $0.context)
            }
    }
}

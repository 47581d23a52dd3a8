import AttestEditing
import Foundation

/// `attest agree`'s report: a table of every metric by pair of annotation
/// sets (and their average), Fleiss' κ for more than two, and the first
/// pair's figures per document; as text or JSON.
public enum AgreementReport {
    /// The terminal report, then a line per gate (`pass` or `FAIL`).
    public static func text(_ r: Agreement.Report, gates: [Gate] = []) -> String {
        var out = body(r)
        for g in gates {
            let value = String(format: "%.4f", g.value(r))
            out +=
                "\(g.passes(r) ? "pass" : "FAIL") \(g.metric) = \(value) (minimum \(String(format: "%.4f", g.minimum)))\n"
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
            rows.append([key] + values.map { String(format: "%.4f", $0) })
        }
        out += table(rows)
        if let f = r.fleiss {
            out += "\nFleiss' κ over tokens (\(r.names.count) annotators): \(String(format: "%.4f", f))\n"
        }
        out +=
            "\nKrippendorff's unitized α (\(r.names.count) annotators): mentions by type \(String(format: "%.4f", r.alphaMentions)), quotes by kind \(String(format: "%.4f", r.alphaQuotes))\n"
        if r.documents.count > 1, let first = r.pairs.first {
            out += "\nPer document (\(r.names[first.i]) / \(r.names[first.j])):\n"
            var doc: [[String]] = [["document", "mentions.strict.f1", "quotes.exact.f1", "tokens.cohen-kappa"]]
            for d in r.perDocument {
                doc.append(
                    [d.id]
                        + [d.figures.mentionsStrict, d.figures.quotesExact, d.figures.kappa].map {
                            String(format: "%.4f", $0)
                        })
            }
            out += table(doc)
        }
        if let first = r.pairs.first, !r.types.isEmpty {
            out += "\nMentions per type (\(r.names[first.i]) / \(r.names[first.j])):\n"
            var rows: [[String]] = [["type", r.names[first.i], r.names[first.j], "agreed", "strict F1"]]
            for (type, c) in r.types.sorted(by: { $0.key < $1.key }) {
                rows.append([type, "\(c.a)", "\(c.b)", "\(c.agreed)", String(format: "%.4f", c.f1)])
            }
            out += table(rows)
        }
        if !r.disagreements.isEmpty, let first = r.pairs.first {
            out += "\nDisagreements (\(r.names[first.i]) / \(r.names[first.j])): \(r.disagreements.count)\n"
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
            out += "| \(key) | " + values.map { String(format: "%.4f", $0) }.joined(separator: " | ") + " |\n"
        }
        if let f = r.fleiss { out += "\nFleiss' κ over tokens: \(String(format: "%.4f", f))\n" }
        out +=
            "\nKrippendorff's unitized α: mentions by type \(String(format: "%.4f", r.alphaMentions)), quotes by kind \(String(format: "%.4f", r.alphaQuotes))\n"
        if !r.types.isEmpty {
            out += "\n| type | A | B | agreed | strict F1 |\n|---|---:|---:|---:|---:|\n"
            for (type, c) in r.types.sorted(by: { $0.key < $1.key }) {
                out += "| \(type) | \(c.a) | \(c.b) | \(c.agreed) | \(String(format: "%.4f", c.f1)) |\n"
            }
        }
        if !gates.isEmpty {
            out += "\n| gate | minimum | value | |\n|---|---:|---:|---|\n"
            for g in gates {
                out +=
                    "| \(g.metric) | \(String(format: "%.4f", g.minimum)) | \(String(format: "%.4f", g.value(r))) | \(g.passes(r) ? "pass" : "**FAIL**") |\n"
            }
        }
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
            let value = String(format: "%.4f", g.value(r))
            out +=
                "    <testcase classname=\"agreement\" name=\"\(esc(g.metric.rawValue)) &gt;= \(String(format: "%.4f", g.minimum))\">"
            if !g.passes(r) {
                out +=
                    "\n      <failure message=\"\(esc(g.metric.rawValue)) is \(value), below \(String(format: "%.4f", g.minimum))\"/>\n    "
            }
            out += "</testcase>\n"
        }
        out += "    <system-out>\(esc(text(r, gates: gates)))</system-out>\n  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Rows under their header (the first row), as `TextTable` renders them.
    static func table(_ rows: [[String]]) -> String {
        var t = TextTable(rows[0])
        for row in rows.dropFirst() { t.add(row) }
        return t.render()
    }

    public static func json(_ r: Agreement.Report) -> String {
        func figures(_ p: Agreement.Pair) -> JSONTree {
            .object(
                Dictionary(uniqueKeysWithValues: zip(Agreement.Pair.keys, p.values.map { JSONTree.double($0) })))
        }
        var o: [String: JSONTree] = [
            "annotators": .array(r.names.map { .string($0) }), "documents": .array(r.documents.map { .string($0) }),
            "pairs": .array(
                r.pairs.map {
                    .object(["a": .string(r.names[$0.i]), "b": .string(r.names[$0.j]), "figures": figures($0.figures)])
                }),
            "average": figures(r.average),
            "per-document": .array(
                r.perDocument.map { .object(["id": .string($0.id), "figures": figures($0.figures)]) }),
        ]
        if let f = r.fleiss { o["fleiss-kappa"] = .double(f) }
        o["alpha-u"] = .object(["mentions": .double(r.alphaMentions), "quotes": .double(r.alphaQuotes)])
        o["types"] = .object(
            r.types.mapValues { c in
                .object([
                    "a": .int(c.a), "b": .int(c.b), "agreed": .int(c.agreed),
                    "f1": .double(c.f1),
                ])
            })
        if !r.disagreements.isEmpty {
            o["disagreements"] = .array(
                r.disagreements.map {
                    .object([
                        "document": .string($0.document), "kind": .string($0.kind), "a": .string($0.a),
                        "b": .string($0.b), "context": .string($0.context),
                    ])
                })
        }
        return JSONTree.object(o).rendered + "\n"
    }
}

import AttestScoring

/// A plain-text table with a header row: the first column left-aligned,
/// the others right-aligned, columns two spaces apart.
package struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    package init(_ header: [String]) { self.header = header }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render(indent: String = "") -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        return all.map { row in
            indent
                + row.enumerated().map { c, cell in
                    let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
                    return c == 0 ? cell + pad : pad + cell
                }.joined(separator: "  ").trimmingSuffixBlanks()
        }.joined(separator: "\n") + "\n"
    }

    /// GitHub-flavoured Markdown.
    func markdown() -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined() + "\n"
        for row in rows {
            out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}

extension String {
    func trimmingSuffixBlanks() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

enum Figure {
    /// A score with four decimals.
    static func score(_ v: Double?) -> String {
        guard let v else { return "–" }
        return String(format: "%.4f", v)
    }

    static func interval(_ i: Interval?) -> String {
        guard let i else { return "" }
        return String(format: "[%.3f, %.3f]", i.low, i.high)
    }
}

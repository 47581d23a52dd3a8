import Foundation

/// Mermaid `xychart-beta` blocks, which GitHub draws in Markdown (a step summary, a comment): the
/// Markdown score report's bars and the trend's lines. The figures are also in the tables beside them.
enum MermaidChart {
    enum Kind: String {
        case bar, line
    }

    /// A chart of `values` over `categories`, on a 0–1 axis named `axis`.
    static func block(title: String, axis: String, categories: [String], values: [Double], kind: Kind) -> String {
        var out = "\n```mermaid\nxychart-beta\n    title \(label(title))\n"
        out += "    x-axis [\(categories.map(label).joined(separator: ", "))]\n"
        out += "    y-axis \(label(axis)) 0 --> 1\n"
        out += "    \(kind.rawValue) [\(values.map { String(format: "%.4f", $0) }.joined(separator: ", "))]\n```\n"
        return out
    }

    /// A double-quoted Mermaid string: quotes, brackets, backquotes, backslashes and control
    /// characters are left out (Mermaid has no escape for them).
    static func label(_ text: String) -> String {
        "\""
            + text.unicodeScalars.filter { !"\"[]`\\".unicodeScalars.contains($0) && $0.value >= 0x20 }
            .map(String.init).joined() + "\""
    }
}

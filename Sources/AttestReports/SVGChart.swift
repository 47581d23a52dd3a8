import Foundation

/// Charts as inline SVG, written by hand in this one module (no library, no script, no network): a
/// report that embeds them opens offline and diffs as text. Every figure is also written as text
/// beside its mark, so nothing is told by length or colour alone; each chart is an image with a
/// title for screen readers, and each mark carries a `<title>` tooltip.
public enum SVGChart {
    /// One bar: its label (on the chart's left axis), its value (nil: undefined, drawn as the word),
    /// and an optional link.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double?
        public var link: String?

        public init(label: String, value: Double?, link: String? = nil) {
            self.label = label
            self.value = value.flatMap { $0.isFinite ? $0 : nil }
            self.link = link
        }
    }

    /// One cell of a strip: a document, its value, a link, and the tooltip.
    public struct Cell: Sendable {
        public var label: String
        public var value: Double?
        public var link: String?
        public var note: String

        public init(label: String, value: Double?, link: String?, note: String) {
            self.label = label
            self.value = value.flatMap { $0.isFinite ? $0 : nil }
            self.link = link
            self.note = note
        }
    }

    /// Horizontal bars, one row per bar, on a scale from `min(0, lowest)` to 1 (κ and α can be
    /// negative; a zero line is drawn then). The value is printed at the end of each bar.
    public static func bars(title: String, _ bars: [Bar]) -> String {
        let labelWidth = 150.0
        let plotWidth = 260.0
        let row = 22.0
        let top = 24.0
        let lowest = min(0, bars.compactMap(\.value).min() ?? 0)
        let span = 1 - lowest
        func x(_ v: Double) -> Double { labelWidth + (v - lowest) / span * plotWidth }
        let height = top + row * Double(bars.count) + 18
        let width = labelWidth + plotWidth + 70
        var s = svgOpen(width: width, height: height, title: title)
        s += text(x: 0, y: 15, title, weight: "bold")
        // The axis: 0 and 1 (and the lowest value when below 0).
        for tick in Set([lowest, 0, 0.5, 1]).sorted() {
            let tx = x(tick)
            s += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(top - 2))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(height - 16))\" "
            s += "class=\"\(tick == 0 ? "zero" : "grid")\"/>"
            s += text(x: tx, y: height - 4, number(tick, digits: 1), anchor: "middle", cls: "tick")
        }
        for (k, bar) in bars.enumerated() {
            let y = top + row * Double(k)
            s += text(x: labelWidth - 6, y: y + 14, clip(bar.label, to: 24), anchor: "end")
            var mark: String
            if let value = bar.value {
                let from = x(min(0, value))
                let to = x(max(0, value))
                mark = "<rect x=\"\(fmt(from))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(1, to - from)))\" height=\"14\" "
                mark += "class=\"bar\"><title>\(escape(bar.label)): \(number(value))</title></rect>"
                mark += text(x: max(x(value), x(0)) + 4, y: y + 14, number(value))
            } else {
                mark = text(x: x(0) + 4, y: y + 14, "undefined", cls: "undefined")
            }
            s += bar.link.map { "<a href=\"\(escape($0))\">\(mark)</a>" } ?? mark
        }
        return s + "</svg>"
    }

    /// A strip of cells, one per document, left to right in the order given (worst first, say),
    /// shaded by value (darker is lower; hatched when undefined), each a link with a tooltip. The
    /// values are in the table the strip stands beside; with few cells they are printed in them.
    public static func strip(title: String, _ cells: [Cell]) -> String {
        let perRow = 40
        let size = cells.count <= perRow ? 34.0 : 14.0
        let gap = 2.0
        let top = 24.0
        let rows = max(1, (cells.count + perRow - 1) / perRow)
        let width = max(300, Double(min(cells.count, perRow)) * (size + gap))
        let height = top + Double(rows) * (size + gap) + 4
        // The shade spans the values shown (down to 0.9 at least), so close figures still differ.
        let lowest = min(0.9, cells.compactMap(\.value).min() ?? 0)
        let heading = title + " — shade from \(number(lowest, digits: 2)) (darkest) to 1.00 (palest); grey: undefined"
        var s = svgOpen(width: max(width, 560), height: height, title: heading)
        s += text(x: 0, y: 15, heading, weight: "bold")
        for (k, cell) in cells.enumerated() {
            let x = Double(k % perRow) * (size + gap)
            let y = top + Double(k / perRow) * (size + gap)
            var mark = "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(size))\" height=\"\(fmt(size))\" "
            mark += "class=\"cell\" style=\"fill:\(shade(cell.value, from: lowest))\">"
            mark += "<title>\(escape(cell.label)): \(escape(cell.note))</title></rect>"
            if size >= 30 {
                let label = cell.value.map { number($0, digits: 2) } ?? "—"
                let light = (cell.value ?? 1) < lowest + (1 - lowest) / 2
                mark += text(x: x + size / 2, y: y + size / 2 + 4, label, anchor: "middle", cls: light ? "on-dark" : "")
            }
            s += cell.link.map { "<a href=\"\(escape($0))\">\(mark)</a>" } ?? mark
        }
        return s + "</svg>"
    }

    /// The style the charts expect, for the page that embeds them.
    public static let style = """
        svg.chart { font: 12px system-ui, sans-serif; overflow: visible; }
        svg.chart .bar { fill: #3b6ea8; }
        svg.chart .grid { stroke: #ccc; stroke-width: 1; }
        svg.chart .zero { stroke: #333; stroke-width: 1; }
        svg.chart .tick { fill: #555; font-size: 10px; }
        svg.chart .undefined { fill: #8a4b00; font-style: italic; }
        svg.chart .cell { stroke: #fff; }
        svg.chart .on-dark { fill: #fff; }
        svg.chart a:focus rect, svg.chart a:hover rect { stroke: #000; stroke-width: 2; }
        """

    /// Lower values darker (red-brown) down to `lowest`, 1 pale; undefined a grey.
    static func shade(_ value: Double?, from lowest: Double) -> String {
        guard let value else { return "#bbbbbb" }
        let v = max(0, min(1, (value - lowest) / max(1e-9, 1 - lowest)))
        let r = Int(120 + 130 * v)
        let g = Int(30 + 215 * v)
        let b = Int(20 + 215 * v)
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func svgOpen(width: Double, height: Double, title: String) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escape(title))\" "
            + "width=\"\(fmt(width))\" height=\"\(fmt(height))\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\">"
    }

    static func text(
        x: Double, y: Double, _ content: String, anchor: String = "start", cls: String = "", weight: String = ""
    ) -> String {
        var s = "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\""
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        if !cls.isEmpty { s += " class=\"\(cls)\"" }
        if !weight.isEmpty { s += " font-weight=\"\(weight)\"" }
        // unicode-bidi: a right-to-left override in a name cannot reorder the chart's own text.
        return s + " style=\"unicode-bidi:isolate\">\(escape(content))</text>"
    }

    /// A figure as printed everywhere in the reports: four decimals.
    public static func number(_ v: Double, digits: Int = 4) -> String { String(format: "%.\(digits)f", v) }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// A label cut to `limit` characters with an ellipsis.
    static func clip(_ s: String, to limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    /// Text for HTML or SVG: `&`, `<`, `>`, and both quotes escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters are not allowed in HTML text: shown as the replacement character.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

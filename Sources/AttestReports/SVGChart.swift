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
        /// A 95% interval, drawn as a whisker across the bar's end.
        public var interval: (low: Double, high: Double)?

        public init(label: String, value: Double?, link: String? = nil, interval: (low: Double, high: Double)? = nil) {
            self.label = label
            self.value = value.flatMap { $0.isFinite ? $0 : nil }
            self.link = link
            self.interval = interval.flatMap { $0.low.isFinite && $0.high.isFinite ? $0 : nil }
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
                var end = max(x(value), x(0))
                if let band = bar.interval {
                    let (a, b) = (x(band.low), x(band.high))
                    let mid = fmt(y + 10)
                    mark +=
                        "<g class=\"whisker\"><title>95% interval [\(number(band.low)), \(number(band.high))]</title>"
                    mark += "<line x1=\"\(fmt(a))\" y1=\"\(mid)\" x2=\"\(fmt(b))\" y2=\"\(mid)\"/>"
                    for edge in [a, b] {
                        mark +=
                            "<line x1=\"\(fmt(edge))\" y1=\"\(fmt(y + 5))\" x2=\"\(fmt(edge))\" y2=\"\(fmt(y + 15))\"/>"
                    }
                    mark += "</g>"
                    end = max(end, b)
                }
                mark += text(x: end + 4, y: y + 14, number(value))
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

    /// One run of a trend: its label, the value (nil: absent), its interval, and whether a gate on
    /// this metric failed in it.
    public struct Point: Sendable {
        public var label: String
        public var value: Double?
        public var interval: (low: Double, high: Double)?
        public var failed: Bool

        public init(label: String, value: Double?, interval: (low: Double, high: Double)? = nil, failed: Bool = false) {
            self.label = label
            self.value = value.flatMap { $0.isFinite ? $0 : nil }
            self.interval = interval
            self.failed = failed
        }
    }

    /// A metric over runs, oldest first: a line through the values, each interval as a whisker, the
    /// gate's threshold as a dashed line, and a run that failed a gate marked ✗ with its value (every
    /// value is written beside its point).
    public static func line(title: String, _ points: [Point], threshold: Double? = nil) -> String {
        let left = 44.0
        let step = points.count > 12 ? 40.0 : 64.0
        let top = 28.0
        let plot = 150.0
        let width = max(360, left + step * Double(max(points.count, 1)) + 40)
        let height = top + plot + 52
        let values = points.compactMap(\.value) + points.compactMap { $0.interval?.low } + [threshold].compactMap { $0 }
        // The scale: from a tenth below the lowest figure shown (at most 0) to 1.
        let lowest = max(0, ((values.min() ?? 0) - 0.1) * 10).rounded(.down) / 10
        let span = max(1e-9, 1 - lowest)
        func y(_ v: Double) -> Double { top + (1 - (v - lowest) / span) * plot }
        func x(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
        var s = svgOpen(width: width, height: height, title: title)
        s += text(x: 0, y: 15, title, weight: "bold")
        for tick in [lowest, (lowest + 1) / 2, 1] {
            s +=
                "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(width - 20))\" y2=\"\(fmt(y(tick)))\" class=\"grid\"/>"
            s += text(x: left - 6, y: y(tick) + 4, number(tick, digits: 2), anchor: "end", cls: "tick")
        }
        if let threshold {
            s += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(threshold)))\" x2=\"\(fmt(width - 20))\" "
            s += "y2=\"\(fmt(y(threshold)))\" class=\"gate\"><title>gate: at least \(number(threshold))</title></line>"
            s += text(
                x: width - 20, y: y(threshold) - 4, "gate \(number(threshold, digits: 2))", anchor: "end", cls: "tick")
        }
        let drawn = points.enumerated().compactMap { i, p in p.value.map { (i, $0) } }
        if drawn.count > 1 {
            s += "<polyline class=\"trend\" points=\""
            s += drawn.map { "\(fmt(x($0.0))),\(fmt(y($0.1)))" }.joined(separator: " ") + "\"/>"
        }
        for (i, p) in points.enumerated() {
            s += text(
                x: x(i), y: top + plot + 18, clip(p.label, to: points.count > 12 ? 6 : 10), anchor: "middle",
                cls: "tick")
            guard let v = p.value else {
                s += text(x: x(i), y: top + plot - 4, "absent", anchor: "middle", cls: "undefined")
                continue
            }
            if let band = p.interval {
                s +=
                    "<line x1=\"\(fmt(x(i)))\" y1=\"\(fmt(y(band.high)))\" x2=\"\(fmt(x(i)))\" y2=\"\(fmt(y(band.low)))\" "
                s += "class=\"whisker\"><title>95% interval [\(number(band.low)), \(number(band.high))]</title></line>"
            }
            let mark = p.failed ? "✗" : "●"
            s += text(x: x(i), y: y(v) + 4, mark, anchor: "middle", cls: p.failed ? "failed" : "point")
            s += text(
                x: x(i), y: y(v) - 8, number(v, digits: 3) + (p.failed ? " failed" : ""), anchor: "middle",
                cls: p.failed ? "failed" : "")
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
        svg.chart .trend { fill: none; stroke: #3b6ea8; stroke-width: 2; }
        svg.chart .whisker, svg.chart .whisker line { stroke: #222; stroke-width: 1.5; }
        svg.chart .gate { stroke: #8a1500; stroke-width: 1.5; stroke-dasharray: 5 4; }
        svg.chart .point { fill: #3b6ea8; }
        svg.chart .failed { fill: #8a1500; font-weight: bold; }
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

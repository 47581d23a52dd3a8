import AttestCorpus

/// A pair of quotation marks and what lies between them.
struct MarkedQuote {
    /// The text inside the marks, without surrounding blanks.
    var content: Span
    /// Offset of the opening mark, and of the closing mark (nil when the
    /// paragraph ended with the quotation still open).
    var open: Int
    var close: Int?
    /// Nesting depth: 0 for an outer quotation, 1 for a quotation inside it.
    var depth: Int
}

/// Pairs quotation marks, straight and typographic, single and double,
/// nested, and the convention of a paragraph that opens a quotation without
/// closing it (the next paragraph opens it again).
enum QuotationMarkPairs {
    static func find(in scalars: [Unicode.Scalar]) -> [MarkedQuote] {
        var out: [MarkedQuote] = []
        var stack: [(mark: Unicode.Scalar, at: Int)] = []
        func isLetter(_ i: Int) -> Bool {
            i >= 0 && i < scalars.count
                && (scalars[i].properties.isAlphabetic || scalars[i].properties.numericType != nil)
        }
        func push(_ m: Unicode.Scalar, _ i: Int) { stack.append((m, i)) }
        func closeTop(at i: Int?) {
            let top = stack.removeLast()
            let end = i ?? paragraphEnd(from: top.at)
            if let span = trimmed(Span(top.at + 1, end)) {
                out.append(MarkedQuote(content: span, open: top.at, close: i, depth: stack.count))
            }
        }
        func paragraphEnd(from i: Int) -> Int {
            var k = i
            while k < scalars.count && scalars[k] != "\n" { k += 1 }
            return k
        }
        func trimmed(_ s: Span) -> Span? {
            var a = s.start
            var b = s.end
            while a < b && scalars[a].properties.isWhitespace { a += 1 }
            while b > a && scalars[b - 1].properties.isWhitespace { b -= 1 }
            return a < b ? Span(a, b) : nil
        }
        func isDouble(_ m: Unicode.Scalar) -> Bool { m == "“" || m == "\"" || m == "„" || m == "«" }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" {
                // A paragraph ends: close what is still open at its end.
                while !stack.isEmpty { closeTop(at: nil) }
                i += 1
                continue
            }
            switch c {
            case "“", "„", "«":
                push(c, i)
            case "”", "»":
                if let k = stack.lastIndex(where: { isDouble($0.mark) }) {
                    while stack.count > k + 1 { stack.removeLast() }  // an unclosed inner quote
                    closeTop(at: i)
                }
            case "\"":
                // Straight double marks toggle: they close an open double quotation, else open one.
                if let k = stack.lastIndex(where: { isDouble($0.mark) }) {
                    while stack.count > k + 1 { stack.removeLast() }
                    closeTop(at: i)
                } else {
                    push(c, i)
                }
            case "‘":
                push(c, i)
            case "’":
                // An apostrophe inside or at the end of a word is no closing mark,
                // unless a single quotation is open and this ends it.
                let open = stack.last.map { $0.mark == "‘" || $0.mark == "'" } ?? false
                if open && !(isLetter(i - 1) && isLetter(i + 1)) { closeTop(at: i) }
            case "'":
                let open = stack.last.map { $0.mark == "'" || $0.mark == "‘" } ?? false
                if open && !isLetter(i + 1) {
                    closeTop(at: i)
                } else if !isLetter(i - 1) && isLetter(i + 1) {
                    push(c, i)
                }
            default:
                break
            }
            i += 1
        }
        while !stack.isEmpty { closeTop(at: nil) }
        return out.sorted { $0.content.start < $1.content.start }
    }
}

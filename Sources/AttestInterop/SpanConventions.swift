import AttestAgreement

/// Attest's span conventions applied to what other tools wrote, where the
/// fix needs no guessing (docs/interop.md): white space at either end of a
/// span is left out (`span.whitespace`), and a quote's content leaves out its
/// own quotation marks (`quote.marks`; attribution corpora often include
/// them: `“We will not stop,”`). A quote whose file gives no kind gets one
/// from its quotation marks: direct when the marks enclose its content,
/// mixed when marks stand inside it, indirect when there are none.
struct SpanConventions {
    /// What was fixed, by kind, for the import's note.
    struct Counts: Equatable {
        var whiteSpace = 0
        var quoteMarks = 0
        /// Contents with one quoted fragment at an end, narrowed to the fragment.
        var narrowed = 0
        var kinds: [QuoteKind: Int] = [:]
    }

    static let opening: Set<Unicode.Scalar> = [
        "\u{201C}", "\"", "\u{2018}", "'", "\u{00AB}", "\u{201E}", "\u{201A}", "\u{2039}", "\u{300C}", "\u{300E}",
    ]
    static let closing: Set<Unicode.Scalar> = [
        "\u{201D}", "\"", "\u{2019}", "'", "\u{00BB}", "\u{201C}", "\u{203A}", "\u{300D}", "\u{300F}",
    ]
    /// Marks that are also apostrophes: left out only in pairs.
    static let single: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}"]

    let scalars: [Unicode.Scalar]

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// `doc` with its spans fixed and inferred kinds set; `kind`: the kind of quotes whose file
    /// gave none, instead of inferring it.
    func apply(to doc: inout InteropDocument, kind: QuoteKind?, counts: inout Counts) {
        for k in doc.mentions.indices {
            doc.mentions[k].span = trimmed(doc.mentions[k].span, counts: &counts)
        }
        for k in doc.quotes.indices {
            var q = doc.quotes[k]
            let (content, marks) = withoutMarks(trimmed(q.content, counts: &counts), counts: &counts)
            q.content = content
            q.speaker = q.speaker.map { trimmed($0, counts: &counts) }
            q.cue = q.cue.map { trimmed($0, counts: &counts) }
            if !q.kindGiven {
                q.kind = kind ?? Self.kind(marks)
                q.kindGiven = true
                counts.kinds[q.kind, default: 0] += 1
            }
            doc.quotes[k] = q
        }
    }

    /// Without white space at either end (a span of white space only is left as it is: the
    /// validation refuses it).
    func trimmed(_ span: Span, counts: inout Counts) -> Span {
        guard span.start >= 0, span.end <= scalars.count, span.start < span.end else { return span }
        var s = span.start
        var e = span.end
        while s < e, scalars[s].properties.isWhitespace { s += 1 }
        while e > s, scalars[e - 1].properties.isWhitespace { e -= 1 }
        guard s < e else { return span }
        if (s, e) != (span.start, span.end) { counts.whiteSpace += 1 }
        return Span(s, e)
    }

    /// How a quote's content stood with its quotation marks before it was fixed.
    enum Marks {
        /// Marks enclose it (left out here, or standing right outside it).
        case enclosed
        /// Marks stand inside it: part of it is quoted.
        case partly
        case none
    }

    /// The content without its own quotation marks at either end, and how marks stood. A content
    /// with one quoted fragment at its start or end (`the report was “deeply flawed”`, as
    /// attribution corpora mark a mixed quote) becomes that fragment, as the guidelines mark a
    /// mixed quote (docs/guidelines.md 2.1).
    func withoutMarks(_ span: Span, counts: inout Counts) -> (Span, marks: Marks) {
        guard span.start >= 0, span.end <= scalars.count, span.end - span.start >= 2 else { return (span, .none) }
        let isMark = { (c: Unicode.Scalar) in
            (Self.opening.contains(c) || Self.closing.contains(c)) && !Self.single.contains(c)
        }
        var s = span.start
        var e = span.end
        let first = scalars[s]
        let last = scalars[e - 1]
        let opens = Self.opening.contains(first)
        let closes = Self.closing.contains(last)
        let inner = (s + 1 < e - 1) ? scalars[(s + 1)..<(e - 1)].filter(isMark).count : 0
        var marks = Marks.none
        if inner == 0 {
            if opens && closes && e - s > 2 {
                s += 1
                e -= 1
            } else if opens && !Self.single.contains(first) {
                s += 1
            } else if closes && !Self.single.contains(last) {
                e -= 1
            }
        } else if inner == 1 && (isMark(first) != isMark(last)) {
            // One quoted fragment at an end: the fragment inside its marks.
            let positions = (span.start..<span.end).filter { isMark(scalars[$0]) }
            if positions.count == 2 {
                s = positions[0] + 1
                e = positions[1]
                marks = .partly
                counts.narrowed += 1
            }
        } else {
            marks = .partly
        }
        while s < e, scalars[s].properties.isWhitespace { s += 1 }
        while e > s, scalars[e - 1].properties.isWhitespace { e -= 1 }
        guard s < e else { return (span, marks) }
        let fixed = Span(s, e)
        if fixed != span && marks != .partly { counts.quoteMarks += 1 }
        if marks == .none {
            let before = s > 0 && Self.opening.contains(scalars[s - 1])
            let after = e < scalars.count && Self.closing.contains(scalars[e])
            if before && after {
                marks = .enclosed
            } else if scalars[s..<e].contains(where: isMark) {
                marks = .partly
            }
        }
        return (fixed, marks)
    }

    static func kind(_ marks: Marks) -> QuoteKind {
        switch marks {
        case .enclosed: .direct
        case .partly: .mixed
        case .none: .indirect
        }
    }
}

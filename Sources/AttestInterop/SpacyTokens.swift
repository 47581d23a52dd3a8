import AttestAgreement

/// Tokens for spaCy's `Doc.from_json`, which rebuilds a `Doc` from `tokens`
/// (`{"id", "start", "end"}`) and their text: a token followed by one space
/// carries it (`whitespace_`); any other white space is a token of its own,
/// as spaCy's `get_words_and_spaces` makes it. Words are runs of non-space
/// characters, with opening and closing punctuation split off as spaCy's
/// English rules do, and split at every mention's start and end, so that
/// every mention is a `char_span` of whole tokens.
enum SpacyTokens {
    static let prefixes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{2018}", "'", "(", "[", "{", "\u{00AB}"]
    static let suffixes: Set<Unicode.Scalar> = [
        "\"", "\u{201D}", "\u{2019}", "'", ")", "]", "}", "\u{00BB}", ",", ".", ";", ":", "!", "?", "\u{2026}",
    ]

    /// White space as Python's `str.isspace` reads it (which also counts U+001C–U+001F).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || (0x1C...0x1F).contains(c.value)
    }

    /// Token spans in code points, covering every non-space character.
    static func tokens(_ text: String, boundaries: Set<Int>) -> [Span] {
        let scalars = Array(text.unicodeScalars)
        var out: [Span] = []
        var pos = 0
        while pos < scalars.count {
            if isSpace(scalars[pos]) {
                var j = pos
                while j < scalars.count, isSpace(scalars[j]) { j += 1 }
                out.append(Span(pos, j))
                pos = j
                continue
            }
            var j = pos
            while j < scalars.count, !isSpace(scalars[j]) { j += 1 }
            out += pieces(scalars, pos, j, boundaries: boundaries)
            pos = j
            // One space after a word is the word's own; more white space is a token.
            if pos < scalars.count, scalars[pos] == " " { pos += 1 }
        }
        return out
    }

    /// A run of non-space characters in tokens: punctuation peeled off its ends, then cut at the
    /// mentions' boundaries.
    private static func pieces(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, boundaries: Set<Int>) -> [Span] {
        var cuts: Set<Int> = []
        var s = start
        var e = end
        while s < e - 1, prefixes.contains(scalars[s]) {
            s += 1
            cuts.insert(s)
        }
        while e > s + 1, suffixes.contains(scalars[e - 1]) {
            e -= 1
            cuts.insert(e)
        }
        for b in boundaries where b > start && b < end { cuts.insert(b) }
        var out: [Span] = []
        var from = start
        for cut in cuts.sorted() {
            out.append(Span(from, cut))
            from = cut
        }
        out.append(Span(from, end))
        return out
    }

    /// Mentions spaCy can hold as `ents` (no two overlap): the longest first, then by start.
    static func entities(_ mentions: [InteropDocument.Mention]) -> [InteropDocument.Mention] {
        var kept: [InteropDocument.Mention] = []
        for m in mentions.sorted(by: {
            ($0.span.end - $0.span.start, -$0.span.start) > ($1.span.end - $1.span.start, -$1.span.start)
        })
        where !kept.contains(where: { $0.span.start < m.span.end && m.span.start < $0.span.end }) {
            kept.append(m)
        }
        return kept.sorted { $0.span < $1.span }
    }
}

import AttestReports

/// Finds a text in an article the way annotators name it: by its words and,
/// when it occurs more than once, by which occurrence (1-based).
public struct TextLocator: Sendable {
    public let article: ArticleText
    public let documentID: String

    public init(article: ArticleText, documentID: String) {
        self.article = article
        self.documentID = documentID
    }

    /// Occurrences of `text` that start and end at word boundaries (a match
    /// inside a longer word, such as "Met" in "Metropolitan", does not count).
    public func occurrences(of text: String) -> [Span] {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return [] }
        return article.occurrences(of: text).filter { span in
            if isWordScalar(first), span.start > 0, isWordScalar(article.scalar(at: span.start - 1)) { return false }
            if isWordScalar(last), span.end < article.count, isWordScalar(article.scalar(at: span.end)) { return false }
            return true
        }
    }

    /// The one occurrence meant: the `nth` (1-based), or the only one.
    public func locate(_ text: String, nth: Int?, role: String = "text") throws -> Span {
        let found = occurrences(of: text)
        guard !found.isEmpty else {
            throw AttestError(
                "\(role) \(Brief.quoted(text)) does not occur in \(documentID) (matching is exact and case-sensitive, on word boundaries)"
                    + suggestions(for: text))
        }
        if let nth {
            guard nth >= 1, nth <= found.count else {
                throw AttestError(
                    "\(role) \(Brief.quoted(text)) occurs \(found.count) time(s) in \(documentID); --nth \(nth) is out of range:\n"
                        + listing(found))
            }
            return found[nth - 1]
        }
        guard found.count == 1 else {
            throw AttestError(
                "\(role) \(Brief.quoted(text)) occurs \(found.count) times in \(documentID); say which with --nth:\n"
                    + listing(found))
        }
        return found[0]
    }

    /// Like `locate`, but without `nth` an ambiguous text resolves to the
    /// occurrence nearest to `anchor` (outside it when there is one; the one
    /// after it on a tie): the speaker and cue of a quote stand next to it.
    public func locate(_ text: String, nth: Int?, nearest anchor: Span, role: String) throws -> Span {
        if nth != nil { return try locate(text, nth: nth, role: role) }
        let all = occurrences(of: text)
        guard !all.isEmpty else { return try locate(text, nth: nil, role: role) }
        // Prefer occurrences outside the anchor (a "said" inside the quote is not its cue).
        let outside = all.filter { !$0.overlaps(anchor) }
        let found = outside.isEmpty ? all : outside
        func distance(_ s: Span) -> (Int, Int) {
            let d = s.end <= anchor.start ? anchor.start - s.end : s.start >= anchor.end ? s.start - anchor.end : 0
            return (d, s.start >= anchor.start ? 0 : 1)
        }
        return found.min { distance($0) < distance($1) }!
    }

    /// "did you mean" lines: near matches (see `NearMatch`) with the
    /// `--text` and `--nth` that name them exactly.
    public func suggestions(for text: String) -> String {
        var lines: [String] = []
        var seen: Set<Span> = []
        for span in NearMatch.spans(of: text, in: article) where !seen.contains(span) {
            seen.insert(span)
            let exact = article[span]
            let all = occurrences(of: exact)
            let which = all.firstIndex(of: span).map { all.count > 1 ? " --nth \($0 + 1)" : "" } ?? " (inside a word)"
            lines.append("  --text \(shellWord(exact))\(which): \(span)  \(context(span))")
            if lines.count == 5 { break }
        }
        return lines.isEmpty ? "" : "; did you mean:\n" + lines.joined(separator: "\n")
    }

    private func shellWord(_ s: String) -> String {
        s.contains("'") ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : "'" + s + "'"
    }

    /// One line per occurrence: its number, offsets and about 30 characters of context.
    public func listing(_ spans: [Span]) -> String {
        spans.enumerated().map { i, s in
            "  --nth \(i + 1): \(s)  \(context(s))"
        }.joined(separator: "\n")
    }

    public func context(_ s: Span, width: Int = 30) -> String {
        let before = article[Span(max(0, s.start - width), s.start)]
        let after = article[Span(s.end, min(article.count, s.end + width))]
        let flat = { (t: String) in t.replacingOccurrences(of: "\n", with: "⏎") }
        return "…\(flat(before))[\(flat(article[s]))]\(flat(after))…"
    }

    private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }
}

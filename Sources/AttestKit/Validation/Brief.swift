/// Short, safe renderings of text for diagnostics.
enum Brief {
    /// The text in quotes, newlines and tabs escaped, cut to `limit` characters.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var s = text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r", with: "\\r")
        if s.count > limit { s = String(s.prefix(limit)) + "…" }
        return "\"" + s + "\""
    }

    /// The occurrence of `text` nearest to `offset`, if any.
    static func nearestOccurrence(of text: String, in article: ArticleText, near offset: Int) -> Span? {
        guard !text.isEmpty else { return nil }
        return article.occurrences(of: text).min { abs($0.start - offset) < abs($1.start - offset) }
    }
}

/// Quotation marks, straight and typographic.
public enum QuotationMarks {
    /// Marks that can open a quotation.
    public static let opening: Set<Unicode.Scalar> = ["\"", "'", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}", "\u{201A}", "\u{2039}"]
    /// Marks that close a quotation (the right single mark ’ is also an
    /// apostrophe, so it counts only after a matching ‘).
    public static let closing: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{00BB}", "\u{203A}"]
}

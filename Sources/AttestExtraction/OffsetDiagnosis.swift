import AttestCorpus

/// Explains why a predicted span does not cover the text the extractor says
/// it does — most often because it counted UTF-8 bytes or UTF-16 units
/// instead of code points.
public enum OffsetDiagnosis {
    /// A sentence for the user, or nil when the text matches.
    public static func explain(text: String, span: Span, article: ArticleText) -> String? {
        if article.contains(span), article[span] == text { return nil }
        var hints: [String] = []
        // UTF-8 bytes?
        let bytes = article.utf8
        let wanted = Array(text.utf8)
        if span.end <= bytes.count, span.start < span.end, Array(bytes[span.start..<span.end]) == wanted,
            let s = article.scalarOffset(ofByte: span.start), let e = article.scalarOffset(ofByte: span.end)
        {
            hints.append("the offsets look like UTF-8 byte offsets: in code points this text is [\(s),\(e))")
        }
        // UTF-16 units?
        if hints.isEmpty, let (s, e) = utf16ToScalars(span, article), s < e, article[Span(s, e)] == text {
            hints.append(
                "the offsets look like UTF-16 code units (JavaScript, Java, C#): in code points this text is [\(s),\(e))"
            )
        }
        if hints.isEmpty, let near = article.nearestOccurrence(of: text, near: span.start) {
            hints.append("that text occurs at \(near) (off by \(near.start - span.start))")
        }
        let covered =
            article.contains(span)
            ? "the article has \(Brief.quoted(article[span])) there"
            : "the span lies outside the article (\(article.count) code points)"
        return "text \(Brief.quoted(text)) does not match the article at \(span): \(covered)"
            + (hints.isEmpty ? "" : "; " + hints.joined(separator: "; "))
    }

    /// Code-point offsets of UTF-16 offsets, when both fall on scalar boundaries.
    public static func utf16(_ span: Span, _ article: ArticleText) -> (Int, Int)? { utf16ToScalars(span, article) }

    /// Code-point offsets of UTF-16 offsets, when both fall on scalar boundaries.
    static func utf16ToScalars(_ span: Span, _ article: ArticleText) -> (Int, Int)? {
        var unit = 0
        var start: Int?
        var index = 0
        for scalar in article.string.unicodeScalars {
            if unit == span.start { start = index }
            if unit == span.end { return start.map { ($0, index) } }
            if unit > span.end { return nil }
            unit += scalar.utf16.count
            index += 1
        }
        if unit == span.end, let start { return (start, index) }
        return nil
    }
}

import AttestXML

/// Spans start and end at word boundaries, not inside a word ("Met" in
/// "Metropolitan").
public struct SpanWordBoundaryRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.word-boundary", .warning, "Spans start and end at word boundaries, not inside a word.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let article = subject.article else { return }
        for (label, x) in subject.excerpts where !x.span.isEmpty && x.span.end <= article.count {
            let startsInside =
                x.span.start > 0 && Self.isWord(article, x.span.start - 1) && Self.isWord(article, x.span.start)
            let endsInside =
                x.span.end < article.count && Self.isWord(article, x.span.end - 1) && Self.isWord(article, x.span.end)
            guard startsInside || endsInside else { continue }
            let word = article.word(around: startsInside ? x.span.start : x.span.end - 1)
            sink.report(
                Self.descriptor,
                "\(label) \(Brief.quoted(x.text)) \(x.span) \(startsInside ? "starts" : "ends") inside the word \(Brief.quoted(word))",
                at: x.origin)
        }
    }

    static func isWord(_ article: ArticleText, _ i: Int) -> Bool {
        article.scalar(at: i).isLetterOrDigit
    }
}

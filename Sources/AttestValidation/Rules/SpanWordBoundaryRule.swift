import AttestXML

/// Spans start and end at word boundaries, not inside a word ("Met" in
/// "Metropolitan").
public struct SpanWordBoundaryRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.word-boundary", .warning, "Spans start and end at word boundaries, not inside a word.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let article = subject.article else { return }
        func startsInside(_ x: Excerpt) -> Bool {
            x.span.start > 0 && Self.isWord(article, x.span.start - 1) && Self.isWord(article, x.span.start)
        }
        func endsInside(_ x: Excerpt) -> Bool {
            x.span.end < article.count && Self.isWord(article, x.span.end - 1) && Self.isWord(article, x.span.end)
        }
        // In text order (`forEachInTextOrder`): the article is read front to back.
        subject.forEachInTextOrder(
            where: { x in
                !x.span.isEmpty && x.span.start >= 0 && x.span.end <= article.count
                    && (startsInside(x) || endsInside(x))
            },
            do: { i in
                let (label, x) = subject.excerpts[i]
                let starts = startsInside(x)
                let word = article.word(around: starts ? x.span.start : x.span.end - 1)
                sink.report(
                    Self.descriptor,
                    "\(label) \(Brief.quoted(x.text)) \(x.span) \(starts ? "starts" : "ends") inside the word \(Brief.quoted(word))",
                    at: x.origin)
            })
    }

    static func isWord(_ article: ArticleText, _ i: Int) -> Bool {
        article.scalar(at: i).isLetterOrDigit
    }
}

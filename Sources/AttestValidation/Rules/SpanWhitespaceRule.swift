import AttestXML

/// No span starts or ends with white space.
public struct SpanWhitespaceRule: Rule {
    public static let descriptor = RuleDescriptor("span.whitespace", .error, "No span starts or ends with white space.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let article = subject.article
        /// The first and last code points of `e`: read from the article in place (no string made for a
        /// span that is fine), or from its own text when the article cannot give them.
        func ends(_ e: Excerpt) -> (first: Unicode.Scalar, last: Unicode.Scalar)? {
            if let article, article.contains(e.span) {
                guard !e.span.isEmpty else { return nil }
                return (article.scalar(at: e.span.start), article.scalar(at: e.span.end - 1))
            }
            guard let f = e.text.unicodeScalars.first, let l = e.text.unicodeScalars.last else { return nil }
            return (f, l)
        }
        // In text order (`forEachInTextOrder`): the article is read front to back.
        subject.forEachInTextOrder(
            where: { e in
                guard let (first, last) = ends(e) else { return false }
                return first.isWhiteSpace || last.isWhiteSpace
            },
            do: { i in
                let (label, e) = subject.excerpts[i]
                let first = ends(e)?.first ?? " "
                let text = article.flatMap { $0.contains(e.span) ? $0[e.span] : nil } ?? e.text
                let side = first.isWhiteSpace ? "start" : "end"
                sink.report(
                    Self.descriptor, "\(label) \(Brief.quoted(text)) has white space at its \(side); trim the span",
                    at: e.origin)
            })
    }
}

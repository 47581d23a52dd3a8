import AttestXML

/// No span starts or ends with white space.
public struct SpanWhitespaceRule: Rule {
    public static let descriptor = RuleDescriptor("span.whitespace", .error, "No span starts or ends with white space.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for (label, e) in subject.excerpts {
            // The ends read from the article in place (no string made for a span that is fine).
            let first: Unicode.Scalar
            let last: Unicode.Scalar
            if let article = subject.article, article.contains(e.span) {
                guard !e.span.isEmpty else { continue }
                first = article.scalar(at: e.span.start)
                last = article.scalar(at: e.span.end - 1)
            } else {
                guard let f = e.text.unicodeScalars.first, let l = e.text.unicodeScalars.last else { continue }
                first = f
                last = l
            }
            if first.isWhiteSpace || last.isWhiteSpace {
                let text = subject.article.flatMap { $0.contains(e.span) ? $0[e.span] : nil } ?? e.text
                let side = first.isWhiteSpace ? "start" : "end"
                sink.report(
                    Self.descriptor, "\(label) \(Brief.quoted(text)) has white space at its \(side); trim the span",
                    at: e.origin)
            }
        }
    }
}

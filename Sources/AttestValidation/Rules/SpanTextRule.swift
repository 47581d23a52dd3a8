import AttestXML

/// The text inside each span element equals the article text at its offsets.
public struct SpanTextRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.text", .error, "The text inside each span element equals the article text at its offsets.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let article = subject.article else { return }
        // Compared in place, in text order (`forEachInTextOrder`); a string is made only for a message.
        subject.forEachInTextOrder(
            where: { e in
                e.start < e.end && article.contains(e.span) && !article.matches(e.text, at: e.span)
            },
            do: { i in
                let (label, e) = subject.excerpts[i]
                let actual = article[e.span]
                var message =
                    "\(label) reads \(Brief.quoted(e.text)) but the article has \(Brief.quoted(actual)) at \(e.span)"
                if let nearest = article.nearestOccurrence(of: e.text, near: e.start) {
                    message += "; the text occurs at \(nearest) (shifted by \(nearest.start - e.start))"
                }
                sink.report(Self.descriptor, message, at: e.origin)
            })
    }
}

import AttestXML

/// No span starts or ends with white space.
public struct SpanWhitespaceRule: Rule {
    public static let descriptor = RuleDescriptor("span.whitespace", .error, "No span starts or ends with white space.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for (label, e) in subject.excerpts {
            let text = subject.article.flatMap { $0.contains(e.span) ? $0[e.span] : nil } ?? e.text
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { continue }
            if first.properties.isWhitespace || last.properties.isWhitespace {
                let side = first.properties.isWhitespace ? "start" : "end"
                sink.report(
                    Self.descriptor, "\(label) \(Brief.quoted(text)) has white space at its \(side); trim the span",
                    at: e.origin)
            }
        }
    }
}

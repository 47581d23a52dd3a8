import AttestXML

/// No two mentions share a span, and no two quotes share a content span.
public struct DuplicateAnnotationRule: Rule {
    public static let descriptor = RuleDescriptor(
        "annotation.duplicate", .error, "No two mentions share a span, and no two quotes share a content span.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        var mentions: [Span: String] = [:]
        for entity in subject.document.entities {
            for m in entity.mentions where !m.excerpt.isUnreadable {
                if let first = mentions[m.span] {
                    sink.report(
                        Self.descriptor, "mention \(m.id) repeats the span \(m.span) of mention \(first)",
                        at: m.excerpt.origin)
                } else {
                    mentions[m.span] = m.id
                }
            }
        }
        var quotes: [Span: String] = [:]
        for q in subject.document.quotes where !q.content.isUnreadable {
            if let first = quotes[q.content.span] {
                sink.report(
                    Self.descriptor, "quote \(q.id) repeats the content span \(q.content.span) of quote \(first)",
                    at: q.origin)
            } else {
                quotes[q.content.span] = q.id
            }
        }
    }
}

import AttestXML

/// No two mentions share a span, and no two quotes share a content span.
public struct DuplicateAnnotationRule: Rule {
    public static let descriptor = RuleDescriptor(
        "annotation.duplicate", .error, "No two mentions share a span, and no two quotes share a content span.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        // The mentions' spans sorted (a table of 20,000 spans hashed at each edit was this rule's time):
        // in a run of equal spans, each after the first repeats the first, in document order.
        var spans: [(start: Int, end: Int, index: Int)] = []
        spans.reserveCapacity(subject.excerpts.count)
        for i in subject.excerpts.indices where subject.excerpts[i].label.role == "mention" {
            let span = subject.excerpts[i].excerpt.span
            spans.append((span.start, span.end, i))
        }
        spans.sort { $0 < $1 }
        var repeats: [(index: Int, first: Int)] = []
        var first = 0
        for k in spans.indices.dropFirst() {
            if spans[k].start == spans[first].start && spans[k].end == spans[first].end {
                repeats.append((spans[k].index, spans[first].index))
            } else {
                first = k
            }
        }
        repeats.sort { $0.index < $1.index }
        for (i, f) in repeats {
            let m = subject.excerpts[i]
            sink.report(
                Self.descriptor,
                "mention \(m.label.owner) repeats the span \(m.excerpt.span) of mention \(subject.excerpts[f].label.owner)",
                at: m.excerpt.origin)
        }
        var quotes: [Span: String] = [:]
        quotes.reserveCapacity(subject.document.quotes.count)
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

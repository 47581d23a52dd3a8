/// A quote's content or speaker span does not cut a mention: it holds the
/// whole name or none of it.
public struct SpanCutsMentionRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.cuts-mention", .error,
        "A quote's content or speaker span does not cut a mention: it holds the whole name or none of it.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let mentions = subject.document.mentions.filter { !$0.mention.excerpt.isUnreadable }.sorted {
            $0.mention.span < $1.mention.span
        }
        guard !mentions.isEmpty else { return }
        for q in subject.document.quotes {
            for (role, excerpt) in q.excerpts where role != "cue" && !excerpt.isUnreadable {
                // Only mentions that start before the span ends can cross it.
                for (entity, m) in mentions {
                    if m.span.start >= excerpt.span.end { break }
                    guard m.span.crosses(excerpt.span) else { continue }
                    let part =
                        subject.article.map {
                            Brief.quoted(
                                $0[Span(max(m.span.start, excerpt.span.start), min(m.span.end, excerpt.span.end))])
                        } ?? "part"
                    sink.report(
                        Self.descriptor,
                        "the \(role) of quote \(q.id) \(excerpt.span) cuts mention \(m.id) \(Brief.quoted(m.text)) \(m.span) of \(entity.id), holding only \(part); take the whole name or none of it",
                        at: excerpt.origin ?? q.origin)
                }
            }
        }
    }
}

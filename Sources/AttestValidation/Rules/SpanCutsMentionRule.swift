import AttestXML

/// A quote's content or speaker span does not cut a mention: it holds the
/// whole name or none of it.
public struct SpanCutsMentionRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.cuts-mention", .error,
        "A quote's content or speaker span does not cut a mention: it holds the whole name or none of it.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        var mentions: [(entity: String, mention: Mention)] = []
        for e in subject.document.entities {
            for m in e.mentions where !m.excerpt.isUnreadable { mentions.append((e.id, m)) }
        }
        mentions.sort { $0.mention.span < $1.mention.span }
        guard !mentions.isEmpty else { return }
        let starts = mentions.map(\.mention.span.start)
        let longest = mentions.map(\.mention.span.length).max() ?? 0
        /// Index of the first mention starting at or after `offset`.
        func firstStart(atOrAfter offset: Int) -> Int {
            var lo = 0
            var hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        for q in subject.document.quotes {
            for (role, excerpt) in q.excerpts where role != "cue" && !excerpt.isUnreadable {
                let span = excerpt.span
                // A mention crossing the span holds one of its edges: it starts
                // less than `longest` before that edge.
                var seen: Set<Int> = []
                for edge in [span.start, span.end] {
                    var i = firstStart(atOrAfter: edge - longest)
                    while i < mentions.count, starts[i] < edge {
                        let (entity, m) = mentions[i]
                        if m.span.crosses(span), seen.insert(i).inserted {
                            let part =
                                subject.article.map {
                                    Brief.quoted($0[Span(max(m.span.start, span.start), min(m.span.end, span.end))])
                                } ?? "part"
                            sink.report(
                                Self.descriptor,
                                "the \(role) of quote \(q.id) \(span) cuts mention \(m.id) \(Brief.quoted(m.text)) \(m.span) of \(entity), holding only \(part); take the whole name or none of it",
                                at: excerpt.origin ?? q.origin)
                        }
                        i += 1
                    }
                }
            }
        }
    }
}

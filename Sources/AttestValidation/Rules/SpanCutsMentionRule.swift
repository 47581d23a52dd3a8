import AttestXML

/// A quote's content or speaker span does not cut a mention: it holds the
/// whole name or none of it. A span strictly inside a mention cuts it too
/// (a speaker span "Cres" inside the mention "Cres Eastman").
public struct SpanCutsMentionRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.cuts-mention", .error,
        "A quote's content or speaker span does not cut a mention: it holds the whole name or none of it, and does not lie strictly inside one."
    )

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        // Where each mention is (entity and mention index) with its span, sorted by start: no mention
        // is copied (sorting 18,000 copies of mentions, their strings retained, was this rule's time).
        var mentions: [(start: Int, end: Int, entity: Int, mention: Int)] = []
        mentions.reserveCapacity(subject.excerpts.count)
        var longest = 0
        // Spans out of the article are `span.range`'s to report.
        let length = subject.article?.count ?? subject.document.header.length
        let entities = subject.document.entities
        for e in entities.indices {
            for m in entities[e].mentions.indices {
                let span = entities[e].mentions[m].span
                if span.start >= 0 && span.start < span.end && (length < 0 || span.end <= length) {
                    mentions.append((span.start, span.end, e, m))
                    longest = max(longest, span.end - span.start)
                }
            }
        }
        mentions.sort { $0 < $1 }
        guard !mentions.isEmpty else { return }
        let starts = mentions.map(\.start)
        // Mentions reported as crossing the current span (a few at most): kept
        // in one array for the whole run, so no excerpt allocates.
        var seen: [Int] = []
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
        func at(_ i: Int) -> (entity: String, mention: Mention) {
            let e = entities[mentions[i].entity]
            return (e.id, e.mentions[mentions[i].mention])
        }
        for q in subject.document.quotes {
            for (role, excerpt) in q.excerpts where role != "cue" && !excerpt.isUnreadable {
                let span = excerpt.span
                // A mention holding the span and more: it starts at most `longest` before it.
                var i = firstStart(atOrAfter: span.start - longest)
                while i < mentions.count, starts[i] <= span.start {
                    let mentionSpan = Span(mentions[i].start, mentions[i].end)
                    if span.start < span.end, mentionSpan.end >= span.end, mentionSpan != span,
                        case (let entity, let m) = at(i), Self.namesMore(m, than: span)
                    {
                        sink.report(
                            Self.descriptor,
                            "the \(role) of quote \(q.id) \(Brief.quoted(excerpt.text)) \(span) lies inside mention \(m.id) \(Brief.quoted(m.text)) \(m.span) of \(entity); take the whole mention",
                            at: excerpt.origin ?? q.origin)
                    }
                    i += 1
                }
                // A mention crossing the span holds one of its edges: it starts
                // less than `longest` before that edge.
                seen.removeAll(keepingCapacity: true)
                for side in 0..<2 {
                    let edge = side == 0 ? span.start : span.end
                    var i = firstStart(atOrAfter: edge - longest)
                    while i < mentions.count, starts[i] < edge {
                        if Span(mentions[i].start, mentions[i].end).crosses(span), !seen.contains(i) {
                            seen.append(i)
                            let (entity, m) = at(i)
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

    /// Whether a mention holding `span` has letters or digits outside it (a
    /// mention with a stray space is `span.whitespace`'s, not a cut name).
    static func namesMore(_ m: Mention, than span: Span) -> Bool {
        let scalars = Array(m.text.unicodeScalars)
        guard scalars.count == m.span.length else { return true }
        let before = scalars.prefix(max(0, span.start - m.span.start))
        let after = scalars.suffix(max(0, m.span.end - span.end))
        return (before + after).contains { $0.isLetterOrDigit }
    }
}

import AttestXML

/// Mentions of different entities do not cross (one may nest inside another).
public struct MentionCrossingRule: Rule {
    public static let descriptor = RuleDescriptor(
        "mention.crossing", .error, "Mentions of different entities do not cross (one may nest inside another).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        // (start, end, entity index, mention index), outer spans first on a shared start.
        var all: [(start: Int, end: Int, entity: Int, mention: Int)] = []
        for (e, entity) in subject.document.entities.enumerated() {
            for (m, mention) in entity.mentions.enumerated()
            where !mention.span.isEmpty && !mention.excerpt.isUnreadable {
                all.append((mention.span.start, mention.span.end, e, m))
            }
        }
        all.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var open: [(start: Int, end: Int, entity: Int, mention: Int)] = []
        for item in all {
            while let top = open.last, top.end <= item.start { open.removeLast() }
            if let top = open.last, item.end > top.end, top.entity != item.entity {
                let entities = subject.document.entities
                let a = entities[item.entity]
                let b = entities[top.entity]
                let m = a.mentions[item.mention]
                let n = b.mentions[top.mention]
                sink.report(
                    Self.descriptor,
                    "mention \(m.id) \(m.span) of \(a.id) crosses mention \(n.id) \(n.span) of \(b.id); mentions may nest but not cross",
                    at: m.excerpt.origin)
                continue
            }
            open.append(item)
        }
    }
}

/// Mentions of different entities do not cross (one may nest inside another).
public struct MentionCrossingRule: Rule {
    public static let descriptor = RuleDescriptor("mention.crossing", .error, "Mentions of different entities do not cross (one may nest inside another).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        var all = subject.document.mentions.filter { !$0.mention.span.isEmpty && !$0.mention.excerpt.isUnreadable }
        all.sort { ($0.mention.span.start, -$0.mention.span.end) < ($1.mention.span.start, -$1.mention.span.end) }
        var open: [(entity: Entity, mention: Mention)] = []
        for item in all {
            while let top = open.last, top.mention.span.end <= item.mention.span.start { open.removeLast() }
            if let top = open.last, item.mention.span.end > top.mention.span.end, top.entity.id != item.entity.id {
                sink.report(Self.descriptor, "mention \(item.mention.id) \(item.mention.span) of \(item.entity.id) crosses mention \(top.mention.id) \(top.mention.span) of \(top.entity.id); mentions may nest but not cross", at: item.mention.excerpt.origin)
                continue
            }
            open.append(item)
        }
    }
}

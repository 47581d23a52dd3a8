import AttestXML

/// Every id (entity, mention, quote) is unique within its file (also enforced by the XSD's xs:key).
public struct UniqueIDRule: Rule {
    public static let descriptor = RuleDescriptor(
        "id.unique", .error,
        "Every id (entity, mention, quote) is unique within its file (also enforced by the XSD's xs:key).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        var seen: Set<String> = []
        seen.reserveCapacity(subject.excerpts.count + subject.document.entities.count)
        func visit(_ id: String, _ what: String, _ origin: SourceLocation?) {
            if !seen.insert(id).inserted {
                sink.report(
                    Self.descriptor, "duplicate id \(Brief.quoted(id)) on \(what); ids are unique within a file",
                    at: origin)
            }
        }
        for e in subject.document.entities {
            visit(e.id, "entity", e.origin)
            for m in e.mentions { visit(m.id, "mention", m.excerpt.origin) }
        }
        for q in subject.document.quotes { visit(q.id, "quote", q.origin) }
    }
}

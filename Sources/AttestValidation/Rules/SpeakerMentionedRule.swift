import AttestXML

/// A quote's speaker entity has at least one mention in the article.
public struct SpeakerMentionedRule: Rule {
    public static let descriptor = RuleDescriptor(
        "speaker.mentioned", .error, "A quote's speaker entity has at least one mention in the article.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for q in subject.document.quotes {
            if let ref = q.speakerEntity, let entity = subject.document.entity(withID: ref), entity.mentions.isEmpty {
                sink.report(
                    Self.descriptor,
                    "quote \(q.id) is attributed to \(ref) (\(entity.name)), which has no mention; annotate where the article names it",
                    at: q.origin)
            }
        }
    }
}

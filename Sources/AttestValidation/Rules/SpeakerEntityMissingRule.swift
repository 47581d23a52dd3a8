import AttestXML

/// A quote whose speaker span names exactly one entity (see
/// `AnnotationDocument.inferredSpeaker`) is attributed to it
/// (`speaker-entity`); the editing commands fill it in.
public struct SpeakerEntityMissingRule: Rule {
    public static let descriptor = RuleDescriptor(
        "speaker.entity-missing", .warning,
        "A quote whose speaker is a mention of exactly one entity (the whole span, or a person's name at its start or end) is attributed to it (speaker-entity); the editing commands fill it in."
    )

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for q in subject.document.quotes {
            guard let id = subject.document.inferredSpeaker(of: q), let e = subject.document.entity(withID: id) else {
                continue
            }
            sink.report(
                Self.descriptor,
                "the speaker of quote \(q.id) \(Brief.quoted(q.speaker?.text ?? "")) names \(e.id) (\(e.name)) but the quote has no speaker-entity; add speaker-entity=\"\(e.id)\"",
                at: q.origin)
        }
    }
}

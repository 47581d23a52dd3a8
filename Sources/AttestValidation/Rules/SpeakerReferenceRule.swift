import AttestXML

/// A quote's `speaker-entity` names an entity of the same file (also enforced by the XSD's xs:keyref).
public struct SpeakerReferenceRule: Rule {
    public static let descriptor = RuleDescriptor(
        "ref.resolved", .error,
        "A quote's `speaker-entity` names an entity of the same file (also enforced by the XSD's xs:keyref).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let ids = Set(subject.document.entities.map(\.id))
        for q in subject.document.quotes {
            if let ref = q.speakerEntity, !ids.contains(ref) {
                sink.report(
                    Self.descriptor,
                    "quote \(q.id) names speaker-entity \(Brief.quoted(ref)), which is no entity of this file",
                    at: q.origin)
            }
        }
    }
}

import AttestXML

/// An entity has at least one mention.
public struct EmptyEntityRule: Rule {
    public static let descriptor = RuleDescriptor("entity.empty", .warning, "An entity has at least one mention.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for e in subject.document.entities where e.mentions.isEmpty {
            sink.report(Self.descriptor, "entity \(e.id) (\(e.name)) has no mention", at: e.origin)
        }
    }
}

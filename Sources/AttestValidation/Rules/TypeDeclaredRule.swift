import AttestXML

/// Every entity type is PERSON, ORG, LOC or declared in the manifest.
public struct TypeDeclaredRule: Rule {
    public static let descriptor = RuleDescriptor(
        "type.declared", .error, "Every entity type is PERSON, ORG, LOC or declared in the manifest.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for e in subject.document.entities where !subject.declaredTypes.contains(e.type) {
            let known = subject.declaredTypes.sorted().map(\.name).joined(separator: ", ")
            sink.report(
                Self.descriptor,
                "entity \(e.id) has type \(e.type), which is not declared (declared: \(known)); declare it in attest.xml under <types>",
                at: e.origin)
        }
    }
}

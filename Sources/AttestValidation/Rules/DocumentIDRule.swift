import AttestXML

/// The document id equals the annotation file's name without `.xml`.
public struct DocumentIDRule: Rule {
    public static let descriptor = RuleDescriptor(
        "document.id", .error, "The document id equals the annotation file's name without `.xml`.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let stem = subject.fileStem else { return }
        let header = subject.document.header
        if header.id != stem {
            sink.report(
                Self.descriptor,
                "document id \(Brief.quoted(header.id)) differs from the file name \(Brief.quoted(stem + ".xml")); rename one of them",
                at: header.origin)
        }
    }
}

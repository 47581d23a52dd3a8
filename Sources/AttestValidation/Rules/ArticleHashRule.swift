import AttestXML

/// The `sha256` in the header equals the SHA-256 of the article's bytes.
public struct ArticleHashRule: Rule {
    public static let descriptor = RuleDescriptor(
        "article.hash", .error, "The `sha256` in the header equals the SHA-256 of the article's bytes.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let actual = subject.articleSHA256 else { return }
        let header = subject.document.header
        if actual != header.sha256 {
            sink.report(
                Self.descriptor,
                "sha256 \(header.sha256) does not match the article's \(actual): the article changed since it was annotated; run `attest realign \(header.id)` to carry the annotations across",
                at: header.origin)
        }
    }
}

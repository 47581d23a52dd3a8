import AttestXML

/// The `length` in the header equals the article's length in Unicode code points.
public struct ArticleLengthRule: Rule {
    public static let descriptor = RuleDescriptor(
        "article.length", .error, "The `length` in the header equals the article's length in Unicode code points.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        guard let article = subject.article else { return }
        let header = subject.document.header
        if header.length >= 0 && header.length != article.count {
            sink.report(
                Self.descriptor, "length \(header.length) does not match the article's \(article.count) code points",
                at: header.origin)
        }
    }
}

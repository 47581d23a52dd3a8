import AttestXML

/// A quote's content excludes its own quotation marks.
public struct QuoteMarksRule: Rule {
    public static let descriptor = RuleDescriptor(
        "quote.marks", .error, "A quote's content excludes its own quotation marks.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for q in subject.document.quotes {
            // The first and last code points of the content, read in place in the article.
            let first: Unicode.Scalar
            let last: Unicode.Scalar
            let span = q.content.span
            if let article = subject.article, article.contains(span) {
                guard span.start < span.end else { continue }
                first = article.scalar(at: span.start)
                last = article.scalar(at: span.end - 1)
            } else {
                guard let f = q.content.text.unicodeScalars.first, let l = q.content.text.unicodeScalars.last else {
                    continue
                }
                first = f
                last = l
            }
            if QuotationMarks.opening.contains(first) {
                sink.report(
                    Self.descriptor,
                    "content of quote \(q.id) starts with the quotation mark \(Brief.quoted(String(first))); the span is the text inside the marks",
                    at: q.content.origin)
            } else if QuotationMarks.closing.contains(last) || (last == "\u{2019}" && first == "\u{2018}") {
                sink.report(
                    Self.descriptor,
                    "content of quote \(q.id) ends with the quotation mark \(Brief.quoted(String(last))); the span is the text inside the marks",
                    at: q.content.origin)
            }
        }
    }
}

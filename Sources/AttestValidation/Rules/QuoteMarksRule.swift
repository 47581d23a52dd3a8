import AttestXML

/// A quote's content excludes its own quotation marks.
public struct QuoteMarksRule: Rule {
    public static let descriptor = RuleDescriptor(
        "quote.marks", .error, "A quote's content excludes its own quotation marks.")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        for q in subject.document.quotes {
            let text =
                subject.article.flatMap { $0.contains(q.content.span) ? $0[q.content.span] : nil } ?? q.content.text
            let scalars = Array(text.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last else { continue }
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

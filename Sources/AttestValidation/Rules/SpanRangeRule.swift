import AttestXML

/// Every span has `0 <= start < end <= length` (code points; half-open).
public struct SpanRangeRule: Rule {
    public static let descriptor = RuleDescriptor(
        "span.range", .error, "Every span has `0 <= start < end <= length` (code points; half-open).")

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let length = subject.article?.count ?? subject.document.header.length
        for (label, e) in subject.excerpts {
            if e.start >= e.end {
                sink.report(
                    Self.descriptor,
                    "\(label) has start \(e.start) not before end \(e.end); spans are half-open [start, end) and not empty",
                    at: e.origin)
            } else if length >= 0 && e.end > length {
                sink.report(
                    Self.descriptor, "\(label) ends at \(e.end), past the article's end (\(length) code points)",
                    at: e.origin)
            }
        }
    }
}

import AttestXML

/// A quote's speaker span stands near its content (within the manifest's
/// `speaker-distance`, 100 code points by default). A quote that continues
/// a statement (guidelines 2.2: the next paragraph, same speaker span) may
/// stand that far from the previous quote of the statement instead.
public struct SpeakerDistanceRule: Rule {
    public static let descriptor = RuleDescriptor(
        "speaker.distance", .warning,
        "A quote's speaker span stands near its content, or near another quote with the same speaker span (within <checks speaker-distance>, default 100 code points)."
    )

    public init() {}

    public func check(_ subject: ValidationSubject, into sink: inout DiagnosticSink) {
        let limit = subject.settings.speakerDistance
        var bySpeaker: [Span: [Span]] = [:]
        for q in subject.document.quotes where !q.content.isUnreadable {
            if let s = q.speaker, !s.isUnreadable { bySpeaker[s.span, default: []].append(q.content.span) }
        }
        for q in subject.document.quotes {
            guard let s = q.speaker, !s.isUnreadable, !q.content.isUnreadable else { continue }
            let c = q.content.span
            let fromSpeaker = Self.gap(s.span, c)
            guard fromSpeaker > limit else { continue }
            // The statement this quote continues: the quotes with this speaker span.
            let chained = bySpeaker[s.span, default: []].filter { $0 != c }.map { Self.gap($0, c) }.min() ?? .max
            guard chained > limit else { continue }
            sink.report(
                Self.descriptor,
                "the speaker of quote \(q.id) \(Brief.quoted(s.text)) \(s.span) is \(fromSpeaker) code points from its content \(c) (limit \(limit)); mark the mention next to the quote",
                at: s.origin ?? q.origin)
        }
    }

    /// Code points between two spans (0 when they touch or overlap).
    static func gap(_ a: Span, _ b: Span) -> Int {
        a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0
    }
}

import AttestXML

/// A quote's speaker span stands near its content (within the manifest's
/// `speaker-distance`, 100 code points by default). A quote that continues
/// a statement (guidelines 2.2: the next paragraph, same speaker span) may
/// stand that far from the previous quote of the statement instead. A
/// speaker tied to the content through its cue in one sentence is near
/// whatever stands between speaker and cue: "Professor Cres Eastman,
/// Director of …, and Chairman of …, says it is crucial …" (guidelines
/// 2.2: the speaker span is the name, the apposition is not part of it).
public struct SpeakerDistanceRule: Rule {
    public static let descriptor = RuleDescriptor(
        "speaker.distance", .warning,
        "A quote's speaker span stands near its content, or near another quote with the same speaker span, or in one sentence with a cue that stands near the content (within <checks speaker-distance>, default 100 code points)."
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
            if let cue = q.cue, !cue.isUnreadable, let article = subject.article, Self.gap(cue.span, c) <= limit,
                Self.oneSentence(s.span, cue.span, in: article)
            {
                continue
            }
            sink.report(
                Self.descriptor,
                "the speaker of quote \(q.id) \(Brief.quoted(s.text)) \(s.span) is \(fromSpeaker) code points from its content \(c) (limit \(limit)); mark the mention next to the quote, or the cue that ties it to the content in one sentence",
                at: s.origin ?? q.origin)
        }
    }

    /// Whether no sentence ends between two spans: no line break, and no `.`,
    /// `!` or `?` followed by white space, between the first's end and the
    /// second's start.
    static func oneSentence(_ a: Span, _ b: Span, in article: ArticleText) -> Bool {
        let (first, second) = a.start <= b.start ? (a, b) : (b, a)
        guard first.end < second.start else { return true }
        let between = Array(article[Span(first.end, second.start)].unicodeScalars)
        for (i, ch) in between.enumerated() {
            if ch == "\n" || ch == "\u{2029}" { return false }
            if ch == "." || ch == "!" || ch == "?", i + 1 < between.count,
                between[i + 1].isWhiteSpace
            {
                return false
            }
        }
        return true
    }

    /// Code points between two spans (0 when they touch or overlap).
    package static func gap(_ a: Span, _ b: Span) -> Int {
        a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0
    }
}

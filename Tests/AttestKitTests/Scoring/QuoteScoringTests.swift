import AttestKit
import Testing

/// Hand-computed quote metrics on a small article with curly quotes.
@Suite struct QuoteScoringTests {
    static let text = "“We will win,” said Ann Lee. Bob Ray said the vote was fair. Lee called it “a farce”.\n"
    static let article = ArticleText(text)

    /// The `nth` (1-based) occurrence of `s`.
    static func span(_ s: String, _ nth: Int = 1) -> Span { article.occurrences(of: s)[nth - 1] }
    static func excerpt(_ s: String, _ nth: Int = 1) -> Excerpt { Excerpt(span: span(s, nth), text: s) }

    static let gold: AnnotationDocument = {
        let header = DocumentHeader(id: "t", articlePath: "t.txt", sha256: "", length: article.count, status: .gold)
        let ann = Entity(
            id: "e1", type: .person, name: "Ann Lee",
            mentions: [Mention(id: "m1", excerpt: excerpt("Ann Lee")), Mention(id: "m3", excerpt: excerpt("Lee", 2))])
        let bob = Entity(
            id: "e2", type: .person, name: "Bob Ray", mentions: [Mention(id: "m2", excerpt: excerpt("Bob Ray"))])
        let quotes = [
            Quote(
                id: "q1", kind: .direct, content: excerpt("We will win,"), speaker: excerpt("Ann Lee"),
                cue: excerpt("said"), speakerEntity: "e1"),
            Quote(
                id: "q2", kind: .indirect, content: excerpt("the vote was fair"), speaker: excerpt("Bob Ray"),
                cue: excerpt("said", 2), speakerEntity: "e2"),
            Quote(
                id: "q3", kind: .mixed, content: excerpt("a farce"), speaker: excerpt("Lee", 2), cue: excerpt("called"),
                speakerEntity: "e1"),
        ]
        return AnnotationDocument(header: header, entities: [ann, bob], quotes: quotes)
    }()

    static let predicted = [
        // Jaccard 11/12 with q1; right speaker; right cue.
        PredictedQuote(
            content: PredictedSpan(span("We will win")), kind: .direct, speaker: PredictedSpan(span("Ann Lee")),
            cue: PredictedSpan(span("said"))),
        // Jaccard 13/17 with q2; speaker "Lee" of the third sentence (wrong); no cue.
        PredictedQuote(
            content: PredictedSpan(span("vote was fair")), kind: .indirect, speaker: PredictedSpan(span("Lee", 2))),
        // Matches nothing.
        PredictedQuote(content: PredictedSpan(span("Lee called it"))),
    ]

    @Test func exactAndOverlapMatching() {
        let s = QuoteScorer(threshold: 0.5).score(gold: Self.gold, predicted: Self.predicted).score
        #expect(s.exact == Tally(tp: 0, predicted: 3, expected: 3))
        #expect(s.overlap == Tally(tp: 2, predicted: 3, expected: 3))
        #expect(abs(s.overlap.scores.f1 - 2.0 / 3.0) < 1e-12)
        // At a threshold above 13/17 only q1 matches.
        let strict = QuoteScorer(threshold: 0.8).score(gold: Self.gold, predicted: Self.predicted).score
        #expect(strict.overlap.tp == 1)
    }

    @Test func kindsAndConfusion() {
        let s = QuoteScorer().score(gold: Self.gold, predicted: Self.predicted).score
        #expect(s.kinds["direct"]?.overlap == Tally(tp: 1, predicted: 1, expected: 1))
        #expect(s.kinds["indirect"]?.overlap == Tally(tp: 1, predicted: 1, expected: 1))
        #expect(s.kinds["mixed"]?.overlap == Tally(tp: 0, predicted: 0, expected: 1))
        #expect(s.confusion == ["direct": ["direct": 1], "indirect": ["indirect": 1]])
    }

    @Test func attributionCueAndSpeakers() {
        let s = QuoteScorer().score(gold: Self.gold, predicted: Self.predicted).score
        #expect(s.matched == 2)
        #expect(s.attributed == 1)
        #expect(s.attribution == Tally(tp: 1, predicted: 3, expected: 3))
        #expect(abs(s.attribution.scores.f1 - 1.0 / 3.0) < 1e-12)
        #expect(s.cue == Tally(tp: 1, predicted: 1, expected: 3))
        #expect(s.cue.scores.f1 == 0.5)
        // Gold speakers {e1, e2}; both predicted speakers resolve to e1.
        #expect(s.speakers == Tally(tp: 1, predicted: 1, expected: 2))
        let m = Metrics.compute(
            Totals([
                DocumentScorer().score(gold: Self.gold, prediction: PredictionDocument(id: "t", quotes: Self.predicted))
            ]))
        #expect(m["quotes.attribution.accuracy"] == 0.5)
        #expect(abs(m["quotes.speakers.f1"]! - 2.0 / 3.0) < 1e-12)
    }

    @Test func speakerThroughEntityMention() {
        // A prediction naming "Lee" for q1 is right: "Lee" is a mention of q1's speaker entity e1.
        let p = PredictedQuote(
            content: PredictedSpan(Self.span("We will win,")), speaker: PredictedSpan(Self.span("Lee", 2)))
        #expect(QuoteScorer.speakerIsRight(gold: Self.gold.quotes[0], predicted: p, in: Self.gold))
        #expect(!QuoteScorer.speakerIsRight(gold: Self.gold.quotes[1], predicted: p, in: Self.gold))
    }

    @Test func bestJaccardFirst() {
        // Two predictions compete for q2; the closer one wins, the other is spurious.
        let pairs = QuoteScorer.match(
            gold: [Self.span("the vote was fair")],
            predicted: [Self.span("vote was fair"), Self.span("the vote was fair")], minimum: 0.5, exactOnly: false)
        #expect(pairs.map { "\($0.gold)-\($0.predicted)" } == ["0-1"])
    }

    @Test func errorsCarryContext() {
        let score = DocumentScorer().score(
            gold: Self.gold, prediction: PredictionDocument(id: "t", quotes: Self.predicted), article: Self.article)
        let kinds = score.errors.map(\.kind.rawValue)
        #expect(kinds.filter { $0 == "quote-boundary" }.count == 2)
        #expect(kinds.contains("speaker"))
        #expect(kinds.contains("missed-quote"))
        #expect(kinds.contains("spurious-quote"))
        let missed = score.errors.first { $0.kind == .missedQuote }!
        #expect(missed.goldText == "a farce")
        #expect(missed.before.hasSuffix("Lee called it “"))
        #expect(missed.after == "”.\n")
    }
}

/// The error listing's kind column fits its longest kind.
@Suite struct ErrorListingLayoutTests {
    @Test func kindColumnFitsQuoteBoundary() {
        let errors = [
            ScoreError(kind: .quoteBoundary, gold: Span(0, 4), predicted: Span(0, 3)),
            ScoreError(kind: .missed, gold: Span(5, 9), goldType: "ORG"),
        ]
        let card = Scorecard(
            documents: [
                DocumentScore(
                    id: "d", predicted: true, entities: EntityDocumentScore(), quotes: QuoteDocumentScore(),
                    errors: errors)
            ], options: ScoringOptions())
        let lines = ErrorListing.render(card).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  quote-boundary  gold [0,4)") })
        #expect(lines.contains { $0.hasPrefix("  missed          gold ORG [5,9)") })
    }
}

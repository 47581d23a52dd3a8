import AttestExtraction

/// Scores one document's prediction against its gold annotation.
public struct DocumentScorer: Sendable {
    public var options: ScoringOptions
    /// Code points of context on each side of an error.
    public static let contextWidth = 40

    public init(options: ScoringOptions = ScoringOptions()) { self.options = options }

    /// `article` gives the errors their context; without it they have none.
    /// A nil `prediction` is scored as an empty one.
    public func score(gold: AnnotationDocument, prediction: PredictionDocument?, article: ArticleText? = nil)
        -> DocumentScore
    {
        var goldMentions: [TypedSpan] = []
        goldMentions.reserveCapacity(gold.entities.reduce(0) { $0 + $1.mentions.count })
        for e in gold.entities {
            for m in e.mentions { goldMentions.append(TypedSpan(m.span, e.type)) }
        }
        goldMentions.sort { $0.span != $1.span ? $0.span < $1.span : $0.type < $1.type }
        let predicted = prediction?.mentions ?? []
        let predictedSpans = predicted.map { TypedSpan($0.span, $0.type) }
        let (entities, strict) = EntityScorer(matching: options.matching).score(
            gold: goldMentions, predicted: predictedSpans, outcomes: options.collectErrors)
        let quoteOutcome = QuoteScorer(threshold: options.overlap).score(
            gold: gold, predicted: prediction?.quotes ?? [])
        var errors: [ScoreError] = []
        if options.collectErrors, let strict {
            errors =
                Self.entityErrors(gold: goldMentions, predicted: predictedSpans, strict: strict, article: article)
                + Self.quoteErrors(
                    gold: gold, predicted: prediction?.quotes ?? [], outcome: quoteOutcome, article: article)
        }
        return DocumentScore(
            id: gold.id, predicted: prediction != nil, entities: entities, quotes: quoteOutcome.score, errors: errors)
    }

    /// The text before, after and of `span`, clamped to the article.
    static func context(_ span: Span, _ article: ArticleText?) -> (String, String, String) {
        guard let article else { return ("", "", "") }
        let s = min(max(span.start, 0), article.count)
        let e = min(max(span.end, s), article.count)
        return (
            article[Span(max(0, s - contextWidth), s)], article[Span(e, min(article.count, e + contextWidth))],
            article[Span(s, e)]
        )
    }

    static func text(_ span: Span, _ article: ArticleText?) -> String? {
        guard let article, article.contains(span) else { return nil }
        return article[span]
    }

    static func entityErrors(gold: [TypedSpan], predicted: [TypedSpan], strict: SchemeResult, article: ArticleText?)
        -> [ScoreError]
    {
        var errors: [ScoreError] = []
        for (p, outcome) in strict.predictions.enumerated() {
            let pred = predicted[p]
            switch outcome {
            case .correct: continue
            case .spurious:
                let (b, a, f) = context(pred.span, article)
                errors.append(
                    ScoreError(
                        kind: .spurious, predicted: pred.span, predictedType: pred.type.name,
                        predictedText: text(pred.span, article), before: b, after: a, focus: f))
            case .incorrect(let g), .partial(let g):
                let t = gold[g]
                let kind: ScoreError.Kind =
                    t.span == pred.span ? .type : (t.type == pred.type ? .boundary : .boundaryType)
                let (b, a, f) = context(
                    Span(min(t.span.start, pred.span.start), max(t.span.end, pred.span.end)), article)
                errors.append(
                    ScoreError(
                        kind: kind, gold: t.span, goldType: t.type.name, goldText: text(t.span, article),
                        predicted: pred.span,
                        predictedType: pred.type.name, predictedText: text(pred.span, article), before: b, after: a,
                        focus: f))
            }
        }
        for g in strict.missed {
            let t = gold[g]
            let (b, a, f) = context(t.span, article)
            errors.append(
                ScoreError(
                    kind: .missed, gold: t.span, goldType: t.type.name, goldText: text(t.span, article), before: b,
                    after: a, focus: f))
        }
        return errors.sorted { ($0.gold ?? $0.predicted!).start < ($1.gold ?? $1.predicted!).start }
    }

    static func quoteErrors(
        gold document: AnnotationDocument, predicted: [PredictedQuote], outcome: QuoteScorer.Outcome,
        article: ArticleText?
    )
        -> [ScoreError]
    {
        let gold = document.quotes
        var errors: [ScoreError] = []
        var matchedGold = Set<Int>()
        var matchedPred = Set<Int>()
        for pair in outcome.pairs {
            matchedGold.insert(pair.gold)
            matchedPred.insert(pair.predicted)
            let g = gold[pair.gold]
            let p = predicted[pair.predicted]
            if g.content.span != p.content.span {
                let (b, a, f) = context(
                    Span(min(g.content.start, p.content.span.start), max(g.content.end, p.content.span.end)), article)
                errors.append(
                    ScoreError(
                        kind: .quoteBoundary, gold: g.content.span, goldType: g.kind.rawValue, goldText: g.content.text,
                        predicted: p.content.span, predictedType: p.kind?.rawValue,
                        predictedText: text(p.content.span, article), before: b, after: a, focus: f))
            }
            if !pair.attributed {
                let anchor = p.speaker?.span ?? g.speaker?.span ?? g.content.span
                let (b, a, f) = context(anchor, article)
                let goldSpeaker = g.speaker?.text ?? g.speakerEntity.flatMap { document.entity(withID: $0)?.name }
                errors.append(
                    ScoreError(
                        kind: .speaker, gold: g.speaker?.span, goldType: "speaker of \(g.id)", goldText: goldSpeaker,
                        predicted: p.speaker?.span,
                        predictedType: "speaker", predictedText: p.speaker.flatMap { text($0.span, article) },
                        before: b, after: a, focus: f))
            }
        }
        for (i, g) in gold.enumerated() where !matchedGold.contains(i) {
            let (b, a, f) = context(g.content.span, article)
            errors.append(
                ScoreError(
                    kind: .missedQuote, gold: g.content.span, goldType: g.kind.rawValue, goldText: g.content.text,
                    before: b, after: a, focus: f))
        }
        for (i, p) in predicted.enumerated() where !matchedPred.contains(i) {
            let (b, a, f) = context(p.content.span, article)
            errors.append(
                ScoreError(
                    kind: .spuriousQuote, predicted: p.content.span, predictedType: p.kind?.rawValue,
                    predictedText: text(p.content.span, article),
                    before: b, after: a, focus: f))
        }
        return errors.sorted {
            ($0.gold ?? $0.predicted ?? Span(0, 0)).start < ($1.gold ?? $1.predicted ?? Span(0, 0)).start
        }
    }
}

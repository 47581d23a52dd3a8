import AttestExtraction

/// Scores predictions against gold documents: the library entry point
/// `attest score` uses, public so that a Swift extractor can assert its
/// scores in its own tests.
public struct Scorer: Sendable {
    public var options: ScoringOptions

    public init(options: ScoringOptions = ScoringOptions()) { self.options = options }

    /// Every gold document is scored; one with no prediction counts as an
    /// empty prediction. Predictions for documents not in `gold` are ignored
    /// here (the command reports them as errors before scoring).
    public func score(
        gold: [AnnotationDocument], predictions: [PredictionDocument], articles: [String: ArticleText] = [:],
        bootstrap: Bootstrap? = nil
    ) -> Scorecard {
        var byID: [String: PredictionDocument] = [:]
        for p in predictions { byID[p.id] = p }
        let scorer = DocumentScorer(options: options)
        let documents = gold.map { scorer.score(gold: $0, prediction: byID[$0.id], article: articles[$0.id]) }
        return Scorecard(documents: documents, options: options, bootstrap: bootstrap)
    }
}

import AttestCorpus

/// Attest's built-in baseline extractor: rule-based, no model, no training
/// on the gold set (docs/performance.md and README report its scores).
public struct BaselineExtractor: Sendable {
    public init() {}

    public func extract(id: String, article: ArticleText) -> PredictionDocument {
        let tokens = Tokenizer.tokens(article)
        let mentions = EntityRecognizer(tokens: tokens).mentions()
        let quotes = QuoteFinder(article: article, tokens: tokens, mentions: mentions).quotes()
        // One quote per content span (an indirect clause found twice, say).
        var seen = Set<Span>()
        let unique = quotes.filter { seen.insert($0.content.span).inserted }.sorted {
            $0.content.span < $1.content.span
        }
        return PredictionDocument(id: id, mentions: mentions, quotes: unique)
    }
}

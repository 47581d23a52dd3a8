import AttestExtraction

/// How to score: the entity matching mode, the quote overlap threshold and
/// whether to collect errors.
public struct ScoringOptions: Hashable, Sendable, Codable {
    public var matching: MatchingMode
    /// Minimum Jaccard index for an overlap match of quotes.
    public var overlap: Double
    /// Collect per-document errors with context.
    public var collectErrors: Bool

    public init(matching: MatchingMode = .nervaluate, overlap: Double = 0.5, collectErrors: Bool = true) {
        self.matching = matching
        self.overlap = overlap
        self.collectErrors = collectErrors
    }
}

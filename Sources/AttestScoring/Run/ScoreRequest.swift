import AttestExtraction
import Foundation

/// Everything `attest score` needs to know.
public struct ScoreRequest: Sendable {
    public var goldFiles: [URL]
    /// The containment rule for the gold files' articles.
    public var articles: ArticleResolver
    public var predictions: PredictionSource
    public var options: ScoringOptions
    public var typeMap: TypeMap
    public var declaredTypes: Set<EntityType>
    public var requireAll: Bool
    public var shard: Shard?
    public var bootstrap: Bootstrap?
    public var jobs: Int
    /// The statuses that make an annotation file part of the gold set
    /// (default: gold only); others are listed as skipped.
    public var statuses: Set<AnnotationStatus>
    /// Called with the number of bootstrap samples done (from any thread).
    public var bootstrapProgress: (@Sendable (Int) -> Void)?

    public init(
        goldFiles: [URL], articles: ArticleResolver = ArticleResolver(articlesFolder: nil),
        predictions: PredictionSource,
        options: ScoringOptions = ScoringOptions(), typeMap: TypeMap = TypeMap(),
        declaredTypes: Set<EntityType> = Set(EntityType.defaults),
        requireAll: Bool = false, shard: Shard? = nil, bootstrap: Bootstrap? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, statuses: Set<AnnotationStatus> = [.gold]
    ) {
        self.statuses = statuses
        self.goldFiles = goldFiles
        self.articles = articles
        self.predictions = predictions
        self.options = options
        self.typeMap = typeMap
        self.declaredTypes = declaredTypes
        self.requireAll = requireAll
        self.shard = shard
        self.bootstrap = bootstrap
        self.jobs = jobs
    }
}

/// The outcome of scoring: a scorecard when the input was sound, and every
/// diagnostic (errors make the command exit 2; warnings are shown).
public struct ScoreOutcome: Sendable {
    public var scorecard: Scorecard?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The result of scoring an extractor on a gold set: per-document counts,
/// their totals, the flat metrics and, with a bootstrap, their intervals.
public struct Scorecard: Hashable, Sendable {
    public var options: ScoringOptions
    /// Sorted by document id, so that figures never depend on input order.
    public var documents: [DocumentScore]
    public var totals: Totals
    public var metrics: [String: Double]
    public var intervals: [String: Interval]
    public var bootstrap: Bootstrap?
    /// Annotation files left out of the gold set for their status (drafts,
    /// predictions), by id.
    public var skipped: [SkippedDocument] = []
    /// Documents the extractor failed on (scored as empty), by id.
    public var failures: [ExtractorFailure] = []

    public init(
        documents: [DocumentScore], options: ScoringOptions, bootstrap: Bootstrap? = nil,
        skipped: [SkippedDocument] = [],
        failures: [ExtractorFailure] = []
    ) {
        self.skipped = skipped.sorted { $0.id < $1.id }
        self.failures = failures.sorted { $0.id < $1.id }
        self.options = options
        self.documents = documents.sorted { $0.id < $1.id }
        self.totals = Totals(self.documents)
        self.metrics = Metrics.compute(totals, matching: options.matching)
        self.bootstrap = bootstrap
        self.intervals = bootstrap?.intervals(self.documents, matching: options.matching) ?? [:]
    }

    public subscript(metric: String) -> Double? { metrics[metric] }

    /// Combines scorecards of disjoint shards of one corpus into the card a
    /// single run gives: the same documents, totals, metrics and intervals.
    public static func merged(_ cards: [Scorecard]) throws -> Scorecard {
        guard let first = cards.first else { throw AttestError("nothing to merge") }
        var seen = Set<String>()
        var documents: [DocumentScore] = []
        for card in cards {
            guard card.options.matching == first.options.matching, card.options.overlap == first.options.overlap else {
                throw AttestError("cannot merge runs scored with different options (matching or overlap threshold)")
            }
            for d in card.documents {
                guard seen.insert(d.id).inserted else {
                    throw AttestError("document \(d.id) appears in more than one run; shards must be disjoint")
                }
                documents.append(d)
            }
        }
        return Scorecard(
            documents: documents, options: first.options, bootstrap: cards.compactMap(\.bootstrap).first,
            skipped: cards.flatMap(\.skipped), failures: cards.flatMap(\.failures))
    }
}

/// An annotation file that is not part of the gold set scored, because of its status.
public struct SkippedDocument: Hashable, Sendable, Codable {
    public var id: String
    public var status: AnnotationStatus

    public init(id: String, status: AnnotationStatus) {
        self.id = id
        self.status = status
    }
}

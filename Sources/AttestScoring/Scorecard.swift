import AttestExtraction
import Foundation

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
    /// The shard this card scores, when it scores one.
    public var shard: Shard?
    /// A fingerprint of the whole gold set the run was asked to score (see
    /// `GoldSet.fingerprint`), so that shards of different corpora are never merged.
    public var goldSet: String?

    /// `progress` gets the number of bootstrap samples done.
    public init(
        documents: [DocumentScore], options: ScoringOptions, bootstrap: Bootstrap? = nil,
        skipped: [SkippedDocument] = [],
        failures: [ExtractorFailure] = [], progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.skipped = skipped.sorted { $0.id < $1.id }
        self.failures = failures.sorted { $0.id < $1.id }
        self.options = options
        self.documents = Self.byID(documents)
        self.totals = Totals(self.documents, jobs: ProcessInfo.processInfo.activeProcessorCount)
        self.metrics = Metrics.compute(totals)
        self.bootstrap = bootstrap
        self.intervals = bootstrap?.intervals(self.documents, progress: progress) ?? [:]
    }

    public subscript(metric: String) -> Double? { metrics[metric] }

    /// The scores sorted by id: as they are when already in order (predictions usually are), else
    /// by sorting their indices (a document's score is large; moving each one in the sort cost
    /// more than the comparisons).
    static func byID(_ documents: [DocumentScore]) -> [DocumentScore] {
        var inOrder = true
        for k in documents.indices.dropFirst() where documents[k - 1].id > documents[k].id {
            inOrder = false
            break
        }
        if inOrder { return documents }
        return documents.indices.sorted { documents[$0].id < documents[$1].id }.map { documents[$0] }
    }

    /// Combines scorecards of disjoint shards of one corpus into the card a
    /// single run gives: the same documents, totals, metrics and intervals.
    /// Refuses cards of different options or gold sets, shards of different
    /// counts, a missing or repeated shard, and a document in two cards.
    /// `names` name the cards in messages (their report files).
    public static func merged(_ cards: [Scorecard], names: [String]? = nil) throws -> Scorecard {
        guard let first = cards.first else { throw AttestError("nothing to merge") }
        let names = names ?? cards.indices.map { "run \($0 + 1)" }
        for (card, name) in zip(cards, names) {
            guard card.options.matching == first.options.matching, card.options.overlap == first.options.overlap else {
                throw AttestError(
                    "cannot merge \(name) with \(names[0]): they were scored with different options (matching or overlap threshold)"
                )
            }
            if let a = card.goldSet, let b = first.goldSet, a != b {
                throw AttestError("cannot merge \(name) with \(names[0]): they were scored against different gold sets")
            }
        }
        let shards = cards.map(\.shard)
        if shards.contains(where: { $0 != nil }) {
            let given = zip(shards, names).compactMap { shard, name in shard.map { (shard: $0, name: name) } }
            if let plain = zip(shards, names).first(where: { $0.0 == nil }) {
                throw AttestError(
                    "\(plain.1) is not the report of a shard, and \(given[0].name) is (shard \(given[0].shard))")
            }
            let count = given[0].shard.count
            if let other = given.first(where: { $0.shard.count != count }) {
                throw AttestError(
                    "\(other.name) is shard \(other.shard) and \(given[0].name) shard \(given[0].shard): shards of one run share N"
                )
            }
            var byIndex: [Int: String] = [:]
            for g in given {
                if let earlier = byIndex[g.shard.index] {
                    throw AttestError("\(g.name) and \(earlier) are both shard \(g.shard)")
                }
                byIndex[g.shard.index] = g.name
            }
            let missing = (1...count).filter { byIndex[$0] == nil }
            if !missing.isEmpty {
                throw AttestError(
                    "shard(s) \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing: the merged report would not cover the corpus"
                )
            }
        }
        var seen = Set<String>()
        var documents: [DocumentScore] = []
        for (card, name) in zip(cards, names) {
            for d in card.documents {
                guard seen.insert(d.id).inserted else {
                    throw AttestError(
                        "document \(d.id) appears in more than one run (again in \(name)); shards must be disjoint")
                }
                documents.append(d)
            }
        }
        var merged = Scorecard(
            documents: documents, options: first.options, bootstrap: cards.compactMap(\.bootstrap).first,
            skipped: cards.flatMap(\.skipped), failures: cards.flatMap(\.failures))
        merged.goldSet = first.goldSet
        return merged
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

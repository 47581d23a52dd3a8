import AttestExtraction

/// Entity and quote counts summed over documents.
public struct Totals: Hashable, Sendable, Codable {
    public var documents = 0
    public var entities = SchemeCounts()
    public var entityTypes: [String: SchemeCounts] = [:]
    /// Gold type → predicted type, summed (see `EntityDocumentScore.confusion`).
    public var entityConfusion: [String: [String: Int]] = [:]
    public var quotes = QuoteDocumentScore()

    public init() {}

    public init<S: Sequence>(_ scores: S) where S.Element == DocumentScore {
        for s in scores { add(s) }
    }

    /// The same sums, taken in parts on `jobs` cores and then added: every count is an integer,
    /// so the result is the serial one exactly (summing 10,000 documents on one core ran alone
    /// at the end of each `attest score`).
    public init(_ scores: [DocumentScore], jobs: Int) {
        let parts = min(max(1, jobs) * 4, scores.count / 512)
        guard parts > 1 else {
            self.init(scores)
            return
        }
        let bounds = (0...parts).map { $0 * scores.count / parts }
        let sums = ConcurrentMap.map(Array(0..<parts), jobs: jobs) { k in Totals(scores[bounds[k]..<bounds[k + 1]]) }
        self.init()
        for part in sums { add(part) }
    }

    /// Adds another set of totals to these.
    public mutating func add(_ t: Totals) {
        documents += t.documents
        entities = entities + t.entities
        for (type, counts) in t.entityTypes { entityTypes[type] = (entityTypes[type] ?? SchemeCounts()) + counts }
        for (g, row) in t.entityConfusion {
            for (p, n) in row { entityConfusion[g, default: [:]][p, default: 0] += n }
        }
        quotes.add(t.quotes)
    }

    public mutating func add(_ s: DocumentScore) {
        documents += 1
        entities = entities + s.entities.overall
        for (type, counts) in s.entities.types { entityTypes[type] = (entityTypes[type] ?? SchemeCounts()) + counts }
        for (g, row) in s.entities.confusion {
            for (p, n) in row { entityConfusion[g, default: [:]][p, default: 0] += n }
        }
        quotes.add(s.quotes)
    }
}

extension QuoteDocumentScore {
    public mutating func add(_ o: QuoteDocumentScore) {
        exact += o.exact
        overlap += o.overlap
        for (k, t) in o.kinds { kinds[k] = (kinds[k] ?? KindTally()) + t }
        for (g, row) in o.confusion {
            for (p, n) in row { confusion[g, default: [:]][p, default: 0] += n }
        }
        attributed += o.attributed
        matched += o.matched
        attribution += o.attribution
        cue += o.cue
        speakers += o.speakers
    }
}

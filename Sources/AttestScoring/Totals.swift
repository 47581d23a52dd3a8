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

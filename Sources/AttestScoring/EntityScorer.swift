import AttestExtraction

/// Scores the entity mentions of one document under the four schemes,
/// overall and per type.
public struct EntityScorer: Sendable {
    public var matching: MatchingMode

    public init(matching: MatchingMode) { self.matching = matching }

    /// Overall and per-type counts, and (when `outcomes` is set) the strict
    /// scheme's outcome for each prediction, from which errors are listed.
    public func score(gold: [TypedSpan], predicted: [TypedSpan], outcomes: Bool = true) -> (
        score: EntityDocumentScore, strict: SchemeResult?
    ) {
        var score = EntityDocumentScore()
        var strict: SchemeResult?
        // Each scheme's walk gives its counts; the strict walk's outcomes list
        // the errors, the partial walk's pairs count the type confusion.
        var results: [EntityScheme: SchemeResult] = [:]
        switch matching {
        case .nervaluate:
            let matcher = NervaluateMatcher()
            let prepared = NervaluateMatcher.Prepared(gold: gold, predicted: predicted)
            for scheme in EntityScheme.allCases {
                var list: [MatchOutcome] = []
                let keep = scheme == .partial || (scheme == .strict && outcomes)
                score.overall[scheme] = matcher.walk(scheme, prepared, only: nil) { if keep { list.append($0) } }
                if keep { results[scheme] = SchemeResult(outcomes: list, goldCount: gold.count) }
            }
            for (id, type) in prepared.types.enumerated() {
                score.types[type.name] = matcher.counts(prepared, only: id)
            }
        case .optimal:
            let matcher = OptimalMatcher()
            func all(_ g: [TypedSpan], _ p: [TypedSpan]) -> (SchemeCounts, [EntityScheme: SchemeResult]) {
                let pairing = matcher.align(gold: g, predicted: p)
                var counts = SchemeCounts()
                var byScheme: [EntityScheme: SchemeResult] = [:]
                for scheme in EntityScheme.allCases {
                    let r = matcher.evaluate(scheme, gold: g, predicted: p, pairing: pairing)
                    counts[scheme] = r.counts
                    byScheme[scheme] = r
                }
                return (counts, byScheme)
            }
            (score.overall, results) = all(gold, predicted)
            var types: [EntityType] = []
            for t in gold where !types.contains(t.type) { types.append(t.type) }
            for p in predicted where !types.contains(p.type) { types.append(p.type) }
            for type in types {
                score.types[type.name] = all(gold.filter { $0.type == type }, predicted.filter { $0.type == type }).0
            }
        }
        if let pairs = results[.partial] { score.tallyTypes(pairs, gold: gold, predicted: predicted) }
        if outcomes { strict = results[.strict] }
        return (score, strict)
    }
}

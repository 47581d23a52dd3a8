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
        var types: [EntityType] = []
        for t in gold where !types.contains(t.type) { types.append(t.type) }
        for p in predicted where !types.contains(p.type) { types.append(p.type) }
        var strict: SchemeResult?
        switch matching {
        case .nervaluate:
            let matcher = NervaluateMatcher()
            let prepared = NervaluateMatcher.Prepared(gold: gold, predicted: predicted)
            score.overall = matcher.counts(prepared, only: nil)
            var pairs: [MatchOutcome] = []
            pairs.reserveCapacity(predicted.count)
            matcher.walk(.partial, prepared, only: nil) { pairs.append($0) }
            score.tallyTypes(SchemeResult(outcomes: pairs, goldCount: gold.count), gold: gold, predicted: predicted)
            for (id, type) in prepared.types.enumerated() {
                score.types[type.name] = matcher.counts(prepared, only: id)
            }
            if outcomes {
                var list: [MatchOutcome] = []
                matcher.walk(.strict, prepared, only: nil) { list.append($0) }
                strict = SchemeResult(outcomes: list, goldCount: gold.count)
            }
        case .optimal:
            let matcher = OptimalMatcher()
            func all(_ g: [TypedSpan], _ p: [TypedSpan]) -> (SchemeCounts, SchemeResult) {
                let pairing = matcher.align(gold: g, predicted: p)
                var counts = SchemeCounts()
                var strict: SchemeResult?
                for scheme in EntityScheme.allCases {
                    let r = matcher.evaluate(scheme, gold: g, predicted: p, pairing: pairing)
                    counts[scheme] = r.counts
                    if scheme == .strict { strict = r }
                }
                return (counts, strict!)
            }
            let (overall, s) = all(gold, predicted)
            let pairing = matcher.align(gold: gold, predicted: predicted)
            score.tallyTypes(
                matcher.evaluate(.partial, gold: gold, predicted: predicted, pairing: pairing), gold: gold,
                predicted: predicted)
            score.overall = overall
            if outcomes { strict = s }
            for type in types {
                score.types[type.name] = all(gold.filter { $0.type == type }, predicted.filter { $0.type == type }).0
            }
        }
        return (score, strict)
    }
}

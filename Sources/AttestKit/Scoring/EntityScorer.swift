/// Scores the entity mentions of one document under the four schemes,
/// overall and per type.
public struct EntityScorer: Sendable {
    public var matching: MatchingMode

    public init(matching: MatchingMode) { self.matching = matching }

    /// Overall and per-type counts, and the strict scheme's outcome (for errors).
    public func score(gold: [TypedSpan], predicted: [TypedSpan]) -> (score: EntityDocumentScore, strict: SchemeResult) {
        var score = EntityDocumentScore()
        let (overall, strict) = schemes(gold: gold, predicted: predicted)
        score.overall = overall
        var types = Set(gold.map(\.type.name))
        for p in predicted { types.insert(p.type.name) }
        for type in types {
            let g = gold.filter { $0.type.name == type }
            let p = predicted.filter { $0.type.name == type }
            score.types[type] = schemes(gold: g, predicted: p).counts
        }
        return (score, strict)
    }

    private func schemes(gold: [TypedSpan], predicted: [TypedSpan]) -> (counts: SchemeCounts, strict: SchemeResult) {
        var counts = SchemeCounts()
        var strict: SchemeResult?
        switch matching {
        case .nervaluate:
            let matcher = NervaluateMatcher()
            for scheme in EntityScheme.allCases {
                let r = matcher.evaluate(scheme, gold: gold, predicted: predicted)
                counts[scheme] = r.counts
                if scheme == .strict { strict = r }
            }
        case .optimal:
            let matcher = OptimalMatcher()
            let pairing = matcher.align(gold: gold, predicted: predicted)
            for scheme in EntityScheme.allCases {
                let r = matcher.evaluate(scheme, gold: gold, predicted: predicted, pairing: pairing)
                counts[scheme] = r.counts
                if scheme == .strict { strict = r }
            }
        }
        return (counts, strict!)
    }
}

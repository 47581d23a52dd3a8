/// What became of one prediction under one scheme.
public enum MatchOutcome: Hashable, Sendable {
    case correct(gold: Int)
    case incorrect(gold: Int)
    case partial(gold: Int)
    case spurious
}

/// The outcome of one scheme on one document: the counts, what each
/// prediction became and which gold mentions were missed.
public struct SchemeResult: Hashable, Sendable {
    public var counts = Counts()
    public var predictions: [MatchOutcome] = []
    public var missed: [Int] = []

    init(outcomes: [MatchOutcome], goldCount: Int) {
        predictions = outcomes
        var matched = [Bool](repeating: false, count: goldCount)
        for o in outcomes {
            switch o {
            case .correct(let g):
                counts.cor += 1
                matched[g] = true
            case .incorrect(let g):
                counts.inc += 1
                matched[g] = true
            case .partial(let g):
                counts.par += 1
                matched[g] = true
            case .spurious: counts.spu += 1
            }
        }
        for g in 0..<goldCount where !matched[g] { missed.append(g) }
        counts.mis = missed.count
    }
}

/// nervaluate 1.x's four strategies, line for line (src/nervaluate/strategies.py):
/// predictions are walked in order; each skips gold mentions already matched
/// and stops at the first gold mention it matches exactly or overlaps by at
/// least `minOverlapPercentage` of the gold span (nervaluate's default, 1%).
/// nervaluate's ends are inclusive; these spans are half-open, and the
/// arithmetic below is the same once that is accounted for.
public struct NervaluateMatcher: Sendable {
    public var minOverlapPercentage: Double

    public init(minOverlapPercentage: Double = 1.0) {
        self.minOverlapPercentage = minOverlapPercentage
    }

    /// `_has_sufficient_overlap`: the overlap as a percentage of the gold span.
    func sufficientOverlap(_ pred: Span, _ gold: Span) -> Bool {
        if pred.start >= gold.end || pred.end <= gold.start { return false }
        let overlap = min(pred.end, gold.end) - max(pred.start, gold.start)
        let percentage = (Double(overlap) / Double(gold.end - gold.start)) * 100.0
        return percentage >= minOverlapPercentage
    }

    public func evaluate(_ scheme: EntityScheme, gold: [TypedSpan], predicted: [TypedSpan]) -> SchemeResult {
        var matched = [Bool](repeating: false, count: gold.count)
        var outcomes: [MatchOutcome] = []
        outcomes.reserveCapacity(predicted.count)
        for p in predicted {
            var outcome = MatchOutcome.spurious
            for (g, t) in gold.enumerated() where !matched[g] {
                let sameSpan = p.span == t.span
                switch scheme {
                case .strict, .exact:
                    let exact = sameSpan && (scheme == .exact || p.type == t.type)
                    if exact {
                        outcome = .correct(gold: g)
                    } else if sufficientOverlap(p.span, t.span) {
                        outcome = .incorrect(gold: g)
                    }
                case .partial:
                    if sufficientOverlap(p.span, t.span) { outcome = sameSpan ? .correct(gold: g) : .partial(gold: g) }
                case .type:
                    if sufficientOverlap(p.span, t.span) {
                        outcome = p.type == t.type ? .correct(gold: g) : .incorrect(gold: g)
                    }
                }
                if outcome != .spurious {
                    matched[g] = true
                    break
                }
            }
            outcomes.append(outcome)
        }
        return SchemeResult(outcomes: outcomes, goldCount: gold.count)
    }

    /// The counts of all four schemes in one walk, without recording
    /// outcomes (the fast path when no errors are listed); with `type`, only
    /// mentions of that type on both sides, as nervaluate's per-type tables.
    ///
    /// One walk serves all four because in each of nervaluate's strategies a
    /// prediction takes the first unmatched gold mention it overlaps enough
    /// (an exact match overlaps fully): the schemes differ only in how they
    /// call the pair, never in which pair they make.
    public func counts(gold: [TypedSpan], predicted: [TypedSpan], only type: EntityType? = nil) -> SchemeCounts {
        var c = SchemeCounts()
        // With gold in text order, no gold mention that starts at or after a
        // prediction's end can match or overlap it: the walk stops there.
        var ordered = true
        for k in gold.indices.dropFirst() where gold[k - 1].span.start > gold[k].span.start {
            ordered = false
            break
        }
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(1, gold.count)) { matched in
            matched.initialize(repeating: false)
            var goldCount = 0
            for t in gold where type == nil || t.type == type! { goldCount += 1 }
            var matchedCount = 0
            for p in predicted where type == nil || p.type == type! {
                var found = -1
                for g in 0..<gold.count where !matched[g] {
                    let t = gold[g]
                    if ordered && t.span.start >= p.span.end { break }
                    if let type, t.type != type { continue }
                    if p.span == t.span || sufficientOverlap(p.span, t.span) {
                        found = g
                        break
                    }
                }
                guard found >= 0 else {
                    c.strict.spu += 1
                    c.exact.spu += 1
                    c.partial.spu += 1
                    c.type.spu += 1
                    continue
                }
                matched[found] = true
                matchedCount += 1
                let t = gold[found]
                let sameSpan = p.span == t.span
                let sameType = p.type == t.type
                if sameSpan && sameType { c.strict.cor += 1 } else { c.strict.inc += 1 }
                if sameSpan {
                    c.exact.cor += 1
                    c.partial.cor += 1
                } else {
                    c.exact.inc += 1
                    c.partial.par += 1
                }
                if sameType { c.type.cor += 1 } else { c.type.inc += 1 }
            }
            let missed = goldCount - matchedCount
            c.strict.mis = missed
            c.exact.mis = missed
            c.partial.mis = missed
            c.type.mis = missed
        }
        return c
    }
}

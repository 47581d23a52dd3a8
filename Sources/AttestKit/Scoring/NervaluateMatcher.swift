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

/// nervaluate 1.2.1's four strategies, line for line (src/nervaluate/strategies.py).
/// Predictions are walked in their given order; each looks at every gold
/// mention not yet matched that overlaps it by at least `minOverlapPercentage`
/// of the gold span (nervaluate's default, 1%):
///
/// - strict: the first gold mention with the same boundaries and type is
///   correct; else the first overlapping one is incorrect; else spurious;
/// - exact: the same, with the same boundaries whatever the type;
/// - partial: the first gold mention with the same boundaries is correct;
///   else the first overlapping one is partial; else spurious;
/// - type: of the overlapping gold mentions of the same type, the one with the
///   closest boundaries (least |Δstart| + |Δend|, the first on a tie) is
///   correct; else the first overlapping one of another type is incorrect;
///   else spurious.
///
/// Gold mentions left unmatched are missed. nervaluate's ends are inclusive;
/// these spans are half-open, and the arithmetic below is the same once that
/// is accounted for.
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

    /// The outcome of every prediction under `scheme`, and the missed gold mentions.
    public func evaluate(_ scheme: EntityScheme, gold: [TypedSpan], predicted: [TypedSpan]) -> SchemeResult {
        var outcomes: [MatchOutcome] = []
        outcomes.reserveCapacity(predicted.count)
        walk(scheme, gold: gold, predicted: predicted, only: nil) { outcomes.append($0) }
        return SchemeResult(outcomes: outcomes, goldCount: gold.count)
    }

    /// The counts of the four schemes, each from its own walk; with `type`,
    /// only mentions of that type on both sides, as nervaluate's per-type tables.
    public func counts(gold: [TypedSpan], predicted: [TypedSpan], only type: EntityType? = nil) -> SchemeCounts {
        var c = SchemeCounts()
        for scheme in EntityScheme.allCases {
            c[scheme] = walk(scheme, gold: gold, predicted: predicted, only: type) { _ in }
        }
        return c
    }

    /// One strategy over one document. `record` gets each prediction's outcome
    /// (those of type `only`, when given), in prediction order.
    @discardableResult
    func walk(
        _ scheme: EntityScheme, gold: [TypedSpan], predicted: [TypedSpan], only type: EntityType?,
        record: (MatchOutcome) -> Void
    ) -> Counts {
        var counts = Counts()
        // With gold in text order, no gold mention that starts at or after a
        // prediction's end can overlap it: the scan stops there.
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
                var exact = -1
                var firstOverlap = -1
                var closest = -1
                var closestDistance = Int.max
                for g in 0..<gold.count where !matched[g] {
                    let t = gold[g]
                    if ordered && t.span.start >= p.span.end { break }
                    if let type, t.type != type { continue }
                    switch scheme {
                    case .strict, .exact:
                        if p.span == t.span && (scheme == .exact || p.type == t.type) {
                            exact = g
                        } else if firstOverlap < 0 && sufficientOverlap(p.span, t.span) {
                            firstOverlap = g
                        }
                    case .partial:
                        guard sufficientOverlap(p.span, t.span) else { continue }
                        if p.span == t.span {
                            exact = g
                        } else if firstOverlap < 0 {
                            firstOverlap = g
                        }
                    case .type:
                        guard sufficientOverlap(p.span, t.span) else { continue }
                        if p.type == t.type {
                            let distance = abs(p.span.start - t.span.start) + abs(p.span.end - t.span.end)
                            if distance < closestDistance {
                                closest = g
                                closestDistance = distance
                            }
                        } else if firstOverlap < 0 {
                            firstOverlap = g
                        }
                    }
                    if exact >= 0 { break }
                }
                let outcome: MatchOutcome
                if exact >= 0 {
                    outcome = .correct(gold: exact)
                } else if closest >= 0 {
                    outcome = .correct(gold: closest)
                } else if firstOverlap >= 0 {
                    outcome = scheme == .partial ? .partial(gold: firstOverlap) : .incorrect(gold: firstOverlap)
                } else {
                    outcome = .spurious
                }
                switch outcome {
                case .correct(let g):
                    counts.cor += 1
                    matched[g] = true
                    matchedCount += 1
                case .incorrect(let g):
                    counts.inc += 1
                    matched[g] = true
                    matchedCount += 1
                case .partial(let g):
                    counts.par += 1
                    matched[g] = true
                    matchedCount += 1
                case .spurious:
                    counts.spu += 1
                }
                record(outcome)
            }
            counts.mis = goldCount - matchedCount
        }
        return counts
    }
}

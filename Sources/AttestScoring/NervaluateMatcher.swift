import AttestExtraction

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

    /// Gold and predicted mentions as the walks read them: types as small
    /// integers, and for gold in text order the running maximum of its ends,
    /// so a walk starts at the first gold mention that can reach a prediction.
    struct Prepared {
        struct Item {
            var start: Int
            var end: Int
            var type: Int
        }

        var gold: [Item]
        var predicted: [Item]
        var types: [EntityType]
        /// Whether gold is in order of start offsets.
        var ordered: Bool
        /// `maxEnd[k]`: the largest end of gold[0...k] (empty when not ordered).
        var maxEnd: [Int]

        init(gold: [TypedSpan], predicted: [TypedSpan]) {
            var types: [EntityType] = []
            func id(_ t: EntityType) -> Int {
                if let k = types.firstIndex(of: t) { return k }
                types.append(t)
                return types.count - 1
            }
            self.gold = gold.map { Item(start: $0.span.start, end: $0.span.end, type: id($0.type)) }
            self.predicted = predicted.map { Item(start: $0.span.start, end: $0.span.end, type: id($0.type)) }
            self.types = types
            var ordered = true
            for k in self.gold.indices.dropFirst() where self.gold[k - 1].start > self.gold[k].start {
                ordered = false
                break
            }
            self.ordered = ordered
            var maxEnd: [Int] = []
            if ordered {
                maxEnd.reserveCapacity(self.gold.count)
                var m = Int.min
                for g in self.gold {
                    m = max(m, g.end)
                    maxEnd.append(m)
                }
            }
            self.maxEnd = maxEnd
        }

        /// The first gold index that may overlap a prediction starting at `start`.
        func firstCandidate(from start: Int) -> Int {
            guard ordered else { return 0 }
            var lo = 0
            var hi = maxEnd.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if maxEnd[mid] > start { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }

    /// The outcome of every prediction under `scheme`, and the missed gold mentions.
    public func evaluate(_ scheme: EntityScheme, gold: [TypedSpan], predicted: [TypedSpan]) -> SchemeResult {
        var outcomes: [MatchOutcome] = []
        outcomes.reserveCapacity(predicted.count)
        walk(scheme, Prepared(gold: gold, predicted: predicted), only: nil) { outcomes.append($0) }
        return SchemeResult(outcomes: outcomes, goldCount: gold.count)
    }

    /// The counts of the four schemes, each from its own walk; with `type`,
    /// only mentions of that type on both sides, as nervaluate's per-type tables.
    public func counts(gold: [TypedSpan], predicted: [TypedSpan], only type: EntityType? = nil) -> SchemeCounts {
        let prepared = Prepared(gold: gold, predicted: predicted)
        guard let type else { return counts(prepared, only: nil) }
        guard let id = prepared.types.firstIndex(of: type) else { return SchemeCounts() }
        return counts(prepared, only: id)
    }

    /// The four schemes' counts on prepared mentions (`only`: a type index).
    func counts(_ prepared: Prepared, only type: Int?) -> SchemeCounts {
        var c = SchemeCounts()
        for scheme in EntityScheme.allCases {
            c[scheme] = walk(scheme, prepared, only: type) { _ in }
        }
        return c
    }

    /// One strategy over one document. `record` gets each prediction's outcome
    /// (those of type `only`, when given), in prediction order.
    @discardableResult
    func walk(_ scheme: EntityScheme, _ prepared: Prepared, only type: Int?, record: (MatchOutcome) -> Void) -> Counts {
        var counts = Counts()
        let gold = prepared.gold
        let minimum = minOverlapPercentage
        /// `_has_sufficient_overlap` on prepared items.
        func overlaps(_ p: Prepared.Item, _ t: Prepared.Item) -> Bool {
            if p.start >= t.end || p.end <= t.start { return false }
            let overlap = min(p.end, t.end) - max(p.start, t.start)
            return (Double(overlap) / Double(t.end - t.start)) * 100.0 >= minimum
        }
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(1, gold.count)) { matched in
            matched.initialize(repeating: false)
            var goldCount = 0
            for t in gold where type == nil || t.type == type! { goldCount += 1 }
            var matchedCount = 0
            for p in prepared.predicted where type == nil || p.type == type! {
                var exact = -1
                var firstOverlap = -1
                var closest = -1
                var closestDistance = Int.max
                var g = prepared.firstCandidate(from: p.start)
                while g < gold.count {
                    let t = gold[g]
                    // With gold in text order, none from here on can overlap.
                    if prepared.ordered && t.start >= p.end { break }
                    defer { g += 1 }
                    if matched[g] { continue }
                    if let type, t.type != type { continue }
                    let sameSpan = p.start == t.start && p.end == t.end
                    switch scheme {
                    case .strict, .exact:
                        if sameSpan && (scheme == .exact || p.type == t.type) {
                            exact = g
                        } else if firstOverlap < 0 && overlaps(p, t) {
                            firstOverlap = g
                        }
                    case .partial:
                        guard overlaps(p, t) else { continue }
                        if sameSpan {
                            exact = g
                        } else if firstOverlap < 0 {
                            firstOverlap = g
                        }
                    case .type:
                        guard overlaps(p, t) else { continue }
                        if p.type == t.type {
                            let distance = abs(p.start - t.start) + abs(p.end - t.end)
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
                case .correct(let g), .incorrect(let g), .partial(let g):
                    matched[g] = true
                    matchedCount += 1
                case .spurious: break
                }
                switch outcome {
                case .correct: counts.cor += 1
                case .incorrect: counts.inc += 1
                case .partial: counts.par += 1
                case .spurious: counts.spu += 1
                }
                record(outcome)
            }
            counts.mis = goldCount - matchedCount
        }
        return counts
    }
}

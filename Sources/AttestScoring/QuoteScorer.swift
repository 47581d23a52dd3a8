import AttestExtraction

/// Scores the quotes of one document: exact and overlap matching (one to
/// one, best Jaccard first), kinds, attribution, cues and who is quoted.
public struct QuoteScorer: Sendable {
    /// Minimum Jaccard index of an overlap match.
    public var threshold: Double

    public init(threshold: Double = 0.5) { self.threshold = threshold }

    /// Pairs (gold index, prediction index), one to one: candidates with a
    /// Jaccard index of at least `minimum` (and, for exact matching, equal
    /// spans), best first; ties by gold then prediction position.
    public static func match(gold: [Span], predicted: [Span], minimum: Double, exactOnly: Bool) -> [(
        gold: Int, predicted: Int
    )] {
        var candidates: [(j: Double, g: Int, p: Int)] = []
        for (g, gs) in gold.enumerated() {
            for (p, ps) in predicted.enumerated() {
                if exactOnly {
                    if gs == ps { candidates.append((1, g, p)) }
                } else if gs.overlaps(ps) {
                    let j = gs.jaccard(ps)
                    if j >= minimum { candidates.append((j, g, p)) }
                }
            }
        }
        candidates.sort { a, b in a.j != b.j ? a.j > b.j : (a.g, a.p) < (b.g, b.p) }
        var usedGold = [Bool](repeating: false, count: gold.count)
        var usedPred = [Bool](repeating: false, count: predicted.count)
        // Built with its labels: an unlabelled array converted on return was cast element by element.
        var pairs: [(gold: Int, predicted: Int)] = []
        for c in candidates where !usedGold[c.g] && !usedPred[c.p] {
            usedGold[c.g] = true
            usedPred[c.p] = true
            pairs.append((c.g, c.p))
        }
        return pairs.sorted { ($0.gold, $0.predicted) < ($1.gold, $1.predicted) }
    }

    public struct Outcome: Sendable {
        public var score: QuoteDocumentScore
        /// Overlap-matched pairs with whether the speaker is right.
        public var pairs: [(gold: Int, predicted: Int, attributed: Bool)]
    }

    public func score(gold document: AnnotationDocument, predicted: [PredictedQuote]) -> Outcome {
        let gold = document.quotes
        var s = QuoteDocumentScore()
        let exactPairs = Self.match(
            gold: gold.map(\.content.span), predicted: predicted.map(\.content.span), minimum: 1, exactOnly: true)
        let overlapPairs = Self.match(
            gold: gold.map(\.content.span), predicted: predicted.map(\.content.span), minimum: threshold,
            exactOnly: false)
        s.exact = Tally(tp: exactPairs.count, predicted: predicted.count, expected: gold.count)
        s.overlap = Tally(tp: overlapPairs.count, predicted: predicted.count, expected: gold.count)

        // Per kind: gold of the kind against predictions claiming it; a
        // prediction without a kind is credited to the kind of its gold match.
        let kinds = QuoteKind.allCases
        func kindTallies(_ pairs: [(gold: Int, predicted: Int)]) -> [Tally] {
            var t = [Tally](repeating: Tally(), count: kinds.count)
            for q in gold { t[kinds.firstIndex(of: q.kind)!].expected += 1 }
            var matchedGold = [Int?](repeating: nil, count: predicted.count)
            for pair in pairs { matchedGold[pair.predicted] = pair.gold }
            for (i, q) in predicted.enumerated() {
                guard let claimed = q.kind ?? matchedGold[i].map({ gold[$0].kind }) else { continue }
                let k = kinds.firstIndex(of: claimed)!
                t[k].predicted += 1
                if let g = matchedGold[i], gold[g].kind == claimed { t[k].tp += 1 }
            }
            return t
        }
        let exactKinds = kindTallies(exactPairs)
        let overlapKinds = kindTallies(overlapPairs)
        for (k, kind) in kinds.enumerated() where exactKinds[k] != Tally() || overlapKinds[k] != Tally() {
            var tally = KindTally()
            tally.exact = exactKinds[k]
            tally.overlap = overlapKinds[k]
            s.kinds[kind.rawValue] = tally
        }

        // Attribution, kinds confusion and cues over overlap-matched pairs.
        var pairs: [(gold: Int, predicted: Int, attributed: Bool)] = []
        for pair in overlapPairs {
            let g = gold[pair.gold]
            let p = predicted[pair.predicted]
            s.confusion[g.kind.rawValue, default: [:]][p.kind?.rawValue ?? "none", default: 0] += 1
            let right = Self.speakerIsRight(gold: g, predicted: p, in: document)
            if right { s.attributed += 1 }
            if let gc = g.cue?.span, let pc = p.cue?.span, gc.overlaps(pc) { s.cue.tp += 1 }
            pairs.append((pair.gold, pair.predicted, right))
        }
        s.matched = overlapPairs.count
        s.attribution = Tally(tp: s.attributed, predicted: predicted.count, expected: gold.count)
        s.cue.predicted = predicted.reduce(0) { $0 + ($1.cue == nil ? 0 : 1) }
        s.cue.expected = gold.reduce(0) { $0 + ($1.cue == nil ? 0 : 1) }
        s.speakers = Self.speakers(gold: document, predicted: predicted)
        return Outcome(score: s, pairs: pairs)
    }

    /// Right when the predicted speaker overlaps the gold speaker span or any
    /// mention of the gold speaker entity; when gold names no speaker, right
    /// when the prediction names none either.
    package static func speakerIsRight(gold: Quote, predicted: PredictedQuote, in document: AnnotationDocument) -> Bool
    {
        guard gold.speaker != nil || gold.speakerEntity != nil else { return predicted.speaker == nil }
        guard let ps = predicted.speaker?.span else { return false }
        if let gs = gold.speaker?.span, gs.overlaps(ps) { return true }
        if let id = gold.speakerEntity, let entity = document.entity(withID: id) {
            return entity.mentions.contains { $0.span.overlaps(ps) }
        }
        return false
    }

    /// Who is quoted: the set of gold speaker entities against the entities
    /// the predicted speaker spans resolve to. A predicted speaker that
    /// overlaps a gold speaker span resolves to that quote's speaker entity
    /// (or, when it has none, is left out); otherwise to the entity whose
    /// mention it overlaps most; any other counts once per distinct text.
    static func speakers(gold document: AnnotationDocument, predicted: [PredictedQuote]) -> Tally {
        let goldSet = Set(document.quotes.compactMap(\.speakerEntity))
        var predictedSet = Set<String>()
        for q in predicted {
            guard let ps = q.speaker?.span else { continue }
            // A gold speaker span it overlaps (most overlap first; the first of equals, as `max(by:)`
            // gave it) settles it. Found by index: filtering copied every quote.
            var settling: Int?
            var most = 0
            for k in document.quotes.indices {
                guard let gs = document.quotes[k].speaker?.span, gs.overlaps(ps) else { continue }
                let o = gs.overlap(with: ps)
                if settling == nil || o > most {
                    settling = k
                    most = o
                }
            }
            if let k = settling {
                if let id = document.quotes[k].speakerEntity { predictedSet.insert(id) }
                continue
            }
            var best: (overlap: Int, id: String)?
            for e in document.entities {
                for m in e.mentions {
                    let o = m.span.overlap(with: ps)
                    if o > 0, best == nil || o > best!.overlap || (o == best!.overlap && e.id < best!.id) {
                        best = (o, e.id)
                    }
                }
            }
            if let best {
                predictedSet.insert(best.id)
                continue
            }
            predictedSet.insert("\u{0}" + (q.speaker?.text ?? "\(ps)").lowercased())
        }
        return Tally(
            tp: goldSet.intersection(predictedSet).count, predicted: predictedSet.count, expected: goldSet.count)
    }
}

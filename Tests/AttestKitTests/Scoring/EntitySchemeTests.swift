import AttestKit
import Testing

/// Hand-computed cases for the four schemes under both matching modes.
/// Each expectation is written COR/INC/PAR/MIS/SPU.
@Suite struct EntitySchemeTests {
    static func counts(_ gold: [TypedSpan], _ predicted: [TypedSpan], _ mode: MatchingMode) -> [EntityScheme: String] {
        let (score, _) = EntityScorer(matching: mode).score(gold: gold, predicted: predicted)
        var out: [EntityScheme: String] = [:]
        for s in EntityScheme.allCases {
            let c = score.overall[s]
            out[s] = "\(c.cor)/\(c.inc)/\(c.par)/\(c.mis)/\(c.spu)"
        }
        return out
    }

    static let person = EntityType.person, loc = EntityType.location, org = EntityType.organization

    // Gold PERSON [0,10); predictions LOC [0,4) then PERSON [0,10).
    @Test func orderCaseNervaluate() {
        let c = Self.counts(
            [TypedSpan(Span(0, 10), Self.person)],
            [TypedSpan(Span(0, 4), Self.loc), TypedSpan(Span(0, 10), Self.person)], .nervaluate)
        #expect(c[.strict] == "0/1/0/0/1")
        #expect(c[.exact] == "0/1/0/0/1")
        #expect(c[.partial] == "0/0/1/0/1")
        #expect(c[.type] == "0/1/0/0/1")
    }

    @Test func orderCaseOptimalIgnoresOrder() {
        let gold = [TypedSpan(Span(0, 10), Self.person)]
        let a = Self.counts(gold, [TypedSpan(Span(0, 4), Self.loc), TypedSpan(Span(0, 10), Self.person)], .optimal)
        let b = Self.counts(gold, [TypedSpan(Span(0, 10), Self.person), TypedSpan(Span(0, 4), Self.loc)], .optimal)
        #expect(a == b)
        for s in EntityScheme.allCases { #expect(a[s] == "1/0/0/0/1") }
    }

    // Gold PERSON [0,5) and PERSON [6,10); one prediction PERSON [0,10) covering both.
    @Test func predictionOverlappingTwoGoldSpans() {
        let gold = [TypedSpan(Span(0, 5), Self.person), TypedSpan(Span(6, 10), Self.person)]
        let pred = [TypedSpan(Span(0, 10), Self.person)]
        for mode in MatchingMode.allCases {
            let c = Self.counts(gold, pred, mode)
            #expect(c[.strict] == "0/1/0/1/0", "\(mode)")
            #expect(c[.exact] == "0/1/0/1/0", "\(mode)")
            #expect(c[.partial] == "0/0/1/1/0", "\(mode)")
            #expect(c[.type] == "1/0/0/1/0", "\(mode)")
        }
    }

    // Nested gold: ORG [0,10) holds LOC [4,10); the prediction is LOC [4,10).
    // nervaluate 1.2.1 prefers the exact match to the first overlap (1.1.0 took
    // the ORG and called it incorrect); optimal takes the LOC too.
    @Test func nestedGoldSpans() {
        let gold = [TypedSpan(Span(0, 10), Self.org), TypedSpan(Span(4, 10), Self.loc)]
        let pred = [TypedSpan(Span(4, 10), Self.loc)]
        let nv = Self.counts(gold, pred, .nervaluate)
        for s in EntityScheme.allCases { #expect(nv[s] == "1/0/0/1/0", "\(s)") }
        let opt = Self.counts(gold, pred, .optimal)
        for s in EntityScheme.allCases { #expect(opt[s] == "1/0/0/1/0") }
    }

    // Gold PERSON [0,10) and PERSON [2,6); the prediction PERSON [2,7) overlaps
    // both. The type scheme takes the closest boundaries (|2-2| + |7-6| = 1
    // against |2-0| + |7-10| = 5): [2,6) is correct, [0,10) missed. Strict,
    // exact and partial take the first overlap, [0,10), and miss [2,6).
    @Test func typeSchemeTakesTheClosestBoundaries() {
        let gold = [TypedSpan(Span(0, 10), Self.person), TypedSpan(Span(2, 6), Self.person)]
        let pred = [TypedSpan(Span(2, 7), Self.person)]
        let (score, strict) = EntityScorer(matching: .nervaluate).score(gold: gold, predicted: pred)
        #expect(score.overall.type == Counts(cor: 1, mis: 1))
        #expect(score.overall.strict == Counts(inc: 1, mis: 1))
        #expect(score.overall.exact == Counts(inc: 1, mis: 1))
        #expect(score.overall.partial == Counts(par: 1, mis: 1))
        #expect(strict?.predictions == [.incorrect(gold: 0)])
        #expect(strict?.missed == [1])
        let typed = NervaluateMatcher().evaluate(.type, gold: gold, predicted: pred)
        #expect(typed.predictions == [.correct(gold: 1)])
        #expect(typed.missed == [0])
    }

    @Test func duplicatedPredictions() {
        let gold = [TypedSpan(Span(0, 10), Self.person)]
        let pred = [TypedSpan(Span(0, 10), Self.person), TypedSpan(Span(0, 10), Self.person)]
        for mode in MatchingMode.allCases {
            let c = Self.counts(gold, pred, mode)
            for s in EntityScheme.allCases { #expect(c[s] == "1/0/0/0/1", "\(mode) \(s)") }
        }
    }

    // nervaluate's overlap must cover at least 1% of the gold span: one code
    // point of a 200-code-point span (0.5%) is no overlap there.
    @Test func onePercentOverlapThreshold() {
        let gold = [TypedSpan(Span(0, 200), Self.org)]
        let pred = [TypedSpan(Span(199, 205), Self.org)]
        #expect(Self.counts(gold, pred, .nervaluate)[.strict] == "0/0/0/1/1")
        #expect(Self.counts(gold, pred, .optimal)[.strict] == "0/1/0/0/0")
        #expect(
            Self.counts([TypedSpan(Span(0, 100), Self.org)], [TypedSpan(Span(99, 105), Self.org)], .nervaluate)[.strict]
                == "0/1/0/0/0")
    }

    @Test func perTypeTablesScoreEachTypeAlone() {
        // A type error counts as MIS for the gold type and SPU for the predicted one.
        let (score, _) = EntityScorer(matching: .nervaluate).score(
            gold: [TypedSpan(Span(0, 5), Self.person)], predicted: [TypedSpan(Span(0, 5), Self.loc)])
        #expect(score.overall.strict == Counts(inc: 1))
        #expect(score.types["PERSON"]?.strict == Counts(mis: 1))
        #expect(score.types["LOC"]?.strict == Counts(spu: 1))
    }

    @Test func precisionRecallF1() {
        // Order case, partial scheme, one document: PAR 1, SPU 1 → P = 0.5/2, R = 0.5/1.
        let prf = Counts(par: 1, spu: 1).scores(partialWeight: 0.5)
        #expect(prf.precision == 0.25)
        #expect(prf.recall == 0.5)
        #expect(abs(prf.f1 - 1.0 / 3.0) < 1e-12)
        // Overlapping two gold spans, type scheme: COR 1, MIS 1 → P 1, R 0.5, F1 2/3.
        let t = Counts(cor: 1, mis: 1).scores(partialWeight: 0.5)
        #expect(t.precision == 1 && t.recall == 0.5 && abs(t.f1 - 2.0 / 3.0) < 1e-12)
        #expect(Counts().scores(partialWeight: 0).f1 == 0)
    }

    /// nervaluate 1.2.1 gives partial matches half credit over any number of
    /// documents (1.1.0 lost it when it merged a second document).
    @Test func partialCreditOverSeveralDocuments() {
        let doc = DocumentScore(
            id: "d", predicted: true,
            entities: EntityScorer(matching: .nervaluate).score(
                gold: [TypedSpan(Span(0, 5), Self.person), TypedSpan(Span(6, 10), Self.person)],
                predicted: [TypedSpan(Span(0, 10), Self.person)]
            ).score, quotes: QuoteDocumentScore(), errors: [])
        var second = doc
        second.id = "e"
        // One document: PAR 1, MIS 1 → P = 0.5/1, R = 0.5/2.
        let one = Metrics.compute(Totals([doc]))
        #expect(one["entities.partial.precision"] == 0.5)
        #expect(one["entities.partial.recall"] == 0.25)
        // Two: PAR 2, MIS 2 → P = 1/2, R = 1/4, the same.
        let two = Metrics.compute(Totals([doc, second]))
        #expect(two["entities.partial.precision"] == 0.5)
        #expect(two["entities.partial.recall"] == 0.25)
        let optimal = Metrics.compute(Totals([doc, second]))
        #expect(optimal["entities.partial.precision"] == 0.5)
        #expect(optimal["entities.partial.recall"] == 0.25)
        #expect(two["entities.macro.strict.f1"] == 0)
    }

    /// Two documents scored apart and summed, as nervaluate 1.2.1 does.
    /// A: gold PERSON [0,5), ORG [10,20); predicted PERSON [0,4), ORG [10,20).
    /// B: gold LOC [0,6); predicted LOC [1,6), PERSON [30,35).
    @Test func multiDocumentPartialByHand() {
        let scorer = EntityScorer(matching: .nervaluate)
        func doc(_ id: String, _ gold: [TypedSpan], _ pred: [TypedSpan]) -> DocumentScore {
            DocumentScore(
                id: id, predicted: true, entities: scorer.score(gold: gold, predicted: pred).score,
                quotes: QuoteDocumentScore(),
                errors: [])
        }
        let a = doc(
            "a", [TypedSpan(Span(0, 5), Self.person), TypedSpan(Span(10, 20), Self.org)],
            [TypedSpan(Span(0, 4), Self.person), TypedSpan(Span(10, 20), Self.org)])
        let b = doc(
            "b", [TypedSpan(Span(0, 6), Self.loc)],
            [TypedSpan(Span(1, 6), Self.loc), TypedSpan(Span(30, 35), Self.person)])
        let totals = Totals([a, b])
        // partial: COR 1, PAR 2, SPU 1 → ACT 4, POS 3; P = (1 + 0.5·2)/4 = 0.5, R = 2/3, F1 = 4/7.
        #expect(totals.entities.partial == Counts(cor: 1, par: 2, spu: 1))
        let m = Metrics.compute(totals)
        #expect(m["entities.partial.precision"] == 0.5)
        #expect(abs(m["entities.partial.recall"]! - 2.0 / 3.0) < 1e-12)
        #expect(abs(m["entities.partial.f1"]! - 4.0 / 7.0) < 1e-12)
        // type: COR 3, SPU 1 → P 0.75, R 1, F1 6/7.
        #expect(totals.entities.type == Counts(cor: 3, spu: 1))
        #expect(abs(m["entities.type.f1"]! - 6.0 / 7.0) < 1e-12)
        // strict: COR 1, INC 2, SPU 1 → P 1/4, R 1/3, F1 2/7.
        #expect(totals.entities.strict == Counts(cor: 1, inc: 2, spu: 1))
        #expect(abs(m["entities.strict.f1"]! - 2.0 / 7.0) < 1e-12)
    }

    /// Gold PERSON [0,5), ORG [10,20), LOC [30,35); predicted ORG [0,5)
    /// (wrong type), ORG [10,20), LOC [40,45) (spurious): one type error, one
    /// right, one missed, one spurious, in both matching modes.
    @Test func entityTypeConfusionByHand() {
        let gold = [
            TypedSpan(Span(0, 5), Self.person), TypedSpan(Span(10, 20), Self.org), TypedSpan(Span(30, 35), Self.loc),
        ]
        let pred = [
            TypedSpan(Span(0, 5), Self.org), TypedSpan(Span(10, 20), Self.org), TypedSpan(Span(40, 45), Self.loc),
        ]
        for mode in MatchingMode.allCases {
            let (score, _) = EntityScorer(matching: mode).score(gold: gold, predicted: pred)
            #expect(
                score.confusion == ["PERSON": ["ORG": 1], "ORG": ["ORG": 1], "LOC": ["none": 1], "none": ["LOC": 1]],
                "\(mode)")
        }
    }

    @Test func hungarianFindsTheMaximum() {
        // Greedy would take 10 then 1 (11); the optimum is 9 + 8 = 17.
        let assignment = Hungarian.maximize([[10, 9], [8, 1]])
        #expect(assignment == [1, 0])
        #expect(Hungarian.maximize([[5], [7], [1]]) == [nil, 0, nil])
        #expect(Hungarian.maximize([[0, 3, 2]]) == [1])
    }

    /// The one-walk counting of all four schemes agrees with each scheme's own walk, overall and per type, on random spans.
    @Test func countsFastPathEqualsFullWalk() {
        var rng = SeededGenerator(seed: 7)
        let types: [EntityType] = [.person, .organization, .location]
        func spans(_ n: Int) -> [TypedSpan] {
            (0..<n).map { _ in
                let s = Int(rng.next() % 300)
                return TypedSpan(Span(s, s + 1 + Int(rng.next() % 40)), types[Int(rng.next() % 3)])
            }
        }
        let matcher = NervaluateMatcher()
        for _ in 0..<300 {
            var gold = spans(Int(rng.next() % 12))
            let pred = spans(Int(rng.next() % 12))
            // Text order takes the early stop.
            if rng.next() % 2 == 0 { gold.sort { ($0.span, $0.type) < ($1.span, $1.type) } }
            let all = matcher.counts(gold: gold, predicted: pred)
            for scheme in EntityScheme.allCases {
                #expect(all[scheme] == matcher.evaluate(scheme, gold: gold, predicted: pred).counts)
                for t in types {
                    let full = matcher.evaluate(
                        scheme, gold: gold.filter { $0.type == t }, predicted: pred.filter { $0.type == t }
                    ).counts
                    #expect(matcher.counts(gold: gold, predicted: pred, only: t)[scheme] == full)
                }
            }
        }
    }
}

import AttestKit
import Testing

/// Macro averages, bootstrap intervals and approximate randomization, by hand.
@Suite struct StatisticsTests {
    static func document(_ id: String, cor: Int, mis: Int, spu: Int, type: String = "PERSON") -> DocumentScore {
        var e = EntityDocumentScore()
        var counts = SchemeCounts()
        for s in EntityScheme.allCases { counts[s] = Counts(cor: cor, mis: mis, spu: spu) }
        e.overall = counts
        e.types[type] = counts
        return DocumentScore(id: id, predicted: true, entities: e, quotes: QuoteDocumentScore(), errors: [])
    }

    @Test func macroIsTheMeanOverTypes() {
        // PERSON: COR 3, MIS 1 → P 1, R 3/4, F1 6/7. LOC: COR 1, SPU 1 → P 1/2, R 1, F1 2/3.
        let docs = [
            Self.document("a", cor: 3, mis: 1, spu: 0), Self.document("b", cor: 1, mis: 0, spu: 1, type: "LOC"),
        ]
        let m = Metrics.compute(Totals(docs))
        #expect(abs(m["entities.macro.strict.precision"]! - 0.75) < 1e-12)
        #expect(abs(m["entities.macro.strict.recall"]! - 0.875) < 1e-12)
        #expect(abs(m["entities.macro.strict.f1"]! - (6.0 / 7.0 + 2.0 / 3.0) / 2) < 1e-12)
        // Micro: COR 4, MIS 1, SPU 1 → P 4/5, R 4/5.
        #expect(abs(m["entities.strict.f1"]! - 0.8) < 1e-12)
    }

    @Test func bootstrapOfOneDocumentIsAPoint() {
        let doc = Self.document("a", cor: 3, mis: 1, spu: 0)
        let i = Bootstrap(samples: 200, seed: 9).intervals([doc])
        let f1 = 6.0 / 7.0
        #expect(abs(i["entities.strict.f1"]!.low - f1) < 1e-12)
        #expect(abs(i["entities.strict.f1"]!.high - f1) < 1e-12)
    }

    @Test func bootstrapIsSeededAndBracketsTheFigure() {
        let docs = (0..<20).map { k in Self.document("d\(k)", cor: k % 5, mis: 2, spu: k % 3) }
        let a = Bootstrap(samples: 500, seed: 1).intervals(docs)
        let b = Bootstrap(samples: 500, seed: 1).intervals(docs)
        let c = Bootstrap(samples: 500, seed: 2).intervals(docs)
        #expect(a == b)
        #expect(a != c)
        let f1 = Metrics.compute(Totals(docs))["entities.strict.f1"]!
        let i = a["entities.strict.f1"]!
        #expect(i.low < f1 && f1 < i.high)
        #expect(i.high - i.low < 0.5)
    }

    @Test func quantileInterpolatesBetweenRanks() {
        #expect(Bootstrap.quantile([0, 10], 0.5) == 5)
        #expect(Bootstrap.quantile([1, 2, 3, 4, 5], 0.025) == 1.1)
        #expect(Bootstrap.quantile([7], 0.975) == 7)
    }

    @Test func randomizationOfIdenticalRunsFindsNoDifference() throws {
        let docs = (0..<6).map { k in Self.document("d\(k)", cor: k, mis: 1, spu: 1) }
        let card = Scorecard(documents: docs, options: ScoringOptions())
        let rows = try ApproximateRandomization(trials: 500).compare(card, card)
        let strict = try #require(rows.first { $0.metric == "entities.strict.f1" })
        #expect(strict.difference == 0)
        #expect(strict.pValue == 1)
    }

    @Test func randomizationOfAClearImprovement() throws {
        // B is right everywhere A is wrong, on 12 documents: every swap pattern but
        // the identity and the full swap gives a smaller difference, so p ≈ 2/4096.
        let a = Scorecard(
            documents: (0..<12).map { Self.document("d\($0)", cor: 0, mis: 4, spu: 4) }, options: ScoringOptions())
        let b = Scorecard(
            documents: (0..<12).map { Self.document("d\($0)", cor: 4, mis: 0, spu: 0) }, options: ScoringOptions())
        let rows = try ApproximateRandomization(trials: 2000, seed: 3).compare(a, b)
        let strict = try #require(rows.first { $0.metric == "entities.strict.f1" })
        #expect(strict.difference == 1)
        #expect(strict.pValue < 0.01)
        #expect(strict.significant)
    }
}

/// The flat counts the randomization test sums give the same headline
/// figures as the scorecard itself.
@Suite struct HeadlineCountsTests {
    @Test func vectorsSumToTheScorecardsFigures() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let (gold, _) = corpus.loadGold()
        let extractor = BaselineExtractor()
        let predictions = gold.map { extractor.extract(id: $0.id, article: $0.article!) }
        let docs = (0..<5).map { k -> DocumentScore in
            var d = DocumentScorer(options: ScoringOptions()).score(
                gold: gold[0].document, prediction: k % 2 == 0 ? predictions[0] : nil, article: gold[0].article)
            d.id = "d\(k)"
            return d
        }
        let card = Scorecard(documents: docs, options: ScoringOptions())
        var types = Set<String>()
        for d in docs { types.formUnion(d.entities.types.keys) }
        let layout = HeadlineCounts(types: Array(types))
        var sum = [Double](repeating: 0, count: layout.width)
        for d in docs { for (k, x) in layout.vector(d).enumerated() { sum[k] += x } }
        let figures = sum.withUnsafeBufferPointer { layout.metrics($0, names: Metrics.headline) }
        for (name, value) in zip(Metrics.headline, figures) {
            #expect(abs(value - card.metrics[name]!) < 1e-12, "\(name)")
        }
    }

    @Test func smallestPValueWithFewDocuments() {
        let test = ApproximateRandomization(trials: 10_000)
        #expect(test.smallestPValue(documents: 4) == 0.125)
        #expect(test.smallestPValue(documents: 6) == 0.03125)
        #expect(test.smallestPValue(documents: 2_000) == 1.0 / 10_001)
    }
}

/// Totals summed in parts on several cores are the serial sums exactly, and a scorecard's
/// documents come out in id order whatever order they arrive in.
@Suite struct TotalsInPartsTests {
    /// 3,000 synthetic documents, each predicted with a third of its mentions dropped, some
    /// retyped and some moved, and its quotes kept: every count and every type is exercised.
    static let scores: [DocumentScore] = {
        let corpus = SyntheticCorpus()
        let scorer = DocumentScorer()
        return (0..<3_000).map { k in
            var gold = corpus.document(k % 97, seed: UInt64(k)).annotation
            gold.header.id = "doc-\(k)"  // unique: the order of the cards' documents is then one
            var prediction = PredictionDocument(gold)
            prediction.id = gold.id
            prediction.mentions = prediction.mentions.enumerated().compactMap { i, m in
                var m = m
                switch (i + k) % 6 {
                case 0, 3: return nil
                case 1: m.type = EntityType(m.type.name == "PERSON" ? "ORG" : "PERSON")
                case 2: m.span = Span(m.span.start + 1, m.span.end)
                default: break
                }
                return m
            }
            return scorer.score(gold: gold, prediction: prediction)
        }
    }()

    @Test(arguments: [1, 2, 3, 8]) func partsAddUpToTheSerialSums(jobs: Int) {
        let serial = Totals(Self.scores)
        #expect(serial.documents == 3_000)
        #expect(serial.entities.strict.cor > 0 && serial.entities.strict.mis > 0 && serial.entities.strict.inc > 0)
        #expect(Totals(Self.scores, jobs: jobs) == serial)
        #expect(Totals(Array(Self.scores.prefix(700)), jobs: jobs) == Totals(Self.scores.prefix(700)))
    }

    @Test func documentsInIDOrderWhateverTheInput() {
        var rng = SeededGenerator(seed: 9)
        let inOrder = Scorecard(documents: Self.scores, options: ScoringOptions())
        let shuffled = Scorecard(documents: Self.scores.shuffled(using: &rng), options: ScoringOptions())
        let ids = inOrder.documents.map(\.id)
        #expect(ids == ids.sorted())
        #expect(shuffled == inOrder)
    }
}

import AttestKit
import Foundation
import Testing

/// Agreement figures against hand computation (docs/metrics.md, "Agreement").
@Suite struct AgreementTests {
    static func sample() throws -> (AnnotationDocument, ArticleText) {
        let doc = try AnnotationFile.read(Paths.sampleAnnotation).document
        let bytes = [UInt8](try Data(contentsOf: Paths.sample.appendingPathComponent("corpus/sample.txt")))
        return (doc, try #require(ArticleText(bytes: bytes)))
    }

    @Test func twoCopiesAgreeEverywhere() throws {
        let (doc, article) = try Self.sample()
        let r = Agreement.report(
            names: ["a", "b", "c"], sets: [["sample": doc], ["sample": doc], ["sample": doc]],
            articles: ["sample": article])
        #expect(r.average.values == [Double](repeating: 1, count: Agreement.Pair.keys.count))
        #expect(r.fleiss == 1)
    }

    /// Nothing to agree on is undefined, not perfect: two annotators who marked nothing have no F1,
    /// no quote shares, κ with chance agreement 1 (every token `O`) and α_u with no expected
    /// disagreement — NaN, printed `undefined`, null in JSON, and a gate on it fails.
    @Test func nothingToAgreeOnIsUndefined() throws {
        let (doc, article) = try Self.sample()
        var empty = doc
        empty.entities = []
        empty.quotes = []
        let r = Agreement.report(
            names: ["a", "b"], sets: [["sample": empty], ["sample": empty]], articles: ["sample": article])
        let f = try #require(r.pairs.first?.figures)
        #expect(f.values.allSatisfy { $0.isNaN }, "\(f.values)")
        #expect(r.average.values.allSatisfy { $0.isNaN })
        #expect(r.alphaMentions.isNaN && r.alphaQuotes.isNaN)
        let text = AgreementReport.text(
            r, gates: [try AgreementReport.Gate(metric: "tokens.cohen-kappa", minimum: 0.5)])
        #expect(text.contains("mentions.strict.f1     undefined") || text.contains("undefined"), "\(text)")
        #expect(!text.contains("1.0000") && !text.contains("nan"), "\(text)")
        #expect(text.contains("FAIL tokens.cohen-kappa = undefined"), "\(text)")
        #expect(text.contains("nothing to agree on, which is not perfect agreement"))
        let json = AgreementReport.json(r)
        #expect(json.contains(#""mentions.strict.f1":null"#) && json.contains(#""undefined":"#), "\(json)")
        // Two annotators who mark every token with one type but cut it differently: κ and α_u have
        // no expected disagreement either (scikit-learn: NaN), while mention F1 is defined (0).
        var a = empty
        var b = empty
        a.entities = [
            Entity(
                id: "e1", type: EntityType("ORG"), name: "x",
                mentions: [
                    Mention(
                        id: "m1", excerpt: Excerpt(span: Span(0, article.count), text: article[Span(0, article.count)]))
                ])
        ]
        b.entities = [
            Entity(
                id: "e1", type: EntityType("ORG"), name: "x",
                mentions: [
                    Mention(id: "m1", excerpt: Excerpt(span: Span(0, 10), text: article[Span(0, 10)])),
                    Mention(
                        id: "m2",
                        excerpt: Excerpt(span: Span(10, article.count), text: article[Span(10, article.count)])),
                ])
        ]
        let cut = Agreement.report(
            names: ["a", "b"], sets: [["sample": a], ["sample": b]], articles: ["sample": article])
        let g = try #require(cut.pairs.first?.figures)
        #expect(g.mentionsStrict == 0 && g.kappa.isNaN && cut.alphaMentions.isNaN, "\(g.values) \(cut.alphaMentions)")
    }

    /// B leaves out Courier (m5) and calls Springfield an ORG; its q2 starts one word later.
    ///
    /// Mentions: A has 5, B 4, 3 agree (Jane Doe, Ed Ray, Doe): F1 = 2·3/9 = 2/3, by overlap too
    /// (Springfield's types differ). Quotes: 2 of 3 exact, F1 = 4/6; q2 "the march had been
    /// peaceful" [122,149) against "march had been peaceful" [126,149): Jaccard 23/27 ≥ 0.5, so
    /// all 3 match by overlap, same kinds, speakers and cues.
    ///
    /// Tokens (35, split at white space): A labels 5 PERSON, 1 LOC, 1 ORG, 28 O; B 5 PERSON,
    /// 1 ORG, 29 O; they differ on Springfield and Courier: p_o = 33/35,
    /// p_e = (5·5 + 1·0 + 1·1 + 28·29)/35² = 838/1225, κ = (1155 − 838)/(1225 − 838) = 317/387.
    @Test func handComputedFiguresAfterKnownEdits() throws {
        let (a, article) = try Self.sample()
        var editor = EditApplier(document: a)
        _ = try editor.applyAll([
            .removeMention("m5"), .removeEntity("e4"), .retype(entity: "e2", type: EntityType("ORG")),
        ])
        var b = editor.document
        b.quotes[1].content = Excerpt(span: Span(126, 149), text: "march had been peaceful")
        #expect(Agreement.tokenLabels(a, article: article).count == 35)
        let r = Agreement.report(
            names: ["a", "b"], sets: [["sample": a], ["sample": b]], articles: ["sample": article])
        let f = try #require(r.pairs.first?.figures)
        #expect(abs(f.mentionsStrict - 2.0 / 3) < 1e-12)
        #expect(abs(f.mentionsOverlap - 2.0 / 3) < 1e-12)
        #expect(abs(f.quotesExact - 4.0 / 6) < 1e-12)
        #expect(f.quotesOverlap == 1 && f.kinds == 1 && f.speakers == 1 && f.cues == 1)
        #expect(abs(f.kappa - 317.0 / 387) < 1e-12, "\(f.kappa)")
        // Entities: A has 4, B 3; Jane Doe (2 mentions) and Ed Ray agree: F1 = 2·2/7.
        #expect(abs(f.entitiesExact - 4.0 / 7) < 1e-12)
        // Per type: PERSON 3/3 agree; LOC 1 against 0; ORG 1 against 1 (Courier, Springfield), none agree.
        #expect(r.types["PERSON"] == Agreement.TypeCounts(a: 3, b: 3, agreed: 3))
        #expect(r.types["LOC"] == Agreement.TypeCounts(a: 1, b: 0, agreed: 0))
        #expect(r.types["ORG"] == Agreement.TypeCounts(a: 1, b: 1, agreed: 0) && r.types["ORG"]?.f1 == 0)
    }

    /// A team annotates a share twice, each document by a different pair: every pair is compared on
    /// the documents the two share. ann1 and ann2 share "one" (identical: F1 1); ann2 and ann3 share
    /// "two" (ann3 dropped m5 of five mentions: P 1, R 4/5, F1 8/9); ann1 and ann3 share nothing
    /// (undefined); no document is common to all three, so Fleiss' κ is absent.
    @Test func eachPairIsComparedOnTheDocumentsItShares() throws {
        let (a, article) = try Self.sample()
        var editor = EditApplier(document: a)
        _ = try editor.applyAll([.removeMention("m5")])
        let fewer = editor.document
        let r = Agreement.report(
            names: ["ann1", "ann2", "ann3"],
            sets: [["one": a], ["one": a, "two": a], ["two": fewer]],
            articles: ["one": article, "two": article])
        #expect(r.documents == ["one", "two"])
        #expect(r.pairs.map { [$0.i, $0.j] } == [[0, 1], [0, 2], [1, 2]])
        #expect(r.pairs[0].figures.mentionsStrict == 1)
        #expect(r.pairs[1].figures.mentionsStrict.isNaN)
        #expect(abs(r.pairs[2].figures.mentionsStrict - 8.0 / 9) < 1e-12, "\(r.pairs[2].figures.mentionsStrict)")
        #expect(r.perDocument.map(\.id) == ["one", "two"])
        #expect(abs(r.perDocument[1].figures.mentionsStrict - 8.0 / 9) < 1e-12)
        #expect(r.fleiss == nil)
    }

    /// The agreement page puts the worst document first, links each to its curation view, and
    /// escapes and isolates names (a right-to-left override in a name stays inside its cell).
    @Test func theAgreementPageListsTheWorstDocumentFirst() throws {
        let (a, article) = try Self.sample()
        var editor = EditApplier(document: a)
        _ = try editor.applyAll([.removeMention("m5")])
        let r = Agreement.report(
            names: ["ann<1>", "\u{202E}2nna"], sets: [["aaa": a, "zzz": a], ["aaa": a, "zzz": editor.document]],
            articles: ["aaa": article, "zzz": article])
        let html = AgreementPage.html(r) { AgreementPage.curationLink(base: "http://h:1", id: $0) }
        let rows = html.components(separatedBy: "<tr>").filter { $0.contains("<th scope=\"row\"><a href=") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("<th scope=\"row\"><a href=\"http://h:1/?doc=zzz&amp;curate=1\">") == true)
        #expect(rows.first?.contains("<td>0.8889</td>") == true, "\(rows)")
        #expect(html.contains("<bdi>ann&lt;1&gt;</bdi>") && !html.contains("ann<1>"))
        #expect(html.contains("<bdi>\u{202E}2nna</bdi>"))
    }

    /// Fleiss' κ on the worked example of Fleiss (1971) as Wikipedia gives it: 10 items, 14 raters, κ ≈ 0.210.
    @Test func fleissOnTheTextbookExample() {
        let table: [[Int]] = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let items = table.map { row in row.enumerated().flatMap { k, n in [String](repeating: "c\(k)", count: n) } }
        #expect(abs(Agreement.fleiss(items) - 0.20993) < 1e-4, "\(Agreement.fleiss(items))")
        // Cohen's κ: 2 raters, 50 items, the classic table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): κ = 0.4.
        let pairs =
            [(String, String)](repeating: ("y", "y"), count: 20) + [(String, String)](repeating: ("y", "n"), count: 5)
            + [(String, String)](repeating: ("n", "y"), count: 10)
            + [(String, String)](repeating: ("n", "n"), count: 15)
        #expect(abs(Agreement.cohen(pairs) - 0.4) < 1e-12)
    }
}

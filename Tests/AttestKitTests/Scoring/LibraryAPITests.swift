import AttestKit
import Foundation
import Testing

/// How an extractor written in Swift asserts its scores in its own tests:
/// public API only (no @testable import).
@Suite struct LibraryAPITests {
    /// A toy extractor: every occurrence of a known name is a PERSON.
    struct NameSpotter {
        let names: [String]
        func extract(id: String, article: ArticleText) -> PredictionDocument {
            let mentions = names.flatMap { article.occurrences(of: $0) }.map {
                PredictedMention(span: $0, type: .person)
            }
            return PredictionDocument(id: id, mentions: mentions)
        }
    }

    @Test func aSwiftExtractorAssertsItsScores() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sample")
        let corpus = try Corpus.open(root: root)
        let (gold, problems) = corpus.loadGold()
        #expect(problems.isEmpty)
        let extractor = NameSpotter(names: ["Jane Doe", "Ed Ray"])
        let predictions = try gold.map { g in extractor.extract(id: g.id, article: try #require(g.loadArticle())) }
        let card = Scorer().score(gold: gold.map(\.document), predictions: predictions)
        // Two of the five gold mentions, both right: P 1, R 2/5.
        #expect(card["entities.strict.precision"] == 1)
        #expect(card["entities.strict.recall"] == 0.4)
        #expect(card["entities.strict.PERSON.recall"] == 2.0 / 3.0)
        #expect(card["quotes.overlap.recall"] == 0)
    }
}

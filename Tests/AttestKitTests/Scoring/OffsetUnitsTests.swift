import AttestKit
import Foundation
import Testing

/// Offsets counted in UTF-8 bytes or UTF-16 units, given without `text`,
/// are spotted by where they cut words.
@Suite struct OffsetUnitsTests {
    // Code points: “ at 0, Zoë Ball 1..<9, ” 9, …; José 23..<27; 🚢 at 30; Ann Lee 32..<39.
    static let article = ArticleText("“Zoë Ball” said the BBC. José met 🚢 and Ann Lee in Zürich.")

    static func span(_ text: String, _ units: OffsetUnitsCheck.Units?) -> Span {
        let s = article.string
        let range = s.range(of: text)!
        switch units {
        case nil:
            return Span(
                s.unicodeScalars.distance(from: s.startIndex, to: range.lowerBound),
                s.unicodeScalars.distance(from: s.startIndex, to: range.upperBound))
        case .utf8?:
            return Span(
                s.utf8.distance(from: s.startIndex, to: range.lowerBound),
                s.utf8.distance(from: s.startIndex, to: range.upperBound))
        case .utf16?:
            return Span(
                s.utf16.distance(from: s.startIndex, to: range.lowerBound),
                s.utf16.distance(from: s.startIndex, to: range.upperBound))
        }
    }

    static func prediction(_ units: OffsetUnitsCheck.Units?) -> PredictionDocument {
        PredictionDocument(
            id: "d",
            mentions: ["Zoë Ball", "BBC", "José", "Ann Lee", "Zürich"].map {
                PredictedMention(span: span($0, units), type: .person)
            })
    }

    @Test func codePointsRaiseNothing() {
        #expect(OffsetUnitsCheck.suspect(Self.prediction(nil), article: Self.article) == nil)
    }

    @Test func utf8BytesAreSpotted() throws {
        let s = try #require(OffsetUnitsCheck.suspect(Self.prediction(.utf8), article: Self.article))
        #expect(s.units == .utf8)
        #expect(s.considered == 5)
        #expect(s.cleanInUnits == 5)
        #expect(s.example.field.description == "entities[0]")
        #expect(s.example.corrected == Self.span("Zoë Ball", nil))
    }

    @Test func utf16UnitsAreSpotted() throws {
        let s = try #require(OffsetUnitsCheck.suspect(Self.prediction(.utf16), article: Self.article))
        #expect(s.units == .utf16)
        // Only the spans after the ship differ in UTF-16.
        #expect(s.considered == 2)
        #expect(s.example.corrected == Self.span("Ann Lee", nil))
    }

    @Test func spansWithTextAreLeftToTheTextCheck() {
        var p = Self.prediction(.utf8)
        for i in p.mentions.indices { p.mentions[i].text = "x" }
        #expect(OffsetUnitsCheck.suspect(p, article: Self.article) == nil)
    }

    @Test func theWarningNamesTheLineOfThePredictionFile() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let (gold, _) = corpus.loadGold()
        let article = try #require(gold.first?.loadArticle())
        // The sample's mentions as UTF-8 byte offsets, no text, on line 2 after a blank line.
        let doc = gold[0].document
        let entities = doc.mentions.map { m -> String in
            let s = article.string
            let a = s.unicodeScalars.index(s.startIndex, offsetBy: m.mention.span.start)
            let b = s.unicodeScalars.index(s.startIndex, offsetBy: m.mention.span.end)
            return
                "{\"start\": \(s.utf8.distance(from: s.startIndex, to: a)), \"end\": \(s.utf8.distance(from: s.startIndex, to: b)), \"type\": \"\(m.entity.type)\"}"
        }
        let pred = folder.write(
            "p.jsonl", "\n{\"id\": \"sample\", \"entities\": [\(entities.joined(separator: ", "))]}\n")
        let outcome = try ScoreRun(
            ScoreRequest(
                goldFiles: corpus.annotationURLs(), articles: corpus.articleResolver, predictions: .jsonLines(pred.path)
            )
        ).run()
        let warning = try #require(outcome.diagnostics.first { $0.rule == "pred.offset-units" })
        #expect(warning.line == 2)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("look like UTF-8 bytes"))
    }
}

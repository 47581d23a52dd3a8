import AttestKit
import Foundation
import Testing

/// The HTML score report is one file a CI artifact can hold: nothing in it may run but its own
/// script (allowed by its hash), whatever the document ids, texts and extractor messages hold.
@Suite struct HTMLScoreReportTests {
    static let hostile = "evil-<script>alert(1)</script>\u{202E}"

    static func card() -> Scorecard {
        var entities = EntityDocumentScore()
        entities.overall.strict = Counts(cor: 1, inc: 0, par: 0, mis: 1, spu: 0)
        entities.types["PERSON"] = SchemeCounts()
        entities.types["PERSON"]?.strict = Counts(cor: 1, inc: 0, par: 0, mis: 1, spu: 0)
        let error = ScoreError(
            kind: .missed, gold: Span(2, 11), goldType: "PERSON", goldText: "Ana </script> S",
            before: "🚢 ", after: " <b>said</b>", focus: "Ana </script> S")
        let document = DocumentScore(
            id: hostile, predicted: true, entities: entities, quotes: QuoteDocumentScore(), errors: [error])
        let failure = ExtractorFailure(
            id: hostile, kind: .crash, reason: "died <img src=x onerror=alert(2)>",
            stderrTail: ["</pre><script>x()</script>"])
        return Scorecard(documents: [document], options: ScoringOptions(), failures: [failure])
    }

    @Test func nothingButItsOwnScriptRunsAndItsHashIsInThePolicy() throws {
        let html = HTMLScoreReport.render(Self.card(), studio: "http://127.0.0.1:4646/?token=a&b=\"c\"")
        // Exactly two script elements: the data (JSON, not run) and the page's own script.
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>said"))
        // The policy names the script's hash: a changed script would not run, an injected one neither.
        let open = try #require(html.range(of: "<script>", options: .backwards))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        let script = String(html[open.upperBound..<close.lowerBound])
        let digest = SHA256Hex.of(Array(script.utf8))
        var bytes: [UInt8] = []
        var i = digest.startIndex
        while i < digest.endIndex {
            let j = digest.index(i, offsetBy: 2)
            bytes.append(UInt8(digest[i..<j], radix: 16)!)
            i = j
        }
        #expect(html.contains("script-src 'sha256-\(Data(bytes).base64EncodedString())'"))
        #expect(html.contains("default-src 'none'"))
        // The data block cannot end early: no "<" inside it at all.
        let data = try #require(html.range(of: "<script type=\"application/json\" id=\"error-data\">"))
        let end = try #require(html.range(of: "</script>", range: data.upperBound..<html.endIndex))
        #expect(!html[data.upperBound..<end.lowerBound].contains("<"))
        // The id is shown as text, isolated.
        #expect(html.contains("<bdi>evil-&lt;script&gt;alert(1)&lt;/script&gt;\u{202E}</bdi>"))
    }

    @Test func theFiguresAreTheCards() throws {
        let card = Self.card()
        let html = HTMLScoreReport.render(card)
        // 1 correct, 1 missed: precision 1, recall 0.5, F1 2/3.
        #expect(card.metrics["entities.strict.f1"] == 2.0 / 3.0)
        #expect(
            html.contains(
                "<tr data-metric=\"entities.strict.f1\"><th scope=\"row\">Entities, strict</th><td>1.0000</td><td>0.5000</td><td class=\"f1\">0.6667</td>"
            ))
        #expect(html.contains("<h2>Errors (1)</h2>"))
        #expect(html.contains("<h2>Extractor failures (1)</h2>"))
    }
}

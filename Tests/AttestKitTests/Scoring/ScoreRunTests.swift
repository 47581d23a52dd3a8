import AttestKit
import Foundation
import Testing

/// Predictions read from JSON Lines against the sample corpus (curly quotes,
/// a dash): every bad input is an error naming file, line and field.
@Suite struct ScoreRunTests {
    static func run(_ jsonl: String, in folder: TemporaryFolder, requireAll: Bool = false, map: [String: String?] = [:])
        throws -> ScoreOutcome
    {
        let pred = folder.write("pred.jsonl", jsonl)
        let corpus = try Corpus.open(root: folder.url)
        return try ScoreRun(
            ScoreRequest(
                goldFiles: corpus.annotationURLs(), articles: corpus.articleResolver,
                predictions: .jsonLines(pred.path),
                typeMap: TypeMap(map.mapValues { $0.map { EntityType($0) } }), requireAll: requireAll)
        ).run()
    }

    @Test func exportScoresOneOnEveryMetric() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let corpus = try Corpus.open(root: folder.url)
        let (golds, problems) = corpus.loadGold()
        #expect(problems.isEmpty)
        let outcome = try Self.run(
            PredictionWriter.jsonLines(golds.map { PredictionDocument($0.document) }), in: folder)
        #expect(outcome.diagnostics.isEmpty)
        let card = try #require(outcome.scorecard)
        #expect(!card.metrics.isEmpty)
        for (name, value) in card.metrics { #expect(value == 1.0, "\(name)") }
    }

    @Test func malformedLineNamesLineAndColumn() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let outcome = try Self.run(
            "{\"id\": \"sample\", \"entities\": []}\n\n{\"id\": \"sample\", \"entities\": [}\n", in: folder)
        #expect(outcome.scorecard == nil)
        let d = try #require(outcome.diagnostics.first { $0.rule == "pred.syntax" })
        #expect(d.line == 3)
        #expect(d.column == 31)
        #expect(d.message.contains("not valid JSON"))
    }

    @Test func fieldErrorsNameTheField() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let line =
            #"{"id": "sample", "entities": [{"start": 36, "end": 44, "type": "PERSON"}, {"start": "36", "end": 44, "type": "PERSON"}, {"start": 1e30, "end": 2, "type": "LOC"}], "quotes": [{"start": 5, "end": 3}]}"#
        let outcome = try Self.run(line + "\n", in: folder)
        let rendered = outcome.diagnostics.map { "\($0.line):\($0.column) \($0.rule) \($0.message)" }
        #expect(rendered.contains { $0.hasPrefix("1:85 pred.field entities[1].start must be an integer") })
        #expect(rendered.contains { $0.contains("pred.range entities[2].start offset 1e30 is far beyond any article") })
        #expect(rendered.contains { $0.contains("pred.range quotes[0].end end 3 must be greater than start 5") })
    }

    @Test func unknownDocumentAndOutOfRangeSpan() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let outcome = try Self.run(
            #"{"id": "nope", "entities": []}"# + "\n"
                + #"{"id": "sample", "entities": [{"start": 180, "end": 190, "type": "LOC"}]}"# + "\n", in: folder)
        #expect(
            outcome.diagnostics.contains {
                $0.rule == "pred.unknown-document" && $0.line == 1 && $0.message.contains("\"nope\"")
            })
        #expect(
            outcome.diagnostics.contains {
                $0.rule == "pred.range" && $0.line == 2
                    && $0.message.contains("[180,190) lies outside the text of sample (185 code points)")
            })
    }

    /// “ and ” are one code point each but three UTF-8 bytes: "Jane Doe" is [36,44) in code points and [40,48) in bytes.
    @Test func textMismatchSaysUTF8Bytes() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let outcome = try Self.run(
            #"{"id": "sample", "entities": [{"start": 40, "end": 48, "type": "PERSON", "text": "Jane Doe"}]}"# + "\n",
            in: folder)
        let d = try #require(outcome.diagnostics.first { $0.rule == "pred.text" })
        #expect(d.message.contains("look like UTF-8 byte offsets: in code points this text is [36,44)"))
        #expect(d.message.contains("entities[0].text"))
    }

    @Test func textMismatchSaysUTF16Units() throws {
        let folder = TemporaryFolder()
        let text = "Fans 😀 cheered as “Ana Silva” won — again.\n"
        let article = ArticleText(text)
        folder.write(
            "attest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"urn:attest:format:1\" version=\"1.0\">\n  <corpus name=\"t\" guidelines=\"1.0\"/>\n</manifest>\n"
        )
        folder.write("corpus/emoji.txt", text)
        let header = DocumentHeader(
            id: "emoji", articlePath: "../corpus/emoji.txt", sha256: SHA256Hex.of(Array(text.utf8)),
            length: article.count, status: .gold)
        folder.write("annotations/emoji.xml", AnnotationWriter.xml(AnnotationDocument(header: header)))
        let cp = article.occurrences(of: "Ana Silva")[0]
        #expect(cp == Span(19, 28))
        // The emoji is two UTF-16 units: JavaScript would say [20,29).
        let outcome = try Self.run(
            #"{"id": "emoji", "entities": [{"start": 20, "end": 29, "type": "PERSON", "text": "Ana Silva"}]}"# + "\n",
            in: folder)
        let d = try #require(outcome.diagnostics.first { $0.rule == "pred.text" })
        #expect(d.message.contains("look like UTF-16 code units"))
        #expect(d.message.contains("[19,28)"))
    }

    @Test func missingPredictionWarnsOrFails() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let lenient = try Self.run("", in: folder)
        #expect(lenient.scorecard?.documents.first?.predicted == false)
        #expect(lenient.diagnostics.map(\.severity) == [.warning])
        #expect(lenient.scorecard?.metrics["entities.strict.recall"] == 0)
        let strict = try Self.run("", in: folder, requireAll: true)
        #expect(strict.scorecard == nil)
        #expect(strict.diagnostics.first?.rule == "pred.missing")
    }

    @Test func predictionsAsAnnotationFiles() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        // Another annotator's file (status prediction) with one mention dropped.
        var xml = read(folder.url.appendingPathComponent("annotations/sample.xml")).replacingOccurrences(
            of: "status=\"gold\"", with: "status=\"prediction\"")
        xml = xml.replacingOccurrences(
            of: "      <mention id=\"m3\" start=\"93\" end=\"99\">Ed Ray</mention>\n", with: "")
        xml = xml.replacingOccurrences(of: "speaker-entity=\"e3\"", with: "")
        xml = xml.replacingOccurrences(
            of: "    <entity id=\"e3\" type=\"PERSON\" name=\"Ed Ray\">\n    </entity>\n", with: "")
        folder.write("other/sample.xml", xml)
        let corpus = try Corpus.open(root: folder.url)
        let outcome = try ScoreRun(
            ScoreRequest(
                goldFiles: corpus.annotationURLs(),
                predictions: .annotations(folder.url.appendingPathComponent("other")))
        ).run()
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let card = try #require(outcome.scorecard)
        #expect(card.totals.entities.strict == Counts(cor: 4, mis: 1))
        #expect(card.totals.quotes.exact.tp == 3)
    }

    @Test func byteOrderMarkAndCRLFAreTolerated() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let line = #"{"id": "sample", "entities": [{"start": 36, "end": 44, "type": "PERSON", "text": "Jane Doe"}]}"#
        let outcome = try Self.run("\u{FEFF}" + line + "\r\n\r\n", in: folder)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.scorecard?.totals.entities.strict.cor == 1)
    }

    @Test func duplicateDocumentIsAnError() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let outcome = try Self.run("{\"id\": \"sample\"}\n{\"id\": \"sample\"}\n", in: folder)
        #expect(outcome.diagnostics.contains { $0.rule == "pred.duplicate" && $0.line == 2 })
    }

    /// Which document was predicted where is kept by each gold document's place: a second prediction
    /// names the first's line, an unknown id is its own error, and the unpredicted are listed by id.
    @Test func repeatedUnknownAndMissingDocumentsAmongSeveral() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let xml = read(folder.url.appendingPathComponent("annotations/sample.xml"))
        for id in ["delta", "alpha", "charlie"] {
            folder.write("annotations/\(id).xml", xml.replacingOccurrences(of: #"id="sample""#, with: #"id="\#(id)""#))
        }
        let outcome = try Self.run(
            ["charlie", "zulu", "sample", "charlie"].map { #"{"id": "\#($0)"}"# + "\n" }.joined(), in: folder)
        let repeated = outcome.diagnostics.filter { $0.rule == "pred.duplicate" }
        #expect(repeated.map(\.line) == [4])
        #expect(repeated.first?.message.contains("document charlie is predicted again (first at line 1)") == true)
        let unknown = outcome.diagnostics.filter { $0.rule == PredictionRules.unknownDocument.id }
        #expect(unknown.map(\.line) == [2])
        let missing = try #require(outcome.diagnostics.first { $0.rule == "pred.missing" })
        #expect(missing.message.contains("2 gold document(s) have no prediction and are scored as empty: alpha, delta"))
    }

    @Test func typeMapRenamesAndDrops() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        // Springfield is LOC [48,59); Jane Doe PERSON [36,44).
        let line =
            #"{"id": "sample", "entities": [{"start": 48, "end": 59, "type": "GPE"}, {"start": 36, "end": 44, "type": "NORP"}, {"start": 0, "end": 3, "type": "DATE"}]}"#
        let outcome = try Self.run(line + "\n", in: folder, map: ["GPE": "LOC", "NORP": nil])
        let card = try #require(outcome.scorecard)
        #expect(card.totals.entities.strict == Counts(cor: 1, mis: 4))
        #expect(
            outcome.diagnostics.contains {
                $0.rule == "pred.undeclared-type" && $0.message.contains("1 predicted mention(s) of type DATE")
            })
    }
}

/// A prediction set against the shipped gold corpus, with figures worked out by hand.
@Suite struct ShippedGoldScoringTests {
    @Test func perturbedExportHasHandComputedFigures() throws {
        let corpus = try Corpus.open(root: Paths.repository)
        let (golds, problems) = corpus.loadGold()
        #expect(problems.isEmpty)
        var predictions = golds.map { PredictionDocument($0.document) }
        let total = predictions.reduce(0) { $0 + $1.mentions.count }
        let quotes = predictions.reduce(0) { $0 + $1.quotes.count }
        // In the first document: drop two mentions, retype one, shift one end, add one spurious span that touches no gold mention.
        var p = predictions[0]
        let gold = golds[0].document
        let article = try #require(golds[0].loadArticle())
        let covered = Set(gold.mentions.flatMap { Array($0.mention.span.start..<$0.mention.span.end) })
        let free = try #require(
            (0..<(article.count - 5)).first { s in (s..<s + 5).allSatisfy { !covered.contains($0) } })
        p.mentions.removeFirst(2)
        p.mentions[0].type = p.mentions[0].type == .location ? .person : .location
        p.mentions[1].span.end -= 1
        p.mentions.append(PredictedMention(span: Span(free, free + 5), type: .organization))
        // Quotes: drop one, and give another no speaker.
        p.quotes.removeLast()
        p.quotes[0].speaker = nil
        predictions[0] = p
        let card = Scorer(options: ScoringOptions(matching: .optimal)).score(
            gold: golds.map(\.document), predictions: predictions)
        #expect(card.totals.entities.strict == Counts(cor: total - 4, inc: 2, mis: 2, spu: 1))
        // P = (T-4)/(T-1), R = (T-4)/T; F1 = 2(T-4)/(2T-1).
        let t = Double(total)
        #expect(abs(card.metrics["entities.strict.precision"]! - (t - 4) / (t - 1)) < 1e-12)
        #expect(abs(card.metrics["entities.strict.recall"]! - (t - 4) / t) < 1e-12)
        #expect(abs(card.metrics["entities.strict.f1"]! - 2 * (t - 4) / (2 * t - 1)) < 1e-12)
        // The retyped mention is right under exact; the shifted one under type.
        #expect(card.totals.entities.exact == Counts(cor: total - 3, inc: 1, mis: 2, spu: 1))
        #expect(card.totals.entities.type == Counts(cor: total - 3, inc: 1, mis: 2, spu: 1))
        #expect(card.totals.quotes.exact == Tally(tp: quotes - 1, predicted: quotes - 1, expected: quotes))
        #expect(card.totals.quotes.matched == quotes - 1)
        #expect(card.totals.quotes.attributed == quotes - 2)
        #expect(abs(card.metrics["quotes.attribution.f1"]! - 2 * Double(quotes - 2) / Double(2 * quotes - 1)) < 1e-12)
    }
}

import AttestKit
import Foundation
import Testing

/// `attest score`, `export`, `merge` and `compare` end to end, through the binary.
@Suite(.serialized) struct ScoreCommandTests {
    static func sampleWithPredictions(_ jsonl: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("pred.jsonl", jsonl)
        return folder
    }

    static let halfRight =
        #"{"id": "sample", "entities": [{"start": 36, "end": 44, "type": "PERSON", "text": "Jane Doe"}, {"start": 48, "end": 59, "type": "PERSON"}], "quotes": [{"start": 1, "end": 23, "kind": "direct", "speaker": {"start": 36, "end": 44}, "cue": null}]}"#
        + "\n"

    @Test func gateFailureExitsOneAndSaysByHowMuch() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        let r = try CommandRunner.run(
            ["score", "--pred", "pred.jsonl", "--min", "entities.strict.f1=0.9"], in: folder.url)
        #expect(r.status == 1)
        // Gold has 5 mentions: COR 1, INC 1, MIS 3 → P 1/2, R 1/5, F1 2/7 = 0.2857.
        #expect(r.stdout.contains("FAILED entities.strict.f1: 0.2857, minimum 0.9000 (-0.6143)"))
        let pass = try CommandRunner.run(
            ["score", "--pred", "pred.jsonl", "--min", "entities.strict.f1=0.25"], in: folder.url)
        #expect(pass.status == 0, "\(pass.stderr)")
    }

    /// A prediction with nothing in it: precision has nothing to divide, and the report says the
    /// figure is undefined (printed 0, as nervaluate gives it) instead of leaving a bare 0.
    @Test func anEmptyPredictionIsSaidToBeUndefined() throws {
        let folder = try Self.sampleWithPredictions(#"{"id": "sample", "entities": [], "quotes": []}"# + "\n")
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "Undefined: entity mentions: the prediction has none, so precision and F1 are undefined, printed 0 as nervaluate gives them"
            ), "\(r.stdout)")
        #expect(r.stdout.contains("Undefined: quotes: the prediction has none"), "\(r.stdout)")
        let right = try Self.sampleWithPredictions(Self.halfRight)
        let defined = try CommandRunner.run(["score", "--pred", "pred.jsonl"], in: right.url)
        #expect(!defined.stdout.contains("Undefined"), "\(defined.stdout)")
    }

    @Test func badPredictionExitsTwoWithFileAndLine() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight + "{\"id\": \"sample\" \"entities\": []}\n")
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl"], in: folder.url)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "pred.jsonl:2:17: error: not valid JSON: ',' or '}' was expected in an object [pred.syntax]"))
        #expect(r.stdout.isEmpty)
    }

    @Test func unknownGateMetricIsAUsageError() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        let r = try CommandRunner.run(
            ["score", "--pred", "pred.jsonl", "--min", "entities.strikt.f1=0.5"], in: folder.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown metric entities.strikt.f1"))
    }

    @Test func jsonJUnitAndMarkdownReports() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        let r = try CommandRunner.run(
            [
                "score", "--pred", "pred.jsonl", "--json", "out/r.json", "--junit", "r.xml", "--markdown", "r.md",
                "--min", "quotes.overlap.f1=0.9",
            ],
            in: folder.url)
        // out/ does not exist: nothing is written and the command says so.
        #expect(r.status == 2)
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        // With --errors, the JSON report carries every document's errors too.
        let ok = try CommandRunner.run(
            [
                "score", "--pred", "pred.jsonl", "--json", "out/r.json", "--junit", "r.xml", "--markdown", "r.md",
                "--min", "quotes.overlap.f1=0.9", "--errors",
            ],
            in: folder.url)
        #expect(ok.status == 1)
        // JSON: the documented shape, re-readable.
        let report = try ScoreReport.read(folder.url.appendingPathComponent("out/r.json").path)
        #expect(report.format == "attest-score/2")
        #expect(report.documentCount == 1)
        #expect(report.entities["strict"]?.cor == 1)
        #expect(report.entities["strict"]?.inc == 1)
        #expect(report.entities["strict"]?.mis == 3)
        #expect(abs(report.metrics["quotes.overlap.f1"]! - 0.5) < 1e-12)  // 1 of 1 predicted, 1 of 3 gold
        #expect(report.gates.count == 1)  // the sample manifest has none; --min adds one
        #expect(report.gatesPassed == false)
        #expect(report.documents.first?.errors.contains { $0.kind == .type && $0.goldText == "Springfield" } == true)
        // JUnit parses as XML, one case per document and per gate.
        let junit = Array(read(folder.url.appendingPathComponent("r.xml")).utf8)
        guard case .success(let tree) = AttestKit.LibXMLParser().parse(junit) else {
            Issue.record("JUnit report is not well-formed XML")
            return
        }
        #expect(tree.root.map(LibXMLNode.name) == "testsuites")
        let text = String(decoding: junit, as: UTF8.self)
        #expect(text.contains("<testsuites name=\"attest\" tests=\"2\" failures=\"1\">"))
        #expect(text.contains("<testcase classname=\"attest.documents\" name=\"sample\">"))
        #expect(
            text.contains(
                "<failure message=\"FAILED quotes.overlap.f1: 0.5000, minimum 0.9000 (-0.4000)\" type=\"gate\"/>"))
        // Markdown: headed tables.
        let md = read(folder.url.appendingPathComponent("r.md"))
        #expect(md.hasPrefix("## Attest score\n"))
        #expect(md.contains("**1 of 1 gate(s) failed.**"))
        #expect(md.contains("| strict | 1 | 1 | 0 | 3 | 0 | 0.5000 | 0.2000 | 0.2857 |"))
    }

    @Test func reportsAreByteIdenticalAcrossRuns() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        for name in ["a", "b"] {
            let r = try CommandRunner.run(
                ["score", "--pred", "pred.jsonl", "--bootstrap", "200", "--errors", "--json", "\(name).json"],
                in: folder.url)
            #expect(r.status == 0)
        }
        #expect(read(folder.url.appendingPathComponent("a.json")) == read(folder.url.appendingPathComponent("b.json")))
        #expect(read(folder.url.appendingPathComponent("a.json")).contains("\"intervals\""))
    }

    @Test func errorsListing() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl", "--errors"], in: folder.url)
        #expect(r.stdout.contains("sample: "))
        #expect(
            r.stdout.contains(
                "type          gold LOC [48,59) \"Springfield\" / predicted PERSON [48,59) \"Springfield\"  … not back down,” said Mayor Jane Doe of ⟦Springfield⟧ — a city of 30,000.⏎Police Chief Ed Ray…"
            ))
        #expect(r.stdout.contains("missed        gold PERSON [93,99) \"Ed Ray\""))
        #expect(r.stdout.contains("missed-quote  gold indirect [122,149) \"the march had been peaceful\""))
    }

    @Test func exportRoundTripScoresOne() throws {
        let r = try CommandRunner.run(["export"], in: Paths.repository)
        #expect(r.status == 0)
        let folder = TemporaryFolder()
        let pred = folder.write("gold.jsonl", r.stdout)
        let s = try CommandRunner.run(
            ["score", "--pred", pred.path, "--json", folder.url.appendingPathComponent("r.json").path],
            in: Paths.repository)
        #expect(s.status == 0, "\(s.stderr)")
        let report = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        #expect(report.metrics.count > 40)
        for (name, value) in report.metrics { #expect(value == 1.0, "\(name)") }
    }

    @Test func shardsMergeIntoTheSingleRun() throws {
        let export = try CommandRunner.run(["export"], in: Paths.repository)
        // Perturb: drop every third mention line-wise so figures are not all 1.
        let lines = export.stdout.split(separator: "\n").map { line -> String in
            var doc = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let entities = doc["entities"] as! [[String: Any]]
            doc["entities"] = entities.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
            return String(decoding: try! JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
        }
        let folder = TemporaryFolder()
        let pred = folder.write("p.jsonl", lines.joined(separator: "\n") + "\n")
        func path(_ n: String) -> String { folder.url.appendingPathComponent(n).path }
        var shards: [String] = []
        for k in 1...2 {
            let r = try CommandRunner.run(
                [
                    "score", "--pred", pred.path, "--shard", "\(k)/2", "--bootstrap", "300", "--json",
                    path("s\(k).json"),
                ], in: Paths.repository)
            // The manifest's gates may fail on these predictions (1); the report is written all the same.
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            shards.append(path("s\(k).json"))
        }
        let whole = try CommandRunner.run(
            ["score", "--pred", pred.path, "--bootstrap", "300", "--json", path("all.json")], in: Paths.repository)
        let merged = try CommandRunner.run(
            ["merge-scores"] + shards + ["--bootstrap", "300", "--json", path("merged.json")], in: Paths.repository)
        #expect(merged.status == whole.status, "\(merged.stderr)")
        #expect(whole.stdout == merged.stdout)
        let a = try ScoreReport.read(path("all.json"))
        let b = try ScoreReport.read(path("merged.json"))
        #expect(a.metrics == b.metrics)
        #expect(a.intervals == b.intervals)
        #expect(!a.intervals.isEmpty)
        #expect(a.metrics["entities.strict.f1"]! < 1)
    }

    @Test func compareSaysDifferenceAndSignificance() throws {
        let folder = TemporaryFolder()
        let export = try CommandRunner.run(["export"], in: Paths.repository)
        let empty = export.stdout.split(separator: "\n").map { line -> String in
            let doc = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return "{\"id\": \"\(doc["id"]!)\"}"
        }
        let full = folder.write("full.jsonl", export.stdout)
        let none = folder.write("none.jsonl", empty.joined(separator: "\n") + "\n")
        _ = try CommandRunner.run(
            ["score", "--pred", full.path, "--json", folder.url.appendingPathComponent("a.json").path],
            in: Paths.repository)
        _ = try CommandRunner.run(
            ["score", "--pred", none.path, "--json", folder.url.appendingPathComponent("b.json").path],
            in: Paths.repository)
        let r = try CommandRunner.run(["compare", "a.json", "b.json", "--trials", "1000"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        // 3 documents: every swap pattern is one of 8, so the smallest two-sided p is 2/8.
        #expect(r.stdout.contains("entities.strict.f1"))
        #expect(r.stdout.contains("-1.0000"))
        #expect(r.stdout.contains("no"))
        #expect(
            r.stdout.contains(
                "With 3 document(s) the smallest p-value this test can give is 0.2500: no difference can be significant at p < 0.05 here (that takes at least 6 documents)."
            ))
    }

    @Test func baselineAndMaxDropGate() throws {
        let folder = try Self.sampleWithPredictions(Self.halfRight)
        let export = try CommandRunner.run(["export"], in: folder.url)
        folder.write("gold.jsonl", export.stdout)
        #expect(
            try CommandRunner.run(["score", "--pred", "gold.jsonl", "--json", "prev.json"], in: folder.url).status == 0)
        // Against a perfect baseline, the half-right run drops far more than 0.01.
        let r = try CommandRunner.run(
            ["score", "--pred", "pred.jsonl", "--baseline", "prev.json", "--max-drop", "0.01"], in: folder.url)
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAILED entities.strict.f1: 0.2857, baseline 1.0000, drop 0.7143, allowed 0.0100"))
        // The same run as its own baseline drops nothing.
        #expect(
            try CommandRunner.run(
                ["score", "--pred", "gold.jsonl", "--baseline", "prev.json", "--max-drop", "0"], in: folder.url
            ).status == 0)
        // --max-drop without --baseline is a usage error.
        #expect(
            try CommandRunner.run(["score", "--pred", "gold.jsonl", "--max-drop", "0.1"], in: folder.url).status == 2)
    }

    @Test func optimalMatchingIsNamedAndIgnoresOrder() throws {
        // Gold Jane Doe PERSON [36,44): LOC [36,40) first, then the right PERSON span.
        let line =
            #"{"id": "sample", "entities": [{"start": 36, "end": 40, "type": "LOC"}, {"start": 36, "end": 44, "type": "PERSON"}]}"#
        let folder = try Self.sampleWithPredictions(line + "\n")
        let nv = try CommandRunner.run(["score", "--pred", "pred.jsonl", "--json", "nv.json"], in: folder.url)
        #expect(nv.stdout.contains("entity matching: nervaluate"))
        let opt = try CommandRunner.run(
            ["score", "--pred", "pred.jsonl", "--matching", "optimal", "--json", "opt.json"], in: folder.url)
        #expect(opt.stdout.contains("entity matching: optimal"))
        #expect(try ScoreReport.read(folder.url.appendingPathComponent("nv.json").path).entities["strict"]?.cor == 0)
        #expect(try ScoreReport.read(folder.url.appendingPathComponent("opt.json").path).entities["strict"]?.cor == 1)
    }
}

/// The JSON report is written and read a line at a time, and still one JSON value.
@Suite(.serialized) struct StreamingReportTests {
    @Test func oneLinePerDocumentAndReadableWhole() throws {
        let folder = TemporaryFolder()
        try SyntheticCorpus().write(count: 5, to: folder.url)
        let export = try CommandRunner.run(["export", "--out", "p.jsonl"], in: folder.url)
        #expect(export.status == 0, "\(export.stderr)")
        let r = try CommandRunner.run(["score", "--pred", "p.jsonl", "--json", "r.json"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        let text = read(folder.url.appendingPathComponent("r.json"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 7)  // summary, 5 documents, the close
        #expect(lines[0].hasPrefix("{\"bootstrap\"") || lines[0].hasPrefix("{\"document_count\""))
        #expect(lines[0].hasSuffix(",\"documents\":["))
        #expect(lines[1].hasPrefix("{\"entities\"") && lines[1].hasSuffix("},"))
        #expect(lines[5].hasSuffix("}") && !lines[5].hasSuffix("},"))
        #expect(lines[6] == "]}")
        // One JSON value, as any JSON reader sees it.
        let whole = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect((whole?["documents"] as? [Any])?.count == 5)
        let report = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        #expect(report.documents.map(\.id) == (0..<5).map { String(format: "doc-%06d", $0) })
        let summary = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path, documents: false)
        #expect(summary.documents.isEmpty)
        #expect(summary.metrics == report.metrics)
        // Cut short, it is refused.
        folder.write("cut.json", lines.prefix(3).joined(separator: "\n") + "\n")
        #expect(throws: AttestError.self) { try ScoreReport.read(folder.url.appendingPathComponent("cut.json").path) }
    }
}

/// The hand-written document encoder writes what JSONEncoder writes, and its
/// reader reads it back to the same value.
@Suite struct DocumentScoreJSONTests {
    @Test func sameBytesAsJSONEncoder() throws {
        let folder = TemporaryFolder()
        try SyntheticCorpus().write(count: 20, to: folder.url)
        let corpus = try Corpus.open(root: folder.url)
        let (gold, _) = corpus.loadGold()
        let extractor = BaselineExtractor()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (k, g) in gold.enumerated() {
            var d = DocumentScorer(options: ScoringOptions(collectErrors: false)).score(
                gold: g.document, prediction: k % 5 == 4 ? nil : extractor.extract(id: g.id, article: g.article!),
                article: nil)
            if k == 3 { d.id = "odd \"id\" \\ with\ttab/slash é \u{1}" }
            var mine: [UInt8] = []
            DocumentScoreJSON.append(d, to: &mine)
            let theirs = Array(try encoder.encode(d))
            #expect(
                mine == theirs, "\(String(decoding: mine, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
            #expect(try JSONDecoder().decode(DocumentScore.self, from: Data(mine)) == d)
            #expect(DocumentScoreJSON.decode(mine[...]) == d)
        }
    }
}

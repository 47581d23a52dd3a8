import AttestKit
import Foundation
import Testing

/// `attest run`, `attest check` and `attest extract` end to end.
@Suite(.serialized) struct RunCommandTests {
    /// A corpus of five synthetic documents.
    static func corpus() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try SyntheticCorpus().write(count: 5, to: folder.url)
        return folder
    }

    @Test func failingExtractorsAreReportedPerDocumentAndTheRunGoesOn() throws {
        let folder = try Self.corpus()
        folder.write(
            "extractor.sh",
            """
            case "$ATTEST_DOC_ID" in
              doc-000000) kill -SEGV $$ ;;
              doc-000001) sleep 30 & sleep 30 ;;
              doc-000002) echo "model file missing" >&2; echo "giving up" >&2; exit 3 ;;
              doc-000003) echo "this is not JSON" ;;
              *) cat > /dev/null; echo '{"entities": [], "quotes": []}' ;;
            esac

            """)
        let start = Date()
        let r = try CommandRunner.run(
            ["run", "--extractor", "sh extractor.sh", "--timeout", "2", "--out", "out/p.jsonl"], in: folder.url)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1)
        #expect(seconds < 20, "a hanging extractor must not hang the run")
        // sh reports its child's SIGSEGV as status 139.
        #expect(
            r.stderr.contains(
                "doc-000000: error: the extractor exited with status 139 (killed by signal 11) [run.extractor-failed]"))
        #expect(
            r.stderr.contains("doc-000001: error: the extractor timed out after 2 s (killed) [run.extractor-failed]"))
        #expect(
            r.stderr.contains(
                "doc-000002: error: the extractor exited with status 3 [run.extractor-failed]\n    stderr: model file missing\n    stderr: giving up"
            ))
        #expect(r.stderr.contains("doc-000003: error: the extractor printed invalid JSON"))
        #expect(r.stderr.contains("the extractor failed on 4 of 5 document(s)"))
        // What came back was scored and written.
        #expect(r.stdout.contains("attest score: 5 document(s)"))
        let written = read(folder.url.appendingPathComponent("out/p.jsonl"))
        #expect(written == "{\"id\":\"doc-000004\",\"entities\":[],\"quotes\":[]}\n")
        let allowed = try CommandRunner.run(
            ["run", "--extractor", "sh extractor.sh", "--timeout", "1", "--out", "out/p.jsonl", "--allow-failures"],
            in: folder.url)
        #expect(allowed.status == 0)
    }

    @Test func runningThePythonExampleEqualsScoringItsSavedOutput() throws {
        let example = Paths.repository.appendingPathComponent("examples/extractor.py").path
        let folder = TemporaryFolder()
        func path(_ n: String) -> String { folder.url.appendingPathComponent(n).path }
        let r = try CommandRunner.run(
            [
                "run", "--extractor", "python3 \(example)", "--out", path("p.jsonl"), "--json", path("run.json"), "-j",
                "2",
            ], in: Paths.repository)
        // The manifest's gates are the baseline's; the example may fall below them (exit 1), but never errs (2).
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let s = try CommandRunner.run(
            ["score", "--pred", path("p.jsonl"), "--json", path("score.json")], in: Paths.repository)
        #expect(s.status == r.status, "\(s.stderr)")
        let a = try ScoreReport.read(path("run.json"))
        let b = try ScoreReport.read(path("score.json"))
        #expect(a.metrics == b.metrics)
        #expect(a.documents == b.documents)
        #expect(a.metrics["entities.strict.f1"]! > 0.3)
    }

    @Test func checkIsTheMainJob() throws {
        let r = try CommandRunner.run(
            ["check", "--out", TemporaryFolder().url.appendingPathComponent("p.jsonl").path], in: Paths.repository)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("attest check: 3 annotation file(s) validated: 0 problem(s)"))
        #expect(r.stdout.contains("gate(s) passed"))
        // A gate the baseline cannot reach fails the job.
        let failing = try CommandRunner.run(
            [
                "check", "--min", "entities.strict.f1=0.999", "--out",
                TemporaryFolder().url.appendingPathComponent("p.jsonl").path,
            ], in: Paths.repository)
        #expect(failing.status == 1)
    }

    @Test func checkStopsOnAnInvalidCorpus() throws {
        let folder = try Self.corpus()
        let url = folder.url.appendingPathComponent("annotations/doc-000002.xml")
        try Data(read(url).replacingOccurrences(of: "status=\"gold\"", with: "status=\"golden\"").utf8).write(to: url)
        let r = try CommandRunner.run(["check"], in: folder.url)
        #expect(r.status == 1)
        #expect(r.stdout.contains("annotations/doc-000002.xml:3:"))
        #expect(r.stdout.contains("[schema.invalid]"))
    }

    @Test func extractDraftPreAnnotatesANewArticle() throws {
        let folder = try Self.corpus()
        folder.write(
            "new.txt",
            "“We will rebuild the pier,” said Mayor Tom Hale of Eastbridge Council.\nHale told reporters that the work would start in Kingsford.\n"
        )
        #expect(try CommandRunner.run(["new", "new.txt", "--id", "pier"], in: folder.url).status == 0)
        let r = try CommandRunner.run(["extract", "pier", "--draft"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        let xml = read(folder.url.appendingPathComponent("annotations/pier.xml"))
        #expect(xml.contains("status=\"draft\""))
        #expect(xml.contains(">Tom Hale</mention>"))
        #expect(xml.contains(">Eastbridge Council</mention>"))
        #expect(xml.contains("<content start=\"1\" end=\"26\">We will rebuild the pier,</content>"))
        #expect(try CommandRunner.run(["validate", "annotations/pier.xml"], in: folder.url).status == 0)
        // A second --draft leaves the annotated file alone.
        let again = try CommandRunner.run(["extract", "pier", "--draft"], in: folder.url)
        #expect(again.stderr.contains("pier: skipped"))
        #expect(read(folder.url.appendingPathComponent("annotations/pier.xml")) == xml)
    }

    @Test func baselineOnTheSyntheticCorpusFindsItsQuotes() throws {
        let folder = try Self.corpus()
        let r = try CommandRunner.run(["run", "--json", "r.json", "--out", "p.jsonl"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        // Every synthetic quote is “…,” said NAME: direct, with its speaker.
        #expect(report.metrics["quotes.exact.direct.recall"] == 1)
        #expect(report.metrics["quotes.attribution.accuracy"] == 1)
    }
}

import AttestKit
import Foundation
import Testing

/// What CI keeps of a run: extractor failures and skipped drafts reach every
/// saved report (JSON, JUnit, Markdown), not only the terminal.
@Suite(.serialized) struct RunReportTests {
    @Test func failuresReachEveryReport() throws {
        let folder = TemporaryFolder()
        try SyntheticCorpus().write(count: 4, to: folder.url)
        folder.write(
            "extractor.sh",
            """
            case "$ATTEST_DOC_ID" in
              doc-000000) echo "segfault ahead" >&2; kill -SEGV $$ ;;
              doc-000001) sleep 30 & sleep 30 ;;
              doc-000002) echo "this is not JSON" ;;
              *) cat > /dev/null; echo '{"entities": [], "quotes": []}' ;;
            esac

            """)
        let r = try CommandRunner.run(
            [
                "run", "--extractor", "sh extractor.sh", "--timeout", "2", "--out", "p.jsonl", "--json", "r.json",
                "--junit",
                "r.xml", "--markdown", "r.md",
            ], in: folder.url)
        #expect(r.status == 1)

        let json = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        let failures = try #require(json.extractorFailures)
        #expect(failures.map(\.id) == ["doc-000000", "doc-000001", "doc-000002"])
        #expect(failures.map(\.kind) == [.crash, .timeout, .invalidJSON])
        #expect(failures[0].stderrTail.first == "segfault ahead")
        #expect(failures[2].reason.hasPrefix("printed invalid JSON (byte 0:"))

        let junit = read(folder.url.appendingPathComponent("r.xml"))
        #expect(junit.contains("type=\"run.extractor-failed.crash\""))
        #expect(junit.contains("type=\"run.extractor-failed.timeout\""))
        #expect(junit.contains("type=\"run.extractor-failed.invalid-json\""))
        #expect(junit.contains("<system-err>segfault ahead"))
        #expect(junit.contains("tests=\"4\" failures=\"3\""))

        let markdown = read(folder.url.appendingPathComponent("r.md"))
        #expect(markdown.contains("### Extractor failures (scored as empty)"))
        #expect(markdown.contains("| doc-000001 | timeout | the extractor timed out after 2 s (killed) |"))
        #expect(markdown.contains("| doc-000002 | invalid-json |"))
        #expect(markdown.contains("<details><summary>stderr of the extractor on doc-000000 (last lines)</summary>"))
        #expect(markdown.contains("segfault ahead"))
    }

    @Test func aNewDraftLeavesCheckGreenAndIsListedAsSkipped() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        folder.write("more.txt", "“Nothing is settled yet,” said Ada Lovelace of the Analytical Society.\n")
        let added = try CommandRunner.run(["new", "more.txt", "--id", "more"], in: folder.url)
        #expect(added.status == 0, "\(added.stderr)")
        let r = try CommandRunner.run(
            ["check", "--out", "p.jsonl", "--json", "r.json", "--junit", "r.xml", "--markdown", "r.md"], in: folder.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("attest score: 1 document(s) (1 skipped)"))
        #expect(r.stdout.contains("Skipped, not in the gold set for their status: 1 file(s): more (draft)"))
        #expect(!r.stderr.contains("no prediction"))
        let json = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        #expect(json.skipped == [SkippedDocument(id: "more", status: .draft)])
        #expect(json.documentCount == 1)
        #expect(
            read(folder.url.appendingPathComponent("r.xml")).contains(
                "<skipped message=\"status draft: not part of the gold set\"/>"))
        #expect(read(folder.url.appendingPathComponent("r.md")).contains("more (draft)"))
        // Export writes the gold set: the draft only when asked for.
        let export = try CommandRunner.run(["export"], in: folder.url)
        #expect(export.stdout.split(separator: "\n").count == 1)
        #expect(export.stderr.contains("skipped 1 file(s) not of status gold: more (draft)"))
        let withDrafts = try CommandRunner.run(["export", "--status", "draft,gold"], in: folder.url)
        #expect(withDrafts.stdout.split(separator: "\n").count == 2)
        // Drafts count when asked for.
        let both = try CommandRunner.run(["check", "--out", "p.jsonl", "--status", "draft,gold"], in: folder.url)
        #expect(both.stdout.contains("attest score: 2 document(s)"), "\(both.stdout)")
    }

    @Test func aPredictionFileInTheGoldFolderIsSkipped() throws {
        let folder = try TemporaryFolder.sampleCorpus()
        let text = read(Paths.sampleAnnotation).replacingOccurrences(
            of: "status=\"gold\"", with: "status=\"prediction\"")
        folder.write("annotations/sample.xml", text)
        folder.write("pred.jsonl", "{\"id\": \"sample\"}\n")
        let r = try CommandRunner.run(["score", "--pred", "pred.jsonl", "--json", "r.json"], in: folder.url)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try ScoreReport.read(folder.url.appendingPathComponent("r.json").path)
        #expect(json.skipped == [SkippedDocument(id: "sample", status: .prediction)])
        #expect(json.documentCount == 0)
    }
}
